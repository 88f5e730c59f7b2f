"""Calendar periods (month, week, day, list) and the one query that fills them."""

import calendar as pycalendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, Select, select
from werkzeug.datastructures import MultiDict

from intranet.clock import MAX_YEAR, MIN_YEAR, local_day_bounds, local_today, to_local
from intranet.events.models import MAX_EVENT_DAYS, Event
from intranet.events.queries.filters import BadRequest, Filters, filtered, visible_to
from intranet.extensions import db

if TYPE_CHECKING:
    from intranet.auth.models import User, Visitor

CalendarRow = Row[*tuple[Any, ...]]

VIEWS = ("month", "week", "day", "list")
PER_DAY = 3  # events shown in a month cell before "+N more"
LIST_LIMIT = 300
# Only what the calendar draws is loaded: 1,000 events a month stay cheap.
CALENDAR_COLUMNS = (
    Event.id,
    Event.type_id,
    Event.library_id,
    Event.room,
    Event.start_dt,
    Event.end_dt,
    Event.title_kk,
    Event.title_ru,
    Event.title_en,
    Event.audience,
    Event.status,
)


def parse_day(value: str | None, default: date) -> date:
    """A YYYY-MM-DD date within the years the calendar shows."""
    if not value:
        return default
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadRequest(_l("The date must look like 2026-05-31.")) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise BadRequest(
            _l("Choose a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR)
        )
    return day


def parse_month(value: str | None, default: date) -> date:
    """A YYYY-MM month, as its first day."""
    if not value:
        return default.replace(day=1)
    parts = value.split("-")
    if len(parts) != 2 or not all(part.isdecimal() for part in parts):
        raise BadRequest(_l("The month must look like 2026-05."))
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        raise BadRequest(_l("The month must look like 2026-05."))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadRequest(
            _l("Choose a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR)
        )
    return date(year, month, 1)


@dataclass
class Period:
    """The days a view shows, and its neighbours for previous/next."""

    view: str
    anchor: date
    first: date
    last: date
    prev: date
    next: date

    @property
    def weeks(self) -> list[list[date]]:
        """Monday-first weeks covering the month, for the grid."""
        cal = pycalendar.Calendar(firstweekday=0)
        return cal.monthdatescalendar(self.anchor.year, self.anchor.month)


def make_period(view: str, args: MultiDict[str, str]) -> Period:
    """The period asked for by ?view=&date=&month=."""
    today = local_today()
    if view == "month" or (view == "list" and "month" in args):
        first = parse_month(args.get("month"), parse_day(args.get("date"), today))
        last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
        prev = (first - timedelta(days=1)).replace(day=1)
        return Period(view, first, first, last, prev, last + timedelta(days=1))
    day = parse_day(args.get("date"), today)
    if view == "week":
        first = day - timedelta(days=day.weekday())
        return Period(
            view,
            day,
            first,
            first + timedelta(days=6),
            day - timedelta(weeks=1),
            day + timedelta(weeks=1),
        )
    if view == "list":
        return Period(
            view,
            day,
            day,
            day + timedelta(days=30),
            day - timedelta(days=31),
            day + timedelta(days=31),
        )
    return Period(view, day, day, day, day - timedelta(days=1), day + timedelta(days=1))


def calendar_rows(
    period: Period, filters: Filters, viewer: "User | Visitor | None", limit: int | None = None
) -> Sequence[CalendarRow]:
    """The events of the period as light rows, one query, ordered by start."""
    start, _ = local_day_bounds(period.first)
    _, end = local_day_bounds(period.last)
    query: Select[*tuple[Any, ...]] = select(*CALENDAR_COLUMNS).where(
        Event.start_dt >= start - timedelta(days=MAX_EVENT_DAYS),
        Event.start_dt < end,
        Event.end_dt > start,
    )
    query = filtered(visible_to(query, viewer), filters).order_by(Event.start_dt, Event.id)
    if limit:
        query = query.limit(limit)
    return db.session.execute(query).all()


def by_day(rows: Sequence[CalendarRow], period: Period) -> dict[date, list[CalendarRow]]:
    """Rows keyed by their local start day (a long event shows on its first day)."""
    days: dict[date, list[CalendarRow]] = {}
    for row in rows:
        day = max(to_local(row.start_dt).date(), period.first)
        days.setdefault(day, []).append(row)
    return days
