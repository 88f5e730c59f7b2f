"""The WSGI fast path answers as Flask would, byte for byte, and never after a write."""

import os
import re
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from werkzeug.http import parse_date

from intranet.extensions import db
from intranet.page_cache import CACHEABLE
from tests.conftest import make_app
from tests.coworking.conftest import SLUG, form_data, make_booking, open_days  # noqa: F401
from tests.events.conftest import make_event  # noqa: F401 - a fixture used here
from tests.liveserver import free_port
from tests.postgres.tcp_proxy import TcpProxy
from tests.test_http_caching import PUBLIC, urls  # noqa: F401 - a fixture used here
from tests.test_request_overhead import statements_of

KEPT = sorted(CACHEABLE) + ["public.liveness"]
NONCE = re.compile(r"'nonce-[^']+'")
ASKED = {
    "plain": {},
    "gzip": {"Accept-Encoding": "gzip"},
    "zstd, br, gzip": {"Accept-Encoding": "zstd, br, gzip"},
}


@pytest.fixture(params=["files", "redis"])
def app_config(request):
    """The embedded default (files in the instance folder), and Redis when one is given."""
    if request.param == "files":
        return {}
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL not set")
    return {"CACHE_URL": url, "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:"}


def served(app) -> int:
    return app.extensions["fast_path"].served


def answer(app, path: str, headers: dict, method: str = "GET"):
    """A request from a browser without a cookie: what it gets, nonce aside, and how."""
    before, started = served(app), datetime.now(UTC)
    response = app.test_client().open(path, method=method, headers=headers)
    response.close()
    assert response.status_code in (200, 304), path
    nonce = NONCE.search(response.headers.get("Content-Security-Policy", ""))
    # The nonce is new for each answer, and the Date (Flask-Compress adds one) is now.
    listed = [
        (name, NONCE.sub("'nonce-?'", value) if name == "Content-Security-Policy" else value)
        for name, value in response.headers.items()
        if name != "Date"
    ]
    if "Date" in response.headers:
        assert parse_date(response.headers["Date"]) >= started.replace(microsecond=0)
    fast = served(app) == before + 1
    return (response.status, listed, response.get_data()), fast, nonce and nonce.group()


