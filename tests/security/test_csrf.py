"""Every state change needs a CSRF token; no state change happens through GET."""

import pytest
from werkzeug.exceptions import MethodNotAllowed

from tests.security.figures import FIGURES
from tests.security.matrix import EXTRA_FIELDS, MATRIX
from tests.security.test_authorization_matrix import build_url, scope_snapshot

POSTS = sorted(key for key in MATRIX if key[1] != "GET")
POST_ONLY = [key for key in POSTS if (key[0], "GET") not in MATRIX]


@pytest.mark.parametrize(("endpoint", "method"), POSTS)
def test_state_change_without_csrf_token_is_refused(app, world, endpoint, method):
    builder, expected = MATRIX[(endpoint, method)]
    actor = "anonymous" if expected["anonymous"] == "ok" else "admin"
    client = world.client(actor)
    url = build_url(app, world, endpoint, builder)
    before = scope_snapshot(app)
    response = client.open(url, method=method, data=dict(EXTRA_FIELDS))
    FIGURES["CSRF checks"] += 1
    assert response.status_code == 400
    assert scope_snapshot(app) == before


@pytest.mark.parametrize(("endpoint", "method"), POST_ONLY)
def test_post_only_routes_refuse_get(app, world, endpoint, method):
    builder, _ = MATRIX[(endpoint, method)]
    url = build_url(app, world, endpoint, builder)
    try:
        page, _ = app.url_map.bind("localhost").match(url.split("?")[0], method="GET")
    except MethodNotAllowed:
        assert world.client("admin").get(url).status_code == 405
    else:
        # The same address shows a page on GET: that must be a read-only page of its own.
        assert page != endpoint
        assert (page, "GET") in MATRIX


def test_login_form_needs_csrf_too(client):
    response = client.post("/login", data={"email": "a@test.kz", "password": "x"})
    assert response.status_code == 400
