"""The report's figures, each one aggregated in SQL (GROUP BY) for a period and a scope.

Every function takes `span` (UTC bounds of the period) and `library_id` (None: the whole system)
and returns small dicts keyed by the grouping; no function loops over event or booking rows.
"""

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import Integer, and_, case, cast, extract, func, select

from intranet.clock import LOCAL_TZ, from_local
from intranet.coworking.models import Booking, BookingSlot, BookingStatus, CoworkingCentre, Seat
from intranet.events.models import AUDIENCE_GROUPS, Attendance, Campaign, Event, Status
from intranet.extensions import db
from intranet.reports.periods import Period


@dataclass(frozen=True)
class Span:
    """A period as UTC instants [start, end), with the local UTC offset used on SQLite."""

    period: Period
    start: datetime
    end: datetime
    offset_minutes: int

    @classmethod
    def of(cls, period: Period) -> "Span":
        start = from_local(period.start, time.min)
        offset = int(start.astimezone(LOCAL_TZ).utcoffset().total_seconds() // 60)
        return cls(period, start, from_local(period.end, time.min), offset)


def local_part(column, part: str, span: Span):
    """The local (Asia/Qyzylorda) hour, weekday (0 = Monday), month or year of a UTC column."""
    if db.session.get_bind().dialect.name == "postgresql":
        local = func.timezone(str(LOCAL_TZ), column)
        if part == "dow":
            return cast(extract("isodow", local), Integer) - 1
        return cast(extract(part, local), Integer)
    fmt = {"hour": "%H", "dow": "%w", "month": "%m", "year": "%Y"}[part]
    value = cast(func.strftime(fmt, column, f"{span.offset_minutes:+d} minutes"), Integer)
    return (value + 6) % 7 if part == "dow" else value


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _events(span: Span, library_id: int | None, *columns):
    """SELECT columns FROM event in the period and scope; drafts are not part of any plan."""
    query = (
        select(*columns)
        .select_from(Event)
        .where(
            Event.start_dt >= span.start, Event.start_dt < span.end, Event.status != Status.DRAFT
        )
    )
    if library_id is not None:
        query = query.where(Event.library_id == library_id)
    return query


PLANNED = func.count(Event.id)
HELD = _count(Event.status == Status.HELD)
CANCELLED = _count(Event.status == Status.CANCELLED)


def events_by(column, span: Span, library_id: int | None) -> dict:
    """{key: (planned, held, cancelled, attendance)} grouped by an Event column."""
    query = (
        _events(span, library_id, column, PLANNED, HELD, CANCELLED, func.sum(Attendance.total))
        .outerjoin(Attendance, Attendance.event_id == Event.id)
        .group_by(column)
    )
    return {row[0]: (row[1], row[2], row[3], row[4] or 0) for row in db.session.execute(query)}


def campaign_to_date(span: Span, library_id: int | None) -> dict[int, int]:
    """Held events of each campaign running in the period, from its start to the period's end."""
    query = (
        select(Event.campaign_id, func.count(Event.id))
        .join(Campaign, Campaign.id == Event.campaign_id)
        .where(
            Event.status == Status.HELD,
            Event.start_dt < span.end,
            Campaign.end_date >= span.period.start,
            Campaign.start_date < span.period.end,
        )
        .group_by(Event.campaign_id)
    )
    if library_id is not None:
        query = query.where(Event.library_id == library_id)
    return dict(db.session.execute(query).all())


def attendance_totals(span: Span, library_id: int | None) -> dict[str, int]:
    """Events with attendance, people in total and by audience group."""
    groups = [func.coalesce(func.sum(getattr(Attendance, g)), 0) for g in AUDIENCE_GROUPS]
    query = _events(
        span,
        library_id,
        func.count(Attendance.event_id),
        func.coalesce(func.sum(Attendance.total), 0),
        *groups,
    ).join(Attendance, Attendance.event_id == Event.id)
    row = db.session.execute(query).one()
    return {"events": row[0], "total": row[1], **dict(zip(AUDIENCE_GROUPS, row[2:], strict=True))}


def partner_groups(span: Span, library_id: int | None) -> dict[str, int]:
    """{partners text: held events}; the caller splits the (few) distinct texts into names."""
    query = _events(span, library_id, Event.partners, func.count(Event.id)).where(
        Event.status == Status.HELD, Event.partners != ""
    )
    return dict(db.session.execute(query.group_by(Event.partners)).all())


def _bookings(span: Span, library_id: int | None, *columns):
    query = (
        select(*columns)
        .select_from(Booking)
        .where(Booking.start_dt >= span.start, Booking.start_dt < span.end)
    )
    if library_id is not None:
        query = query.join(CoworkingCentre, CoworkingCentre.id == Booking.centre_id).where(
            CoworkingCentre.library_id == library_id
        )
    return query


def bookings_by_centre(span: Span, library_id: int | None) -> dict[int, dict[str, int]]:
    """{centre_id: {status: bookings}}."""
    query = _bookings(span, library_id, Booking.centre_id, Booking.status, func.count(Booking.id))
    result: dict[int, dict[str, int]] = {}
    for centre_id, status, count in db.session.execute(
        query.group_by(Booking.centre_id, Booking.status)
    ):
        result.setdefault(centre_id, {})[status] = count
    return result


def institutions(span: Span, library_id: int | None) -> dict[str, int]:
    """{institution: visits} of visitors who came (checked in)."""
    query = _bookings(span, library_id, Booking.institution, func.count(Booking.id)).where(
        Booking.status == BookingStatus.CHECKED_IN, Booking.institution != ""
    )
    return dict(db.session.execute(query.group_by(Booking.institution)).all())


def booked_slots(span: Span, library_id: int | None, *parts: str) -> dict[tuple, int]:
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


def events_per_month(span: Span, library_id: int | None) -> dict[tuple[int, int], int]:
    """{(month, type_id): held or planned events} over a year, by local month."""
    month = local_part(Event.start_dt, "month", span)
    query = _events(span, library_id, month, Event.type_id, func.count(Event.id)).where(
        Event.status != Status.CANCELLED
    )
    return {(m, t): n for m, t, n in db.session.execute(query.group_by(month, Event.type_id))}


def attendance_per_month(span: Span, library_id: int | None) -> dict[int, int]:
    month = local_part(Event.start_dt, "month", span)
    query = _events(span, library_id, month, func.sum(Attendance.total)).join(
        Attendance, Attendance.event_id == Event.id
    )
    return {m: n or 0 for m, n in db.session.execute(query.group_by(month))}


def library_months(span: Span) -> dict[tuple[int, int, int], tuple[int, int]]:
    """{(library_id, year, month): (held events, attendance)} for the city-wide summary."""
    year, month = (
        local_part(Event.start_dt, "year", span),
        local_part(Event.start_dt, "month", span),
    )
    query = (
        _events(span, None, Event.library_id, year, month, HELD, func.sum(Attendance.total))
        .outerjoin(Attendance, and_(Attendance.event_id == Event.id))
        .group_by(Event.library_id, year, month)
    )
    return {(r[0], r[1], r[2]): (r[3], r[4] or 0) for r in db.session.execute(query)}
