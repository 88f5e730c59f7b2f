"""The calendar page shared by readers and staff, and template helpers."""

from datetime import timedelta

from babel.dates import format_time as babel_format_time
from flask import abort, render_template, request, url_for
from flask_babel import format_time, get_locale

from intranet.clock import LOCAL_TZ, local_day_bounds, local_today
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
    PUBLIC_STATUSES,
    STATUS_BADGES,
    STATUS_LABELS,
    Status,
)
from intranet.i18n import current_language, localized

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
    days = by_day(rows, period)
    present = Presenter(choices, staff=staff)
    day_href = url_for(endpoint, view="day", date="DATE", **filters.query_args())
    if view == "month":
        # Only what the grid shows is formatted: a few events a day, then "+N more".
        weeks = [
            [
                {
                    "day": day,
                    "href": day_href.replace("DATE", day.isoformat()),
                    "items": [present(row) for row in days.get(day, ())[:PER_DAY]],
                    "more": max(0, len(days.get(day, ())) - PER_DAY),
                }
                for day in week
            ]
            for week in period.weeks
        ]
        agenda = []
    else:
        weeks = []
        agenda = [
            (day, day_href.replace("DATE", day.isoformat()), [present(row) for row in items])
            for day, items in sorted(days.items())
        ]
    return render_template(
        "events/calendar.html",
        view=view,
        period=period,
        filters=filters,
        choices=choices,
        weeks=weeks,
        agenda=agenda,
        truncated=limit is not None and len(rows) >= limit,
        endpoint=endpoint,
        staff=staff,
        today=local_today(),
    )


class Presenter:
    """Turns calendar rows into ready strings once per request (1,000 events stay cheap)."""

    def __init__(self, choices, *, staff: bool):
        language = current_language()
        self.locale = get_locale()
        self.staff = staff
        self.href = url_for("events_staff.detail" if staff else "events_public.event", event_id=0)[
            :-1
        ]
        self.types = {t.id: (t.colour, localized(t, "name", language)) for t in choices.types}
        self.libraries = {lib.id: localized(lib, "name", language) for lib in choices.libraries}
        self.language = language
        self.times: dict = {}
        self.statuses = {s: (str(STATUS_LABELS[s]), STATUS_BADGES[s]) for s in Status}
        self.audiences = {key: str(label) for key, label in AUDIENCE_LABELS.items()}

    def time(self, moment) -> str:
        text = self.times.get(moment)
        if text is None:
            text = self.times[moment] = babel_format_time(
                moment, "short", tzinfo=LOCAL_TZ, locale=self.locale
            )
        return text

    def __call__(self, row) -> dict:
        colour, type_name = self.types[row.type_id]
        label, badge = self.statuses[Status(row.status)]
        return {
            "href": f"{self.href}{row.id}",
            "colour": colour,
            "cancelled": row.status == Status.CANCELLED,
            "start_iso": row.start_dt.isoformat(),
            "end_iso": row.end_dt.isoformat(),
            "start": self.time(row.start_dt),
            "end": self.time(row.end_dt),
            "title": localized(row, "title", self.language),
            "type": type_name,
            "library": self.libraries[row.library_id],
            "room": row.room,
            "audience": self.audiences[row.audience],
            "status": label,
            "badge": badge if self.staff and row.status not in PUBLIC_STATUSES else None,
        }


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
