"""Public pages, no login: the calendar, an event, its ICS, the feed, and the print view."""

from flask import Blueprint, abort, render_template, request
from werkzeug.wrappers import Response

from intranet.errors import error_response
from intranet.events.models import Event
from intranet.events.queries import (
    BadRequest,
    Choices,
    feed_events,
    library_by_slug,
    make_period,
    month_programme,
    parse_filters,
    public_event,
    registration_rules,
    series_of,
    series_offer,
    waiting_count,
)
from intranet.events.services import opening_words
from intranet.events.services import window as registration_window
from intranet.events.views import registration as registration_pages
from intranet.events.views import series_registration as series_pages
from intranet.events.views.calendar import render_calendar
from intranet.events.views.ics import ics_response
from intranet.extensions import limiter
from intranet.models import utc_now

bp = Blueprint("events_public", __name__)


def _public_event(event_id: int) -> Event:
    event = public_event(event_id)
    if event is None:
        abort(404)  # drafts do not exist for readers
    return event


@bp.get("/events")
def calendar() -> str | Response:
    """The published programme: month, week, day or list."""
    return render_calendar(None, endpoint="events_public.calendar", staff=False)


@bp.get("/events/<int:event_id>")
def event(event_id: int) -> str:
    """What, when, where, for whom, and "add to calendar"."""
    found = _public_event(event_id)
    rules = registration_rules(found.id)
    # Counts only, no names: the page stays cacheable; a registration bumps its version.
    waiting = waiting_count(found.id) if rules and rules.mode != "off" else 0
    series = series_of(found)
    now = utc_now()
    offer = series_offer(series, now) if series else None
    opens = registration_window(found, rules)[0] if rules and rules.mode == "open" else None
    return render_template(
        "events/public/event.html",
        event=found,
        rules=rules,
        waiting=waiting,
        offer=offer,
        # Until registration opens the page says when, instead of a button to a refusal.
        opens_when=opening_words(opens) if opens and now < opens and not offer else None,
    )


@bp.get("/events/<int:event_id>.ics")
def event_ics(event_id: int) -> Response:
    """One event for a calendar app."""
    return ics_response([_public_event(event_id)], name=f"event-{event_id}")


@bp.get("/events.ics")
def feed() -> Response:
    """The subscription feed, filtered by ?library=&type=&campaign=."""
    try:
        filters = parse_filters(request.args, Choices.load(), staff=False)
    except BadRequest as error:
        return error_response(400, str(error))
    return ics_response(feed_events(filters), name="events")


@bp.get("/events/print")
def print_month() -> str | Response:
    """A library's month programme on A4."""
    library = library_by_slug(request.args.get("library", ""))
    if library is None:
        return error_response(400, str(BadRequest("?library=")))
    try:
        period = make_period("month", request.args)
    except BadRequest as error:
        return error_response(400, str(error))
    events = month_programme(library, period.first, period.last)
    return render_template(
        "events/public/print.html", library=library, period=period, events=events
    )


bp.add_url_rule(
    "/events/<int:event_id>/register",
    view_func=limiter.limit(registration_pages.register_limit, methods=["POST"])(
        registration_pages.register
    ),
    methods=["GET", "POST"],
)
bp.add_url_rule("/registration/<token>", view_func=registration_pages.registration)
bp.add_url_rule(
    "/registration/<token>/cancel",
    endpoint="registration_cancel",
    view_func=registration_pages.cancel,
    methods=["POST"],
)
bp.add_url_rule(
    "/registration/<token>/accept",
    endpoint="registration_accept",
    view_func=registration_pages.accept,
    methods=["POST"],
)
bp.add_url_rule(
    "/registration/series/<token>",
    endpoint="series_registration",
    view_func=series_pages.series_registration,
)
bp.add_url_rule(
    "/registration/series/<token>/cancel",
    endpoint="series_registration_cancel",
    view_func=series_pages.series_cancel,
    methods=["POST"],
)
