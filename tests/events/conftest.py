"""Event fixtures: the 16 types seeded, event_data(**overrides), edited(event, **changes), and
make_event(status=..., **overrides)."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from intranet.auth.models import User
from intranet.clock import from_local, local_today
from intranet.events import services
from intranet.events.models import Attendance, Event, EventType, Status
from intranet.events.seed import _advance, seed_event_types
from intranet.extensions import db
from intranet.libraries.models import Library


@pytest.fixture(autouse=True)
def _event_types(app):
    with app.app_context():
        seed_event_types()
        db.session.commit()


def library(slug: str) -> Library:
    return db.session.scalar(select(Library).where(Library.slug == slug))


def weekly_open_start(first: date, count: int, library_slug: str = "no-6", step: int = 1) -> date:
    """The first day from `first` on (back in time when `step` is -1) whose `count` weekly
    meetings all fall on days the library is open (call inside an app context).

    A series skips closed days (Independence Day, Nauryz, ...): a test that counts the meetings
    of a series dated from today would fail in the weeks before a holiday.
    """
    from intranet.libraries.services import closed_days

    library_id = library(library_slug).id
    for shift in range(60):
        day = first + timedelta(days=shift * step)
        dates = [day + timedelta(weeks=n) for n in range(count)]
        closed = closed_days(min(dates), max(dates), library_id)
        if not any(d in closed for d in dates):
            return day
    raise AssertionError(f"no {count} open weekly dates within 60 days of {first}")


def event_type(slug: str = "poetry_hour") -> EventType:
    return db.session.scalar(select(EventType).where(EventType.slug == slug))


def event_data(**overrides) -> services.EventData:
    """Valid EventData for create_event (call inside an app context)."""
    day = overrides.pop("day", local_today() + timedelta(days=10))
    start = overrides.pop("start", time(15, 0))
    end = overrides.pop("end", time(17, 0))
    data = {
        "type": event_type(overrides.pop("type_slug", "poetry_hour")),
        "library": library(overrides.pop("library_slug", "no-6")),
        "room": "Оқу залы",
        "start_dt": from_local(day, start),
        "end_dt": from_local(day, end),
        "title_kk": "Поэзия сағаты",
        "title_ru": "Час поэзии",
        "title_en": "Poetry hour",
        "description_kk": "Абай өлеңдері",
        "description_ru": "Стихи Абая",
        "description_en": "",
        "audience": "youth",
        "language": "kk",
        "organiser": "Кітапхана",
        "partners": "",
        "club": None,
        "campaign": None,
        "capacity": None,
        "internal_notes": "",
    }
    data.update(overrides)
    return services.EventData(**data)


def edited(event: Event, **changes) -> services.EventData:
    """The event's current data with some values changed, for update_event."""
    return replace(services.EventData.of(event), **changes)


def walk_to(event: Event, status: str) -> None:
    """Put an event in a status the way the workflow would."""
    if status == Status.HELD:
        _advance(event, Status.APPROVED, None)
        event.attendance = Attendance(total=10)
        services.record_transition(event, Status.HELD, actor=None)
    else:
        _advance(event, status, None)
    db.session.flush()


@pytest.fixture
def make_event(app):
    """Create an event in a status: make_event(status="approved", library_slug="no-6")."""

    def _make(status: str = Status.DRAFT, **overrides) -> int:
        with app.app_context():
            event = services.create_event(event_data(**overrides), actor=None)
            walk_to(event, status)
            db.session.commit()
            return event.id

    return _make


def get_event(event_id: int) -> Event:
    return db.session.get(Event, event_id)


def get_user(user_id: int) -> User:
    return db.session.get(User, user_id)


__all__ = ["date", "edited", "event_data", "get_event", "get_user", "library", "walk_to"]
