"""The calendar page that readers and staff share: month, week, day or list, filtered."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from babel.dates import format_time as babel_format_time
from flask import abort, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response

from intranet.clock import LOCAL_TZ, local_today
from intranet.errors import error_response
from intranet.events.models import (
    AUDIENCE_LABELS,
    PUBLIC_STATUSES,
    STATUS_BADGES,
    STATUS_LABELS,
    Status,
)
from intranet.events.queries import (
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
from intranet.events.queries.calendar import CalendarRow
from intranet.i18n import current_language, localized

if TYPE_CHECKING:
    from intranet.auth.models import User

MOBILE_HINTS = ("Mobi", "Android", "iPhone")


def default_view() -> str:
    """The agenda list on a phone, the month grid elsewhere (no JavaScript needed)."""
    agent = request.headers.get("User-Agent", "")
    return "list" if any(hint in agent for hint in MOBILE_HINTS) else "month"


def render_calendar(viewer: "User | None", *, endpoint: str, staff: bool) -> str | Response:
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
    weeks: list[list[dict[str, Any]]] = []
    agenda: list[tuple[Any, str, list[dict[str, Any]]]] = []
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
    else:
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

    def __init__(self, choices: Choices, *, staff: bool) -> None:
        language = current_language()
        self.locale = get_locale()
        self.staff = staff
        self.href = url_for("events_staff.detail" if staff else "events_public.event", event_id=0)[
            :-1
        ]
        self.types = {t.id: (t.colour, localized(t, "name", language)) for t in choices.types}
        self.libraries = {lib.id: localized(lib, "name", language) for lib in choices.libraries}
        self.language = language
        self.times: dict[datetime, str] = {}
        self.statuses = {s: (str(STATUS_LABELS[s]), STATUS_BADGES[s]) for s in Status}
        self.audiences = {key: str(label) for key, label in AUDIENCE_LABELS.items()}

    def time(self, moment: datetime) -> str:
        """The local time of day, formatted once per distinct moment."""
        text = self.times.get(moment)
        if text is None:
            text = self.times[moment] = babel_format_time(
                moment, "short", tzinfo=LOCAL_TZ, locale=self.locale
            )
        return text

    def __call__(self, row: CalendarRow) -> dict[str, Any]:
        """One calendar entry, ready to show."""
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
