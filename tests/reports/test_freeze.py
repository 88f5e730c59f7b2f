"""A submitted or accepted month is frozen for every write that would change its figures.

March 2025 of library No. 6 (tests/reports/conftest.py) is submitted, then accepted; April is
open. Each write is tried through the real services, and the main ones through the pages.
"""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.clock import from_local
from intranet.errors import Conflict
from intranet.events import services
from intranet.events.models import Attendance, Event
from intranet.extensions import db
from intranet.libraries.models import MonthlyReport
from intranet.models import utc_now
from tests.conftest import csrf_token
from tests.events.conftest import edited, event_data
from tests.meanwhile import in_english
from tests.reports.conftest import add_event, library

SUBMITTED = "The report for March 2025 has been submitted: its events and attendance are frozen."
ACCEPTED = "The report for March 2025 has been accepted: its events and attendance are frozen."
MARCH, APRIL = date(2025, 3, 18), date(2025, 4, 15)


def moment(day: date, hour: int = 15):
    return from_local(day, time(hour))


def freeze(app, status: str = "submitted") -> None:
    with app.app_context():
        db.session.add(
            MonthlyReport(
                library_id=library("no-6").id,
                year=2025,
                month=3,
                status=status,
                decided_dt=None if status == "submitted" else utc_now(),
                return_comment="Түзетіңіз" if status == "returned" else "",
            )
        )
        db.session.commit()


def make(app, day: date, status: str, slug: str = "no-6") -> int:
    with app.app_context():
        event = add_event(day, status=status, library_slug=slug)
        if status == "held":
            event.attendance = Attendance(total=9)
        db.session.commit()
        return event.id


@pytest.fixture
def people(app, march, make_user):
    branch = make_user("branch_staff", library="no-6")[0]
    central = make_user("central_staff")[0]
    return branch, central


def events_count() -> int:
    return db.session.scalar(select(func.count(Event.id)))


WEEKLY_3 = services.SeriesData(repeat="weekly", occurrences=3)


def change(event_id: int, *, actor: User, **changes) -> None:
    event = db.session.get(Event, event_id)
    services.update_event(event, edited(event, **changes), actor=actor)


def move(event_id: int, day: date, *, actor: User) -> None:
    change(event_id, actor=actor, start_dt=moment(day), end_dt=moment(day, 16))


WRITES = {
    "plan an event in the month": lambda ids, b, c: services.create_event(
        event_data(day=MARCH), actor=b
    ),
    "plan a weekly series that reaches into the month": lambda ids, b, c: services.create_series(
        event_data(day=MARCH - timedelta(days=21)), WEEKLY_3, actor=b
    ),
    "send a draft of the month for approval": lambda ids, b, c: services.submit_event(
        db.session.get(Event, ids["draft"]), actor=b
    ),
    "approve a pending event of the month": lambda ids, b, c: services.approve_event(
        db.session.get(Event, ids["pending"]), actor=c
    ),
    "return a pending event of the month": lambda ids, b, c: services.return_event(
        db.session.get(Event, ids["pending"]), actor=c, comment="Түзетіңіз"
    ),
    "cancel an approved event of the month": lambda ids, b, c: services.cancel_event(
        db.session.get(Event, ids["approved"]), actor=c, reason="Ауа райы"
    ),
    "cancel a draft of the month": lambda ids, b, c: services.cancel_event(
        db.session.get(Event, ids["draft"]), actor=b, reason="Керек емес"
    ),
    "move an event of the month out of it": lambda ids, b, c: move(ids["approved"], APRIL, actor=c),
    "move an April event into the month": lambda ids, b, c: move(ids["april"], MARCH, actor=c),
    "move an April draft into the month": lambda ids, b, c: move(
        ids["april_draft"], MARCH, actor=b
    ),
    "change the audience of an event of the month": lambda ids, b, c: change(
        ids["approved"], actor=c, audience="seniors"
    ),
    "correct the attendance of a held event": lambda ids, b, c: services.record_attendance(
        db.session.get(Event, ids["held"]), services.AttendanceData(total=99), actor=b
    ),
    "record the attendance of an approved event": lambda ids, b, c: services.record_attendance(
        db.session.get(Event, ids["approved"]), services.AttendanceData(total=12), actor=b
    ),
}


