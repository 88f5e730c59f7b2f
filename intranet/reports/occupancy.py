"""Open seat-hours of coworking centres, and occupancy as a share of them.

Open hours come from each centre's opening_hours, minus its closed days (holidays, closures)
and its monthly sanitary day, times its active seats. The loop is over the period's days
(at most 366 per centre), never over bookings.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from intranet.coworking.models import CoworkingCentre, Seat
from intranet.extensions import db
from intranet.libraries.services import closed_days


def centres_in_scope(library_id: int | None) -> list[CoworkingCentre]:
    query = select(CoworkingCentre).order_by(CoworkingCentre.id)
    if library_id is not None:
        query = query.where(CoworkingCentre.library_id == library_id)
    return list(db.session.scalars(query))


def active_seats(centres: list[CoworkingCentre]) -> dict[int, int]:
    """{centre_id: active seats}, one query."""
    query = (
        select(Seat.centre_id, func.count(Seat.id))
        .where(Seat.is_active.is_(True), Seat.centre_id.in_([c.id for c in centres]))
        .group_by(Seat.centre_id)
    )
    return dict(db.session.execute(query).all())


def open_minutes(centre: CoworkingCentre, start: date, end: date) -> dict[tuple[int, int], int]:
    """{(weekday, hour): minutes the centre is open} over [start, end), per seat."""
    closed = closed_days(start, end - timedelta(days=1), centre.library_id)
    minutes: dict[tuple[int, int], int] = defaultdict(int)
    day = start
    while day < end:
        hours = centre.hours_on(day)
        if hours and day not in closed and not centre.is_sanitary_day(day):
            opens = datetime.combine(day, hours[0])
            closes = datetime.combine(day, hours[1])
            for hour in range(hours[0].hour, closes.hour + (1 if closes.minute else 0)):
                bucket_start = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
                bucket_end = bucket_start + timedelta(hours=1)
                overlap = min(closes, bucket_end) - max(opens, bucket_start)
                if overlap > timedelta(0):
                    minutes[(day.weekday(), hour)] += int(overlap.total_seconds() // 60)
        day += timedelta(days=1)
    return dict(minutes)


def percent(used: float, available: float) -> float | None:
    """A share in percent, or None when nothing was available (closed)."""
    return round(100 * used / available, 1) if available else None
