"""Coworking's seed: the five centres with their seats, and demo bookings for `seed --demo`."""

from datetime import date, time, timedelta

from sqlalchemy import select

from intranet.clock import from_local, local_today
from intranet.coworking.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingClaim,
    BookingSlot,
    BookingStatus,
    CoworkingCentre,
    Seat,
    granule_starts,
)
from intranet.coworking.services import CONSENT_VERSION
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.libraries.services import closed_days
from intranet.models import utc_now


def seed_centres(data: dict) -> int:
    """Create the centres that do not exist yet; returns how many there are."""
    libraries = {lib.slug: lib for lib in db.session.scalars(select(Library))}
    for item in data["coworking_centres"]:
        centre = db.session.scalar(
            select(CoworkingCentre).where(CoworkingCentre.slug == item["slug"])
        )
        if centre is None:
            # Hours and seats are placeholders that staff edit; never overwrite their edits.
            centre = CoworkingCentre(
                slug=item["slug"],
                library=libraries[item["library"]],
                opening_hours=item["opening_hours"],
            )
            db.session.add(centre)
            centre.seats = [Seat(label=f"{n:02d}") for n in range(1, item["seats"] + 1)]
    db.session.flush()
    return db.session.query(CoworkingCentre).count()


DEMO_PEOPLE = [
    ("Айдана Серікова (демо)", "ҚорқытАта университеті"),
    ("Ерлан Жұмабеков (демо)", "Болашақ университеті"),
    ("Мария Ковалёва (демо)", "Қызылорда политехникалық колледжі"),
    ("Нұрсұлтан Әбдіров (демо)", "№ 7 мектеп-лицей"),
    ("Дина Омарова (демо)", "ҚорқытАта университеті"),
    ("Арман Тілеуов (демо)", "Медициналық колледж"),
    ("Alice Brown (demo)", "English club"),
]
# (status, days from today: +1 = next open day, -1 = previous open day, start hour, seat index)
PLAN = [
    (BookingStatus.PENDING, 1, 10, 0),
    (BookingStatus.PENDING, 2, 14, 1),
    (BookingStatus.CONFIRMED, 1, 13, 2),
    (BookingStatus.REJECTED, 1, 11, 3),
    (BookingStatus.CANCELLED, 2, 10, 4),
    (BookingStatus.CHECKED_IN, -1, 10, 5),
    (BookingStatus.NO_SHOW, -1, 14, 6),
    (BookingStatus.EXPIRED, -1, 12, 0),
]


def _open_day(centre: CoworkingCentre, today: date, direction: int, closed: dict) -> date:
    day, steps = today, 0
    while steps < abs(direction):
        day += timedelta(days=1 if direction > 0 else -1)
        if centre.hours_on(day) and day not in closed and not centre.is_sanitary_day(day):
            steps += 1
    return day


def seed_demo_bookings() -> int:
    """Add the demo bookings once (nothing if demo bookings exist already)."""
    if db.session.scalar(select(Booking.id).where(Booking.is_demo).limit(1)):
        return 0
    today, now, count = local_today(), utc_now(), 0
    centres = db.session.scalars(select(CoworkingCentre).order_by(CoworkingCentre.id)).all()
    for c_index, centre in enumerate(centres):
        closed = closed_days(
            today - timedelta(days=14), today + timedelta(days=14), centre.library_id
        )
        seats = centre.active_seats
        for p_index, (status, direction, hour, seat_index) in enumerate(PLAN):
            day = _open_day(centre, today, direction, closed)
            hours = centre.hours_on(day)
            if hours is None:  # _open_day finds open days only
                continue
            opens, closes = hours
            start_hour = min(max(hour, opens.hour), closes.hour - 2)
            start = from_local(day, time(start_hour))
            end = start + timedelta(hours=2)
            name, institution = DEMO_PEOPLE[(c_index + p_index) % len(DEMO_PEOPLE)]
            number = c_index * 10 + p_index
            booking = Booking(
                centre=centre,
                seat=seats[seat_index % len(seats)],
                status=status,
                start_dt=start,
                end_dt=end,
                full_name=name,
                phone=f"+7700000{number:04d}",
                email=f"student{number}@demo.kz",
                institution=institution,
                purpose="Емтиханға дайындық (демо)",
                language=("kk", "ru", "en")[number % 3],
                consent_version=CONSENT_VERSION,
                is_demo=True,
                created_dt=now - timedelta(hours=30 - p_index),
            )
            if status == BookingStatus.REJECTED:
                booking.reject_reason = "Бұл уақытта орталықта топтық іс-шара өтеді (демо)."
            if status == BookingStatus.CHECKED_IN:
                booking.checked_in_dt = start + timedelta(minutes=5)
            if status in ACTIVE_STATUSES:
                booking.claims = [
                    BookingClaim(person=f"{kind}:{value}", day=day, ordinal=1)
                    for kind, value in (("phone", booking.phone), ("email", booking.email))
                ]
                booking.slots = [
                    BookingSlot(seat_id=booking.seat.id, slot_start=s)
                    for s in granule_starts(start, end)
                ]
            db.session.add(booking)
            count += 1
    db.session.flush()
    return count
