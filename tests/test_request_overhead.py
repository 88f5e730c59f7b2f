"""The fixed cost of a request: a reader who has not signed in costs no session or user work."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from intranet.extensions import db


@contextmanager
def cursor_events(app, note: Callable[[Any, str], object]) -> Iterator[list]:
    """What note(cursor, statement) gives for each SQL statement sent while the block runs."""
    noted: list = []

    def record(_conn, cursor, statement, *_args) -> None:
        noted.append(note(cursor, statement))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield noted
    finally:
        event.remove(engine, "before_cursor_execute", record)


def statements_of(app):
    """The SQL statements sent while the block runs."""
    return cursor_events(app, lambda _cursor, statement: statement)


def session_of(app, client) -> dict:
    """What this browser's session cookie holds (empty when it has none)."""
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    if cookie is None:
        return {}
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def test_the_health_checks_send_few_queries_and_no_cookie(app, client):
    app.config["READINESS_CACHE_SECONDS"] = 0  # each probe asks again
    client.get("/healthz")
    with statements_of(app) as sent:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert len(sent) == 1  # the outbox's backlog: its answer is the database's too
    assert "outbox" in sent[0]
    assert "Set-Cookie" not in response.headers
    with statements_of(app) as sent:
        live = client.get("/healthz/live")
    assert live.status_code == 200
    assert sent == []
    assert "Set-Cookie" not in live.headers


def test_a_language_choice_is_all_a_readers_session_holds(app, client):
    assert client.get("/coworking?lang=ru").status_code == 200
    assert session_of(app, client) == {"lang": "ru", "_permanent": True}
    # Reading on: the session is not rewritten with sign-in bookkeeping for nobody.
    assert client.get("/coworking").status_code == 200
    assert session_of(app, client) == {"lang": "ru", "_permanent": True}


def test_a_signed_in_person_is_still_known(app, client, login_as):
    login_as("admin", language="ru")
    response = client.get("/staff/admin/users")
    assert response.status_code == 200
    assert "_user_id" in session_of(app, client)
