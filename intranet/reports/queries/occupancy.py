"""Seat occupancy of coworking centres: booked seat-hours as a share of open seat-hours.

Open hours come from each centre's opening_hours, minus its closed days (holidays, closures)
and its monthly sanitary day, times its active seats. The loop is over the period's days
(at most 366 per centre), never over bookings. Each held seat-slot row is a quarter hour,
whatever the centre's slot length.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from intranet.coworking.models import GRANULE_MINUTES, BookingSlot, CoworkingCentre, Seat
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.services import day_changes
from intranet.reports.queries.sections import Section, Share, percent, side_by_side
from intranet.reports.queries.span import Span, local_part


def centres_in_scope(
    library_id: int | None, centre_ids: Collection[int] | None = None
) -> list[CoworkingCentre]:
    """The coworking centres of the library (None: of every library), or only these centres."""
    query = select(CoworkingCentre).order_by(CoworkingCentre.id)
    if library_id is not None:
        query = query.where(CoworkingCentre.library_id == library_id)
    if centre_ids is not None:
        query = query.where(CoworkingCentre.id.in_(centre_ids))
    return list(db.session.scalars(query))


def active_seats(centres: list[CoworkingCentre]) -> dict[int, int]:
    """{centre_id: active seats}, one query."""
    query = (
        select(Seat.centre_id, func.count(Seat.id))
        .where(Seat.is_active.is_(True), Seat.centre_id.in_([c.id for c in centres]))
        .group_by(Seat.centre_id)
    )
    return {centre_id: seats for centre_id, seats in db.session.execute(query)}


def open_minutes(centre: CoworkingCentre, start: date, end: date) -> dict[tuple[int, int], int]:
    """{(weekday, hour): minutes the centre is open} over [start, end), per seat."""
    calendar = day_changes(start, end - timedelta(days=1), [centre.library_id])
    minutes: dict[tuple[int, int], int] = defaultdict(int)
    day = start
    while day < end:
        rule = calendar.on(centre.library_id, day)
        hours = centre.hours_on(day, rule.opening)
        if hours and rule.closure is None and not centre.is_sanitary_day(day):
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


def booked_slots(span: Span, library_id: int | None, *parts: str) -> dict[tuple[Any, ...], int]:
    """{(centre_id, *local parts): seat-slots held} for parts among "dow", "hour"."""
    keys = [local_part(BookingSlot.slot_start, part, span) for part in parts]
    query = (
        select(Seat.centre_id, *keys, func.count(BookingSlot.id))
        .join(Seat, Seat.id == BookingSlot.seat_id)
        .where(BookingSlot.slot_start >= span.start, BookingSlot.slot_start < span.end)
        .group_by(Seat.centre_id, *keys)
    )
    if library_id is not None:
        query = query.join(CoworkingCentre, CoworkingCentre.id == Seat.centre_id).where(
            CoworkingCentre.library_id == library_id
        )
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(query)}


def _seat_minutes(
    span: Span, library_id: int | None
) -> tuple[dict[int, dict[tuple[int, int], int]], dict[int, CoworkingCentre]]:
    """({centre: open seat-minutes by (weekday, hour)}, {centre id: centre})."""
    centres = {c.id: c for c in centres_in_scope(library_id)}
    seats = active_seats(list(centres.values()))
    available = {
        cid: {
            key: minutes * seats.get(cid, 0)
            for key, minutes in open_minutes(c, span.period.start, span.period.end).items()
        }
        for cid, c in centres.items()
    }
    return available, centres


def occupancy_sections(now: Span, before: Span, library_id: int | None) -> tuple[Section, Section]:
    """Occupancy by centre and by hour of day, as % of open seat-hours."""
    by_centre = Section(
        "occupancy",
        _("Seat occupancy"),
        [_("Coworking centre"), _("Open seat-hours"), _("Booked seat-hours")]
        + side_by_side([_("Occupancy")]),
    )
    # {hour: [booked now, open now, booked a year earlier, open a year earlier]} in minutes
    hours: dict[int, list[int]] = {}
    figures = []
    for index, span in enumerate((now, before)):
        available, centres = _seat_minutes(span, library_id)
        booked = booked_slots(span, library_id, "hour")
        per_centre_booked: dict[int, int] = {}
        for (cid, hour), count in booked.items():
            minutes = count * GRANULE_MINUTES
            per_centre_booked[cid] = per_centre_booked.get(cid, 0) + minutes
            hours.setdefault(hour, [0, 0, 0, 0])[2 * index] += minutes
        for grid in available.values():
            for (_dow, hour), minutes in grid.items():
                hours.setdefault(hour, [0, 0, 0, 0])[2 * index + 1] += minutes
        figures.append((available, per_centre_booked, centres))
    (avail_now, booked_now, centres), (avail_before, booked_before, _c) = figures
    for cid, centre in centres.items():
        open_now = sum(avail_now[cid].values())
        open_before = sum(avail_before.get(cid, {}).values())
        by_centre.rows.append(
            [
                localized(centre.library, "name"),
                round(open_now / 60, 1),
                round(booked_now.get(cid, 0) / 60, 1),
                percent(booked_now.get(cid, 0), open_now),
                percent(booked_before.get(cid, 0), open_before),
            ]
        )
    by_hour = Section(
        "hours", _("Occupancy by hour of day"), [_("Hour"), *side_by_side([_("Occupancy")])]
    )
    for hour in sorted(hours):
        used_now, open_now, used_before, open_before = hours[hour]
        by_hour.rows.append(
            [f"{hour:02d}:00", percent(used_now, open_now), percent(used_before, open_before)]
        )
    return by_centre, by_hour


@dataclass(frozen=True)
class OccupancyGrid:
    """One centre's occupancy in % by weekday (0 = Monday) and hour; None where it is closed."""

    centre: CoworkingCentre
    hours: list[int]
    booked: bool  # whether any seat was booked at all: an empty grid says so instead
    percent: list[list[Share | None]]  # one row per weekday, one value per hour


def occupancy_grids(
    span: Span, library_id: int | None, until: date, centre_ids: Collection[int] | None = None
) -> list[OccupancyGrid]:
    """Per centre: booked seat-minutes / open seat-minutes by weekday x hour, up to `until`."""
    centres = centres_in_scope(library_id, centre_ids)
    seats = active_seats(centres)
    booked = booked_slots(span, library_id, "dow", "hour")
    grids = []
    for centre in centres:
        grid = open_minutes(centre, span.period.start, min(span.period.end, until))
        hours = sorted({hour for _dow, hour in grid}) or list(range(9, 18))
        values = [
            [
                percent(
                    booked.get((centre.id, dow, hour), 0) * GRANULE_MINUTES,
                    grid.get((dow, hour), 0) * seats.get(centre.id, 0),
                )
                for hour in hours
            ]
            for dow in range(7)
        ]
        booked_any = any(key[0] == centre.id for key in booked)
        grids.append(OccupancyGrid(centre, hours, booked_any, values))
    return grids
