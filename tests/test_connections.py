"""A server connection the server dropped while it sat idle is replaced before a page uses it."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from intranet.extensions import db
from tests.coworking.conftest import SLUG, server_connections, two_peoples_forms


@pytest.fixture
def app_config() -> dict:
    return {"DATABASE_IDLE_BEFORE_PING": 0.0}  # every connection taken from the pool is pinged


def _terminate(app, pid: int) -> int:
    """Have the server end the connection of this backend (as a restart would); how many."""
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], poolclass=NullPool)
    try:
        with other.connect() as connection:
            query = text("SELECT count(pg_terminate_backend(:pid))")
            return connection.scalar(query, {"pid": pid})
    finally:
        other.dispose()


def _drop_pooled_connections(app) -> int:
    """Have the server end the app's pooled connections (as a restart would); how many."""
    with app.app_context():
        pid = db.session.scalar(text("SELECT pg_backend_pid()"))
        db.session.commit()
        db.session.remove()  # back into the pool, idle
    return _terminate(app, pid)


def test_a_page_after_the_server_dropped_an_idle_connection_is_served(app, client):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("a SQLite file has no connection a server could drop")
    # The booking form reads its centre on every request (no cached copy of the page).
    assert client.get(f"/coworking/{SLUG}/book").status_code == 200
    assert _drop_pooled_connections(app) == 1
    response = client.get(f"/coworking/{SLUG}/book")
    assert response.status_code == 200
    assert 'name="full_name"' in response.get_data(as_text=True)


def test_a_booking_after_the_server_dropped_the_kept_connection_is_made(app, client):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("a SQLite file has no connection a server could drop")
    # The booking POST's statements run on a connection its worker thread keeps between
    # requests (connections.each_statement_commits), pinged like the pool's when left idle.
    first, second = two_peoples_forms(client)
    with server_connections(app) as backends:
        assert client.post(f"/coworking/{SLUG}/book", data=first).status_code == 302
        kept = backends[-1]
        assert _terminate(app, kept) == 1
        response = client.post(f"/coworking/{SLUG}/book", data=second)
    assert response.status_code == 302
    assert "/booking/" in response.headers["Location"]
    assert backends[-1] != kept
