"""The calendar page shared by readers and staff, and template helpers."""

from datetime import timedelta

from flask import abort, render_template, request
from flask_babel import format_time

from intranet.clock import local_day_bounds, local_today
from intranet.errors import error_response
from intranet.events.calendar import (
    LIST_LIMIT,
    PER_DAY,
    VIEWS,
    BadRequest,
    Choices,
    by_day,
    calendar_rows,
    make_period,
    parse_filters,
)
from intranet.events.constants import (
    AUDIENCE_LABELS,
    EVENT_LANGUAGE_LABELS,
    STATUS_BADGES,
    STATUS_LABELS,
    Status,
)

MOBILE_HINTS = ("Mobi", "Android", "iPhone")


def default_view() -> str:
    """The agenda list on a phone, the month grid elsewhere (no JavaScript needed)."""
    agent = request.headers.get("User-Agent", "")
    return "list" if any(hint in agent for hint in MOBILE_HINTS) else "month"


def render_calendar(viewer, *, endpoint: str, staff: bool):
    """Month, week, day or list of events, filtered; at most six queries in all."""
    view = request.args.get("view") or default_view()
    if view not in VIEWS:
        abort(400)
    choices = Choices.load()
    try:
        period = make_period(view, request.args)
        filters = parse_filters(request.args, choices, staff=staff)
    except BadRequest as error:
        return error_response(400, str(error))
    limit = LIST_LIMIT if view == "list" else None
    rows = calendar_rows(period, filters, viewer, limit=limit)
    return render_template(
        "events/calendar.html",
        view=view,
        period=period,
        filters=filters,
        choices=choices,
        rows=rows,
        days=by_day(rows, period),
        truncated=limit is not None and len(rows) >= limit,
        types={t.id: t for t in choices.types},
        libraries={lib.id: lib for lib in choices.libraries},
        endpoint=endpoint,
        staff=staff,
        today=local_today(),
        per_day=PER_DAY,
    )


def init_app(state) -> None:
    """Template filters and globals of the events pages."""
    app = state.app
    app.jinja_env.filters["event_time"] = lambda value: format_time(value, "short")
    app.jinja_env.globals["events_dashboard"] = _dashboard
    app.jinja_env.globals.update(
        EVENT_STATUS_LABELS=STATUS_LABELS,
        EVENT_STATUS_BADGES=STATUS_BADGES,
        EVENT_STATUSES=list(Status),
        AUDIENCE_LABELS=AUDIENCE_LABELS,
        EVENT_LANGUAGE_LABELS=EVENT_LANGUAGE_LABELS,
    )


def _dashboard() -> dict:
    from flask_login import current_user

    from intranet.events.views.workflow import dashboard_data

    return dashboard_data(current_user)


def week_programme(limit: int = 20) -> list:
    """Published events of the next seven days, for the public home page (one query)."""
    from intranet.events.calendar import public_events_query
    from intranet.events.constants import PUBLIC_STATUSES
    from intranet.events.models import Event
    from intranet.extensions import db

    start, _end = local_day_bounds(local_today())
    _start, end = local_day_bounds(local_today() + timedelta(days=6))
    query = public_events_query(start, end).where(Event.status.in_(PUBLIC_STATUSES))
    return db.session.scalars(query.limit(limit)).unique().all()