def with_language(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def by_flask_then_fast(app, path: str, headers: dict) -> tuple[tuple, tuple]:
    """Flask's answer (it is kept), then the fast path's."""
    flask, fast_1, _ = answer(app, path, headers)
    fast, fast_2, _ = answer(app, path, headers)
    assert not fast_1, path
    assert fast_2, path
    return flask, fast


@pytest.mark.parametrize("endpoint", KEPT)
def test_the_fast_path_answers_as_flask_does(app, urls, endpoint):  # noqa: F811
    for lang in ("kk", "ru", "en"):
        paths = [with_language(urls(PUBLIC[endpoint]), lang), urls(PUBLIC[endpoint])]
        for path in paths:
            for asked in ASKED.values():
                headers = {"Accept-Language": lang, **asked}
                # Each fast answer is the Flask answer it kept, byte for byte and in order:
                # a page just rendered, and (memory cleared) a page from the page cache.
                rendered, fast = by_flask_then_fast(app, path, headers)
                assert fast == rendered, path
                app.extensions["fast_path"].answers.clear()
                from_cache, fast = by_flask_then_fast(app, path, headers)
                assert fast == from_cache, path
                # The two differ only in the headers' order (and a Date, which Flask-Compress
                # adds when it compresses).
                assert sorted(rendered[1]) == sorted(from_cache[1]), path
                assert rendered[2] == from_cache[2], path
                head, head_fast, _ = answer(app, path, headers, "HEAD")
                assert head_fast
                assert head == (*fast[:2], b"")
                etag = dict(fast[1]).get("ETag")
                if etag is not None:
                    flask_304, fast_304 = by_flask_then_fast(
                        app, path, {**headers, "If-None-Match": etag}
                    )
                    assert flask_304[0] == "304 NOT MODIFIED"
                    assert fast_304 == flask_304


def test_a_fresh_nonce_for_each_fast_answer(app):
    nonces = {answer(app, "/coworking?lang=kk", {})[2] for _ in range(4)}
    assert len(nonces) == 4


def test_a_cookie_or_a_post_always_reaches_flask(app, client):
    app.test_client().get("/coworking?lang=kk")
    app.test_client().get("/coworking?lang=kk")
    client.get("/coworking?lang=ru")  # a language chosen: this browser has a session cookie
    before = served(app)
    for _ in range(2):
        assert client.get("/coworking?lang=kk").status_code == 200
    assert served(app) == before
    reader = app.test_client()
    # A link in another language than the browser's: the choice is remembered, never served
    # from memory (the cookie is Flask's to set).
    for _ in range(3):
        chosen = reader.get("/coworking?lang=en", headers={"Accept-Language": "kk"})
        reader.delete_cookie("session")
        assert "Set-Cookie" in chosen.headers
    assert served(app) == before


def test_a_booking_is_on_the_very_next_fast_availability(app, client):
    with app.app_context():
        day = open_days(1)[0].isoformat()
    path = f"/api/v1/coworking/{SLUG}/availability?date={day}"
    reads = [app.test_client().get(path).get_data() for _ in range(3)]
    before = served(app)
    with statements_of(app) as sent:
        assert app.test_client().get(path).get_data() == reads[0]
    assert sent == []
    assert served(app) == before + 1
    booked = client.post(f"/coworking/{SLUG}/book", data=form_data(client, day=day))
    assert booked.status_code == 302
    assert app.test_client().get(path).get_data() != reads[0]


def test_liveness_is_fast_and_a_ready_answer_is_kept_for_a_second(app):
    assert app.config["READINESS_CACHE_SECONDS"] == 1.0  # the default
    app.config["READINESS_CACHE_SECONDS"] = 60  # the test's requests all fall inside it
    for _ in range(3):
        assert app.test_client().get("/healthz/live").status_code == 200
    before = served(app)
    with statements_of(app) as sent:
        assert app.test_client().get("/healthz/live").get_json() == {"status": "ok"}
    assert sent == []
    assert served(app) == before + 1
    with statements_of(app) as sent:
        first = app.test_client().get("/healthz")
    assert first.get_json()["database"] == "ok"
    assert len(sent) == 1  # the outbox's backlog, which also proves the database answers
    assert served(app) == before + 1
    with statements_of(app) as sent:
        again = app.test_client().get("/healthz")
    assert (again.status_code, again.get_json()) == (200, first.get_json())
    assert sent == []
    assert served(app) == before + 2


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_a_redis_that_drops_its_connections_is_asked_again_never_trusted_blind(
    app, database_url, tmp_path
):
    real = urlsplit(os.environ["TEST_REDIS_URL"])
    proxy = TcpProxy((real.hostname or "127.0.0.1", real.port or 6379), free_port())
    proxy.start()
    try:
        cut = make_app(
            database_url,
            tmp_path / "cut",
            CACHE_URL=f"redis://127.0.0.1:{proxy.port}{real.path or '/0'}",
            CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex}:",
        )
        path = "/coworking?lang=kk"
        page = answer(cut, path, {})[0]
        assert answer(cut, path, {})[1]  # kept, and its versions read through the proxy
        proxy.stop()
        proxy.start()  # Redis closed its connections while idle: the next read makes a new one
        assert answer(cut, path, {})[1]
        proxy.stop()  # every connection cut, the fast path's own included
        before = served(cut)
        for _ in range(2):
            response = cut.test_client().get(path)  # Flask renders it: no version to check
            assert response.status_code == 200
        assert served(cut) == before  # nothing from memory while the versions are unknown
        proxy.start()
        answers = [answer(cut, path, {}) for _ in range(3)]
        assert answers[-1][1]  # back on the fast path, on a new connection
        assert all(got[0] == page for got in answers)
        with cut.app_context():
            db.engine.dispose()
    finally:
        proxy.stop()