@pytest.fixture
def world(app, people):
    ids = {
        "draft": make(app, MARCH, "draft"),
        "pending": make(app, MARCH, "pending"),
        "approved": make(app, MARCH, "approved"),
        "held": make(app, MARCH, "held"),
        "april": make(app, APRIL, "approved"),
        "april_draft": make(app, APRIL, "draft"),
    }
    return ids, *people


def snapshot() -> list[tuple]:
    rows = db.session.execute(
        select(Event.id, Event.status, Event.start_dt, Event.audience, Event.sequence)
    ).all()
    totals = db.session.execute(select(Attendance.event_id, Attendance.total)).all()
    return sorted(rows) + sorted(totals)


@pytest.mark.parametrize("status", ["submitted", "accepted"])
@pytest.mark.parametrize("write", list(WRITES))
def test_a_frozen_month_refuses_every_write_that_changes_its_figures(app, world, write, status):
    ids, branch_id, central_id = world
    freeze(app, status)
    with in_english(app):
        before = snapshot()
        branch, central = db.session.get(User, branch_id), db.session.get(User, central_id)
        with pytest.raises(Conflict) as refused:
            WRITES[write](ids, branch, central)
        message = str(refused.value)
        db.session.rollback()
        assert snapshot() == before
    assert message.startswith(SUBMITTED if status == "submitted" else ACCEPTED)
    if status == "submitted":
        assert message.endswith("Ask central staff to return the report to correct it.")


@pytest.mark.parametrize("write", list(WRITES))
def test_a_returned_month_takes_every_write_again(app, world, write):
    ids, branch_id, central_id = world
    freeze(app, "returned")
    with in_english(app):
        WRITES[write](ids, db.session.get(User, branch_id), db.session.get(User, central_id))
        db.session.commit()


def test_what_does_not_touch_the_frozen_figures_goes_on(app, world):
    ids, branch_id, central_id = world
    freeze(app)
    with in_english(app):
        branch, central = db.session.get(User, branch_id), db.session.get(User, central_id)
        # Another library's March, and No. 6's April.
        services.create_event(event_data(day=MARCH, library_slug="no-8"), actor=central)
        services.create_event(event_data(day=APRIL), actor=branch)
        # A draft left in March is no figure yet: it can be corrected and moved out.
        draft = db.session.get(Event, ids["draft"])
        services.update_event(draft, edited(draft, title_kk="Жаңа атау"), actor=branch)
        move(ids["draft"], APRIL, actor=branch)
        db.session.commit()
        assert db.session.get(Event, ids["draft"]).start_dt == moment(APRIL)


def test_a_series_step_leaves_the_frozen_occurrences_alone(app, people):
    branch_id, central_id = people
    with in_english(app):
        _series, events = services.create_series(
            event_data(day=date(2025, 3, 24)),
            services.SeriesData(repeat="weekly", occurrences=4),
            actor=None,
        )
        for event in events:
            services.submit_event(event, actor=db.session.get(User, branch_id))
        db.session.commit()
        ids = [e.id for e in events]  # 24 and 31 March, 7 and 14 April
    freeze(app)
    with in_english(app):
        april = db.session.get(Event, ids[2])
        changed, skipped = services.act_on_scope(
            april, actor=db.session.get(User, central_id), action="approve", scope="all"
        )
        db.session.commit()
        assert (changed, skipped) == (2, 2)
        statuses = [db.session.get(Event, i).status for i in ids]
    assert statuses == ["pending", "pending", "approved", "approved"]


def test_the_pages_say_why(app, client, world, login_as):
    ids, _branch, _central = world
    freeze(app)
    login_as("central_staff")
    token = csrf_token(client, "/staff/events/new")
    form = {
        "csrf_token": token,
        "type": "poetry_hour",
        "library": "no-6",
        "start_date": MARCH.isoformat(),
        "start_time": "15:00",
        "end_time": "16:00",
        "title_kk": "Кеш",
        "audience": "youth",
        "language": "kk",
    }
    with app.app_context():
        count = events_count()
    planned = client.post("/staff/events/new", data=form)
    assert planned.status_code == 409
    assert SUBMITTED in planned.get_data(as_text=True)
    approve = client.post(f"/staff/events/{ids['pending']}/approve", data={"csrf_token": token})
    assert approve.status_code == 409
    assert SUBMITTED in approve.get_data(as_text=True)
    with app.app_context():
        assert events_count() == count
        assert db.session.get(Event, ids["pending"]).status == "pending"
