"""What readers see: published events for the feeds, the API, the print view and the home page."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload, load_only

from intranet.clock import local_day_bounds, local_today
from intranet.events.models import MAX_EVENT_DAYS, PUBLIC_STATUSES, Event, Status
from intranet.events.queries.filters import Filters, filtered
from intranet.extensions import db
from intranet.libraries.models import Library

FEED_PAST_DAYS = 366
FEED_LIMIT = 10_000
API_LIMIT = 5000


def public_events_query(
    start: datetime | None, end: datetime | None, filters: Filters | None = None
) -> Select[Event]:
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
        query = query.where(
            Event.end_dt > start, Event.start_dt >= start - timedelta(days=MAX_EVENT_DAYS)
        )
    if end is not None:
        query = query.where(Event.start_dt < end)
    if filters is not None:
        query = filtered(query, filters)
    return query.order_by(Event.start_dt, Event.id)


def _all(query: Select[Event]) -> Sequence[Event]:
    return db.session.scalars(query).unique().all()


def week_programme(limit: int = 20) -> Sequence[Event]:
    """Published events of the next seven days, for the public home page (one query)."""
    start, _end = local_day_bounds(local_today())
    _start, end = local_day_bounds(local_today() + timedelta(days=6))
    query = public_events_query(start, end).where(Event.status.in_(PUBLIC_STATUSES))
    return _all(query.limit(limit))


def public_event(event_id: int) -> Event | None:
    """The event, if readers may see it (drafts do not exist for them)."""
    event = db.session.get(Event, event_id)
    return event if event is not None and event.is_public else None


def feed_events(filters: Filters) -> Sequence[Event]:
    """The subscription feed: a year back and everything ahead."""
    since, _end = local_day_bounds(local_today() - timedelta(days=FEED_PAST_DAYS))
    return _all(public_events_query(since, None, filters).limit(FEED_LIMIT))


def events_between(first: date, last: date, filters: Filters) -> Sequence[Event]:
    """Published events from the first day to the last (included), for the API."""
    since, _end = local_day_bounds(first)
    _start, until = local_day_bounds(last)
    return _all(public_events_query(since, until, filters).limit(API_LIMIT))


def library_by_slug(slug: str) -> Library | None:
    """The library of the print view (the 21 are read at once, no odd text sent to SQL)."""
    libraries = db.session.scalars(select(Library)).all()
    return next((lib for lib in libraries if lib.slug == slug), None)


def month_programme(library: Library, first: date, last: date) -> Sequence[Event]:
    """A library's published events from the first day to the last, for print."""
    start, _end = local_day_bounds(first)
    _start, end = local_day_bounds(last)
    query = public_events_query(start, end).where(
        Event.library_id == library.id, Event.status.in_(PUBLIC_STATUSES)
    )
    return _all(query)
