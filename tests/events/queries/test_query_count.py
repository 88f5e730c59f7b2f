"""The calendar pages run a fixed number of SQL queries (at most 6), whatever the events."""

from contextlib import contextmanager
from datetime import date, time, timedelta

import pytest
from sqlalchemy import event as sa_event

from intranet.clock import from_local
from intranet.events.models import Event
from intranet.extensions import db
from tests.events.conftest import event_type, library

MONTH = date(2027, 4, 1)
SLUGS = ["central", "no-6", "no-8", "no-12", "abai"]


def add_events(app, n: int) -> None:
    with app.app_context():
        kinds = [event_type("poetry_hour"), event_type("exhibition"), event_type("jubilee")]
        libs = [library(slug) for slug in SLUGS]
        for i in range(n):
            day = MONTH + timedelta(days=i % 30)
            start = from_local(day, time(9 + i % 9))
            db.session.add(
                Event(
                    type=kinds[i % 3],
                    library=libs[i % len(libs)],
                    start_dt=start,
                    end_dt=start + timedelta(hours=1),
                    title_kk=f"Іс-шара {i}",
                    status=("approved", "held", "draft", "pending")[i % 4],
                    audience="everyone",
                )
            )
        db.session.commit()


@contextmanager
def count_queries(app):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa_event.remove(engine, "before_cursor_execute", before)


PAGES = [
    ("public month", None, "/events?view=month&month=2027-04"),
    ("public month, a chosen day", None, "/events?view=month&month=2027-04&day=2027-04-14"),
    ("public agenda", None, "/events?view=list&date=2027-04-01"),
    ("public week", None, "/events?view=week&date=2027-04-14"),
    ("staff month", "central_staff", "/staff/events/?view=month&month=2027-04"),
    ("staff month (branch)", "branch_staff", "/staff/events/?view=month&month=2027-04"),
    ("staff month (all)", "branch_staff", "/staff/events/?view=month&month=2027-04&all=1"),
    ("staff agenda", "branch_staff", "/staff/events/?view=list&date=2027-04-01"),
]


@pytest.mark.parametrize(("name", "role", "url"), PAGES)
def test_calendar_query_count_does_not_grow_with_events(app, client, login_as, name, role, url):
    if role:
        login_as(role, **({"library": "no-6"} if role == "branch_staff" else {}))
    counts = []
    for n in (5, 300):
        add_events(app, n)
        with count_queries(app) as statements:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], (name, counts)
    assert counts[1] <= 8, (name, counts)  # 6 for the calendar, the menu's counters, the bell
