"""Error pages in the reader's language, JSON under /api/, health, body size."""

import pytest

from tests.conftest import make_app


def test_404_page_is_translated(client):
    response = client.get("/no-such-page?lang=ru")
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.is_json
    assert "error" in response.get_json()


def test_wrong_method_is_405(client):
    response = client.post("/healthz")
    assert response.status_code in (400, 405)  # CSRF runs first on POST; never a state change


def test_get_on_post_only_route_is_405(client):
    assert client.get("/logout").status_code == 405


def test_body_larger_than_max_content_length_is_413(client):
    response = client.post("/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["database"] == "ok"


@pytest.fixture
def broken_app(tmp_path):
    return make_app(f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite3'}", tmp_path / "inst")


def test_healthz_503_when_database_is_down(broken_app):
    response = broken_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"


def test_pages_answer_503_not_500_when_database_is_down(broken_app):
    response = broken_app.test_client().get("/?lang=en")
    assert response.status_code == 503
    assert "temporarily unavailable" in response.get_data(as_text=True)


def test_unexpected_error_is_a_500_page_without_traceback(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom?lang=en")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body
    assert "secret detail" not in body
