"""Public pages, no login: the calendar, an event, its ICS, the feed, and the print view."""

from datetime import timedelta

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from intranet.clock import local_day_bounds, local_today
from intranet.errors import error_response
from intranet.events.calendar import BadRequest, Choices, make_period, parse_filters
from intranet.events.calendar import public_events_query as published
from intranet.events.constants import PUBLIC_STATUSES
from intranet.events.ics import ics_response
from intranet.events.models import Event
from intranet.events.views.common import init_app, render_calendar
from intranet.extensions import db
from intranet.libraries.models import Library

bp = Blueprint("events_public", __name__)
bp.record_once(init_app)
FEED_PAST_DAYS = 366


def _public_event(event_id: int) -> Event:
    event = db.get_or_404(Event, event_id)
    if not event.is_public:
        abort(404)  # drafts do not exist for readers
    return event


@bp.get("/events")
def calendar():
    """The published programme: month, week, day or list."""
    return render_calendar(None, endpoint="events_public.calendar", staff=False)


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    """What, when, where, for whom, and "add to calendar"."""
    return render_template("events/public_event.html", event=_public_event(event_id))


@bp.get("/events/<int:event_id>.ics")
def event_ics(event_id: int):
    """One event for a calendar app."""
    return ics_response([_public_event(event_id)], name=f"event-{event_id}")


@bp.get("/events.ics")
def feed():
    """The subscription feed, filtered by ?library=&type=&campaign=."""
    try:
        filters = parse_filters(request.args, Choices.load(), staff=False)
    except BadRequest as error:
        return error_response(400, str(error))
    since, _end = local_day_bounds(local_today() - timedelta(days=FEED_PAST_DAYS))
    events = db.session.scalars(published(since, None, filters).limit(10_000)).unique().all()
    return ics_response(events, name="events")


@bp.get("/events/print")
def print_month():
    """A library's month programme on A4."""
    slug = request.args.get("library", "")
    library = db.session.scalar(select(Library).where(Library.slug == slug)) if slug else None
    if library is None:
        return error_response(400, str(BadRequest("?library=")))
    try:
        period = make_period("month", request.args)
    except BadRequest as error:
        return error_response(400, str(error))
    start, _end = local_day_bounds(period.first)
    _start, end = local_day_bounds(period.last)
    query = published(start, end).where(
        Event.library_id == library.id, Event.status.in_(PUBLIC_STATUSES)
    )
    events = db.session.scalars(query).unique().all()
    return render_template("events/print.html", library=library, period=period, events=events)
