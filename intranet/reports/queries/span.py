"""A period and a scope as SQL: UTC bounds, local date parts, and the events and bookings in them.

Every figure of the report is aggregated in SQL (GROUP BY) for a `Span` and a `library_id`
(None: the whole system), and comes back as a small dict keyed by the grouping; no query
function loops over event or booking rows.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnExpressionArgument, Integer, Select, case, cast, extract, func, select
from sqlalchemy.sql.elements import ColumnElement

from intranet.clock import LOCAL_TZ, from_local
from intranet.coworking.models import Booking, CoworkingCentre
from intranet.events.models import Event, Status
from intranet.extensions import db
from intranet.reports.queries.periods import Period


@dataclass(frozen=True)
class Span:
    """A period as UTC instants [start, end), with the local UTC offset used on SQLite."""

    period: Period
    start: datetime
    end: datetime
    offset_minutes: int

    @classmethod
    def of(cls, period: Period) -> "Span":
        """The UTC bounds of a period of local (Asia/Qyzylorda) days."""
        start = from_local(period.start, time.min)
        offset = start.astimezone(LOCAL_TZ).utcoffset() or timedelta(0)
        return cls(
            period, start, from_local(period.end, time.min), int(offset.total_seconds() // 60)
        )


def local_part(column: Any, part: str, span: Span) -> ColumnElement[int]:
    """The local (Asia/Qyzylorda) hour, weekday (0 = Monday), month or year of a UTC column."""
    if db.session.get_bind().dialect.name == "postgresql":
        local = func.timezone(str(LOCAL_TZ), column)
        if part == "dow":
            return cast(extract("isodow", local), Integer) - 1
        return cast(extract(part, local), Integer)
    fmt = {"hour": "%H", "dow": "%w", "month": "%m", "year": "%Y"}[part]
    value = cast(func.strftime(fmt, column, f"{span.offset_minutes:+d} minutes"), Integer)
    return (value + 6) % 7 if part == "dow" else value


def count_when(condition: ColumnExpressionArgument[bool]) -> ColumnElement[int]:
    """SUM(CASE WHEN condition THEN 1 ELSE 0 END), 0 for no rows."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


PLANNED = func.count(Event.id)
HELD = count_when(Event.status == Status.HELD)
CANCELLED = count_when(Event.status == Status.CANCELLED)


def events_in(span: Span, library_id: int | None, *columns: Any) -> Select[Any]:
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


def bookings_in(span: Span, library_id: int | None, *columns: Any) -> Select[Any]:
    """SELECT columns FROM booking starting in the period, at the centres of the scope."""
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
