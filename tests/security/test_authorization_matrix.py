"""Walk every route x method x actor and check the outcome against the matrix."""

import pytest
from flask import url_for
from sqlalchemy import select

from intranet.auth.models import User
from intranet.extensions import db
from tests.security.figures import FIGURES
from tests.security.matrix import ACTORS, EXTRA_FIELDS, MATRIX

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
    }


def test_every_route_has_a_row(app):
    missing = routes(app) - set(MATRIX)
    stale = set(MATRIX) - routes(app)
    assert not missing, f"routes without a row in tests/security/matrix.py: {sorted(missing)}"
    assert not stale, f"rows for routes that no longer exist: {sorted(stale)}"


def build_url(app, world, endpoint: str, builder) -> str:
    """The route's URL, with objects made by the row's builder (fresh for each call)."""
    params = builder(world)
    with app.test_request_context():
        return url_for(endpoint, **params)


def classify(response) -> str:
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    if response.status_code in (301, 302, 303) and "/login?next=" in response.headers["Location"]:
        return "login"
    return {403: "forbidden", 404: "notfound"}.get(response.status_code, "ok")


def scope_snapshot(app) -> dict:
    with app.app_context():
        return {
            u.email: (u.role, u.library_id, tuple(c.id for c in u.centres), u.is_active)
            for u in db.session.scalars(select(User).order_by(User.id))
        }


@pytest.mark.parametrize(("endpoint", "method"), sorted(MATRIX))
def test_route_outcomes(app, world, endpoint, method):
    builder, expected = MATRIX[(endpoint, method)]
    # Actors who must be refused go first: their requests must change nothing.
    order = sorted(ACTORS, key=lambda actor: expected[actor] == "ok")
    for actor in order:
        client = world.client(actor)
        url = build_url(app, world, endpoint, builder)
        before = scope_snapshot(app)
        if method == "GET":
            response = client.get(url)
        else:
            data = {"csrf_token": world.csrf(client), **EXTRA_FIELDS}
            response = client.open(url, method=method, data=data)
        response.close()
        FIGURES["authorization checks (route x method x actor)"] += 1
        got = classify(response)
        if got.startswith("server error"):
            FIGURES["5xx seen"] += 1
        assert got == expected[actor], f"{actor} {method} {url}: {got}, expected {expected[actor]}"
        after = scope_snapshot(app)
        if expected[actor] != "ok" or actor != "admin":
            changed = {k for k in before if before[k] != after.get(k)}
            if endpoint == "auth_public.logout" or expected[actor] == "ok" and actor != "admin":
                # Allowed staff may change only their own name/password/language, never scope.
                assert not changed, f"{actor} changed scope of {changed} via {method} {url}"
            else:
                assert before == after, f"refused {actor} changed data via {method} {url}"
