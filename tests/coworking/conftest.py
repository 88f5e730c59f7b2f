"""Coworking fixtures: open days ahead, bookings made through the real service, form posts."""

import re
from datetime import date, time, timedelta

import pytest
from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from intranet.clock import local_today
from intranet.coworking import services
from intranet.coworking.models import ACTIVE_STATUSES, Booking, CoworkingCentre
from intranet.coworking.queries import bookings as bookings_queries
from intranet.coworking.services import BookingRequest
from intranet.extensions import db
from intranet.libraries.services import closed_days
from tests.html_forms import page_form
from tests.liveserver import CSRF_RE
from tests.test_request_overhead import cursor_events

SLUG = "cowork-central"
OTHER = "cowork-no-12"
REQUEST_KEY_RE = re.compile(r'name="request_key" type="hidden" value="([^"]+)"')


def get_centre(slug: str = SLUG) -> CoworkingCentre:
    return db.session.scalar(select(CoworkingCentre).where(CoworkingCentre.slug == slug))


def overlapping_bookings() -> list[tuple[int, int]]:
    """Pairs of active bookings of one seat whose times overlap: there must never be any."""
    a, b = aliased(Booking), aliased(Booking)
    overlap = and_(
        a.seat_id == b.seat_id, a.id < b.id, a.start_dt < b.end_dt, b.start_dt < a.end_dt
    )
    return [
        tuple(pair)
        for pair in db.session.execute(
            select(a.id, b.id)
            .join(b, overlap)
            .where(a.status.in_(ACTIVE_STATUSES), b.status.in_(ACTIVE_STATUSES))
        )
    ]


@pytest.fixture(autouse=True)
def _never_two_bookings_at_once_on_a_seat(request):
    """After every coworking test that has a database: no seat is booked twice at once."""
    app = request.getfixturevalue("app") if "app" in request.fixturenames else None
    yield
    if app is not None:
        with app.app_context():
            assert overlapping_bookings() == []


def open_days(count: int, slug: str = SLUG, start: date | None = None) -> list[date]:
    """The next `count` open days of a centre from tomorrow on (Mon-Sat, no holidays)."""
    centre = get_centre(slug)
    first = start or local_today() + timedelta(days=1)
    closed = closed_days(first, first + timedelta(days=60), centre.library_id)
    days, day = [], first
    while len(days) < count:
        if centre.hours_on(day) and day not in closed and not centre.is_sanitary_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def open_nine_to_six(slug: str = SLUG) -> None:
    """Every open weekday of a centre from 09:00 to 18:00, committed (call in an app context).

    For tests that name the hours: the next open day is a Saturday (10:00-17:00 in the demo
    data) when they run on a Friday in Kyzylorda, which is Thursday evening in UTC.
    """
    centre = get_centre(slug)
    centre.opening_hours = {
        weekday: (["09:00", "18:00"] if span else span)
        for weekday, span in centre.opening_hours.items()
    }
    db.session.commit()


@pytest.fixture
def nine_to_six(app):
    """The test centre opens 09:00-18:00 on each of its open days."""
    with app.app_context():
        open_nine_to_six()


def closed_weekday(slug: str = SLUG) -> date:
    """The next Sunday (the centres are closed on Sundays)."""
    today = local_today()
    return today + timedelta(days=(6 - today.weekday()) % 7 or 7)


PERSON = {
    "full_name": "Айдана Серікова",
    "phone": "+7 701 234 56 78",
    "email": "aidana@example.kz",
    "institution": "Korkyt Ata University",
    "purpose": "Exam preparation",
    "language": "en",
    "consent": True,
}


def booking_request(day: date, **fields) -> BookingRequest:
    """PERSON's request for 10:00-11:00 on `day`, any free seat; `fields` replace any of it."""
    return BookingRequest(**{**PERSON, "day": day, "start": time(10), "duration": 60, **fields})


@pytest.fixture
def centre_kept_a_minute(monkeypatch):
    """The worker's copy of a centre serves a booking's POST for a minute after its check.

    A second in the app: tests that count a booking's statements must not see the check
    come back because the machine running them paused between the form's GET and its POST.
    """
    monkeypatch.setattr(bookings_queries, "RECHECK_SECONDS", 60)


@pytest.fixture
def make_booking(app):
    """Book through the real service; returns the booking id. Each call is a new person."""
    counter = iter(range(10, 10_000))

    def _make(slug: str = SLUG, *, day=None, **fields):
        n = next(counter)
        person = {"phone": f"+7701000{n:04d}", "email": f"s{n}@example.kz", **fields}
        with app.app_context():
            centre = get_centre(slug)
            request = booking_request(day or open_days(1, slug)[0], **person)
            booking = services.create_booking(centre, request)
            db.session.commit()
            return booking.id

    return _make


def load(app, booking_id: int) -> Booking:
    """A fresh copy of a booking (callers read plain attributes)."""
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        db.session.expunge(booking)
        return booking


def form_data(client, slug: str = SLUG, **overrides) -> dict:
    """A valid booking form for the next open day at 10:00, any seat, as the page gave it."""
    day = overrides.pop("day", None)
    if day is None:
        with client.application.app_context():
            day = open_days(1, slug)[0].isoformat()
    page = client.get(f"/coworking/{slug}/book").get_data(as_text=True)
    data = {
        "csrf_token": CSRF_RE.search(page).group(1),
        "request_key": REQUEST_KEY_RE.search(page).group(1),
        "day": day,
        "start": "10:00",
        "duration": "60",
        "seat": "",
        "full_name": "Aidana Serikova",
        "phone": "8 701 234 56 78",
        "email": "aidana@example.kz",
        "institution": "Korkyt Ata University",
        "purpose": "Exam preparation",
        "consent": "y",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def two_peoples_forms(client) -> tuple[dict, dict]:
    """Two people's valid booking forms for the next open day, at 10:00 and at 13:00."""
    second = {"start": "13:00", "phone": "8 702 765 43 21", "email": "erlan@example.kz"}
    return form_data(client), form_data(client, **second)


def server_connections(app):
    """The PostgreSQL server connection (backend) of each statement sent meanwhile, in order."""
    return cursor_events(app, lambda cursor, _statement: cursor.connection.info.backend_pid)


@pytest.fixture
def in_english(app):
    """Service calls outside a request speak Kazakh; these tests read English messages."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def seats_table(client, slug: str = SLUG) -> tuple[dict, dict[str, str]]:
    """The seats form as the set-up page sends it untouched, and each seat's row prefix by label.

    The form is a plain dict of lists (a tick box is there or not); change it and post it.
    """
    html = client.get(f"/staff/coworking/{slug}/setup").get_data(as_text=True)
    data = page_form(html, f"/staff/coworking/{slug}/seats").to_dict(flat=False)
    rows = {}
    for name in data:
        if name.endswith("-label") and data[name] != [""]:
            rows[data[name][0]] = name.removesuffix("label")
    return data, rows
