"""Calendar periods (month, week, day, list), filters, and the one query that fills them."""

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, load_only
from werkzeug.datastructures import MultiDict

from intranet.clock import local_day_bounds, local_today, to_local
from intranet.errors import IntranetError
from intranet.events.constants import AUDIENCES, PUBLIC_STATUSES, Status
from intranet.events.models import Campaign, Event, EventType
from intranet.extensions import db
from intranet.libraries.models import Club, Library

VIEWS = ("month", "week", "day", "list")
MIN_YEAR, MAX_YEAR = 2000, 2100
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


class BadRequest(IntranetError):
    """A malformed query string."""


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
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
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


def make_period(view: str, args: MultiDict) -> Period:
    """The period asked for by ?view=&date=&month=."""
    today = local_today()
    if view == "month" or (view == "list" and "date" not in args):
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


@dataclass
class Filters:
    """What the reader narrowed the calendar to; unknown values are refused."""

    libraries: list[Library] = field(default_factory=list)
    type: EventType | None = None
    audience: str = ""
    campaign: Campaign | None = None
    club: Club | None = None
    status: str = ""

    def query_args(self) -> dict:
        args = {
            "library": [lib.slug for lib in self.libraries],
            "type": self.type.slug if self.type else None,
            "audience": self.audience or None,
            "campaign": self.campaign.slug if self.campaign else None,
            "club": self.club.slug if self.club else None,
            "status": self.status or None,
        }
        return {key: value for key, value in args.items() if value}


@dataclass
class Choices:
    """Everything the filter form offers (four small queries)."""

    libraries: list[Library]
    types: list[EventType]
    campaigns: list[Campaign]
    clubs: list[Club]

    @classmethod
    def load(cls) -> "Choices":
        return cls(
            db.session.scalars(select(Library).order_by(Library.position)).all(),
            db.session.scalars(select(EventType).order_by(EventType.position)).all(),
            db.session.scalars(select(Campaign).order_by(Campaign.start_date.desc())).all(),
            db.session.scalars(select(Club).order_by(Club.slug)).all(),
        )


def _pick(items, slug: str | None, what):
    if not slug:
        return None
    for item in items:
        if item.slug == slug:
            return item
    raise BadRequest(_l("Unknown %(what)s: %(value)s", what=what, value=slug[:40]))


def parse_filters(args: MultiDict, choices: Choices, *, staff: bool) -> Filters:
    """Read ?library=&library=&type=&audience=&campaign=&club=&status= against the choices."""
    filters = Filters()
    for slug in args.getlist("library")[:21]:
        if slug:
            filters.libraries.append(_pick(choices.libraries, slug, _l("library")))
    filters.type = _pick(choices.types, args.get("type"), _l("event type"))
    filters.campaign = _pick(choices.campaigns, args.get("campaign"), _l("campaign"))
    filters.club = _pick(choices.clubs, args.get("club"), _l("club"))
    audience = args.get("audience", "")
    if audience and audience not in AUDIENCES:
        raise BadRequest(_l("Unknown audience."))
    filters.audience = audience
    status = args.get("status", "") if staff else ""
    if status and status not in set(Status):
        raise BadRequest(_l("Unknown status."))
    filters.status = status
    return filters


def visible_to(query, viewer):
    """Readers see what is published; staff also see their own scope's drafts and pending."""
    if viewer is None or not viewer.is_authenticated:
        return query.where(Event.status.in_(PUBLIC_STATUSES))
    if viewer.is_central:
        return query
    public = Event.status.in_(PUBLIC_STATUSES)
    if viewer.library_id is not None:
        return query.where(or_(public, Event.library_id == viewer.library_id))
    return query.where(public)


def filtered(query, filters: Filters):
    if filters.libraries:
        query = query.where(Event.library_id.in_([lib.id for lib in filters.libraries]))
    if filters.type:
        query = query.where(Event.type_id == filters.type.id)
    if filters.audience:
        query = query.where(Event.audience == filters.audience)
    if filters.campaign:
        query = query.where(Event.campaign_id == filters.campaign.id)
    if filters.club:
        query = query.where(Event.club_id == filters.club.id)
    if filters.status:
        query = query.where(Event.status == filters.status)
    return query


def calendar_rows(period: Period, filters: Filters, viewer, limit: int | None = None):
    """The events of the period as light rows, one query, ordered by start."""
    start, _ = local_day_bounds(period.first)
    _, end = local_day_bounds(period.last)
    query = select(*CALENDAR_COLUMNS).where(Event.start_dt < end, Event.end_dt > start)
    query = filtered(visible_to(query, viewer), filters).order_by(Event.start_dt, Event.id)
    if limit:
        query = query.limit(limit)
    return db.session.execute(query).all()


def by_day(rows, period: Period) -> dict[date, list]:
    """Rows keyed by their local start day (a long event shows on its first day)."""
    days: dict[date, list] = {}
    for row in rows:
        day = max(to_local(row.start_dt).date(), period.first)
        days.setdefault(day, []).append(row)
    return days


def public_events_query(start, end, filters: Filters | None = None):
    """Published events (and published ones later cancelled) for feeds and the API."""
    query = (
        select(Event)
        .options(
            joinedload(Event.type),
            joinedload(Event.library),
            load_only(
                Event.id,
                Event.uid,
                Event.sequence,
                Event.type_id,
                Event.library_id,
                Event.room,
                Event.start_dt,
                Event.end_dt,
                Event.title_kk,
                Event.title_ru,
                Event.title_en,
                Event.description_kk,
                Event.description_ru,
                Event.description_en,
                Event.audience,
                Event.language,
                Event.status,
                Event.updated_dt,
                Event.was_published,
                Event.capacity,
            ),
        )
        .where(
            or_(
                Event.status.in_(PUBLIC_STATUSES),
                (Event.status == Status.CANCELLED) & Event.was_published,
            )
        )
    )
    if start is not None:
        query = query.where(Event.end_dt > start)
    if end is not None:
        query = query.where(Event.start_dt < end)
    if filters is not None:
        query = filtered(query, filters)
    return query.order_by(Event.start_dt, Event.id)
