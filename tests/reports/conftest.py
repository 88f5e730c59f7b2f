"""Report fixtures: a past month (March 2025) of events and bookings whose totals are known.

Rows are inserted directly: the real services refuse to book or plan in the past, and a report
is always about the past. The arithmetic of each expected figure is in test_figures.py.
"""

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from intranet.clock import from_local
from intranet.coworking.models import Booking, BookingSlot, CoworkingCentre, Seat, granule_starts
from intranet.events.models import Attendance, Campaign, Event, EventType
from intranet.events.seed import seed_event_types
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Library

HOURS = {day: ["10:00", "14:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


@pytest.fixture(autouse=True)
def _event_types(app):
    with app.app_context():
        seed_event_types()
        db.session.commit()


def library(slug: str) -> Library:
    return db.session.scalar(select(Library).where(Library.slug == slug))


def add_event(
    day,
    *,
    hour=15,
    status="held",
    type_slug="poetry_hour",
    audience="youth",
    attendance=None,
    partners="",
    campaign=None,
    library_slug="no-6",
) -> Event:
    """An event at `hour` local time on `day`; attendance = (total, {group: n})."""
    kind = db.session.scalar(select(EventType).where(EventType.slug == type_slug))
    start = from_local(day, time(hour))
    event = Event(
        type=kind,
        library=library(library_slug),
        start_dt=start,
        end_dt=start + timedelta(hours=1),
        title_kk="Кеш",
        title_ru="Вечер",
        audience=audience,
        status=status,
        partners=partners,
        campaign=campaign,
        cancel_reason="Ауа райы" if status == "cancelled" else None,
    )
    if attendance is not None:
        total, groups = attendance
        event.attendance = Attendance(total=total, **groups)
    db.session.add(event)
    return event


def add_booking(centre, seat, day, start_hour, hours, status, institution="") -> Booking:
    """A booking; active ones (confirmed, checked in) hold a seat-slot per quarter hour."""
    start = from_local(day, time(start_hour))
    booking = Booking(
        centre_id=centre.id,
        seat_id=seat.id,
        status=status,
        start_dt=start,
        end_dt=from_local(day, time(start_hour + hours)),
        full_name="Visitor",
        phone=f"+7701{day.day:02d}{start_hour:02d}{seat.id % 1000:03d}",
        email="visitor@example.kz",
        institution=institution,
        consent_version="2025-01",
    )
    if status in ("confirmed", "checked_in"):
        booking.slots = [
            BookingSlot(seat_id=seat.id, slot_start=moment)
            for moment in granule_starts(booking.start_dt, booking.end_dt)
        ]
    db.session.add(booking)
    return booking


INJECTION = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def march(app):
    """March 2025 at library no-6 (and one event at no-8), March 2024 for the year before."""
    with app.app_context():
        campaign = Campaign(
            slug="one-country-one-book",
            name_kk="Бір ел – бір кітап",
            name_ru="Одна страна – одна книга",
            name_en="One country – one book",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 12, 31),
            target_per_library=4,
        )
        db.session.add(campaign)
        add_event(
            date(2025, 3, 5),
            audience="youth",
            campaign=campaign,
            attendance=(30, {"teenagers": 5, "youth": 20, "adults": 3}),
            partners="Korkyt Ata University, Akimat",
        )
        add_event(
            date(2025, 3, 12),
            audience="children",
            campaign=campaign,
            attendance=(12, {"children": 12}),
            partners="akimat",
        )
        add_event(
            date(2025, 3, 20), status="cancelled", type_slug="literary_evening", audience="adults"
        )
        add_event(
            date(2025, 3, 25), status="approved", type_slug="literary_evening", audience="adults"
        )  # ended, attendance missing
        add_event(date(2025, 3, 28), status="draft")  # drafts are never counted
        add_event(date(2025, 4, 1), hour=2, attendance=(100, {}))  # 31 March 21:00 UTC: April
        add_event(date(2025, 3, 1), hour=3, audience="everyone", attendance=(8, {}))  # 28 Feb UTC
        add_event(date(2025, 3, 10), library_slug="no-8", attendance=(50, {}))
        add_event(date(2025, 2, 14), campaign=campaign, attendance=(5, {}))  # campaign, February
        add_event(date(2024, 3, 15), attendance=(20, {"youth": 20}))  # the year before

        centre = db.session.scalar(
            select(CoworkingCentre).where(CoworkingCentre.slug == "cowork-no-6")
        )
        centre.opening_hours = {**{d: None for d in ("sat", "sun")}, **HOURS}
        centre.sanitary_day = "last-fri"  # 28 March 2025
        seats = list(
            db.session.scalars(select(Seat).where(Seat.centre_id == centre.id).order_by(Seat.id))
        )
        for seat in seats[2:]:
            seat.is_active = False
        one, two = seats[:2]
        db.session.add(
            ClosedDay(
                day=date(2025, 3, 11),
                library=centre.library,
                kind="closure",
                reason_kk="Жөндеу",
                reason_ru="Ремонт",
            )
        )
        add_booking(centre, one, date(2025, 3, 3), 10, 2, "checked_in", "Korkyt Ata University")
        add_booking(centre, two, date(2025, 3, 5), 10, 1, "checked_in", INJECTION)
        add_booking(centre, one, date(2025, 3, 6), 13, 1, "no_show", "Korkyt Ata University")
        add_booking(centre, one, date(2025, 3, 7), 10, 1, "cancelled")
        add_booking(centre, two, date(2025, 3, 10), 13, 1, "confirmed", "Korkyt Ata University")
        db.session.commit()
