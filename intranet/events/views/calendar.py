"""The calendar page that readers and staff share: month, week, day or list, filtered."""

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from babel.dates import format_time as babel_format_time
from flask import abort, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from intranet.clock import LOCAL_TZ, local_now, local_today
from intranet.errors import error_response
from intranet.events.models import (
    AUDIENCE_LABELS,
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
    Period,
    by_day,
    calendar_rows,
    make_period,
    parse_day,
    parse_filters,
)
from intranet.events.queries.calendar import CalendarRow
from intranet.i18n import current_language, localized

if TYPE_CHECKING:
    from intranet.auth.models import User
    from intranet.libraries.models import Library

# Generic words of library names: what is left is the short name a reader knows the library by.
GENERIC_WORDS = {"ауылдық", "кітапханасы", "сельская", "библиотека", "rural", "library"}
BRANCH_NUMBER = re.compile(r"(№|No\.)\s*\d+")
# A stand-in id for building an event link once per page (no real event has it).
EVENT_ID_SLOT = 987654321


def short_name(library: "Library", language: str) -> str:
    """«№ 6», «Абай», «Орталық»: a library's name as a month cell or a filter chip has room."""
    name = localized(library, "name", language)
    if library.kind == "central":
        # TRANSLATORS: the central library's short name on a crowded calendar cell.
        return _("Central")  # the central library, as its short name
    number = BRANCH_NUMBER.search(name)
    if number:
        return number.group(0)
    words = [word for word in name.split() if word.lower() not in GENERIC_WORDS]
    return " ".join(words) if words and library.kind == "rural" else name


def without_type(title: str, type_name: str) -> str:
    """«Поэзия сағаты: Абай жолы» → «Абай жолы» beside the type's own label (room in a cell)."""
    prefix = f"{type_name}:"
    if title.casefold().startswith(prefix.casefold()) and title[len(prefix) :].strip():
        return title[len(prefix) :].strip()
    return title


def chosen_day(period: Period, days: dict[date, list[CalendarRow]], today: date) -> date:
    """The day whose agenda shows under the phone's month: asked for, today, or the first busy."""
    asked = parse_day(request.args.get("day"), today)
    if period.first <= asked <= period.last:
        return asked
    busy = sorted(day for day in days if period.first <= day <= period.last)
    return busy[0] if busy else period.first


def render_calendar(viewer: "User | None", *, endpoint: str, staff: bool) -> str | Response:
    """Month, week, day or list of events, filtered; at most six queries in all."""
    view = request.args.get("view") or "month"
    if view not in VIEWS:
        abort(400)
    choices = Choices.load()
    today = local_today()
    try:
        period = make_period(view, request.args)
        filters = parse_filters(request.args, choices, staff=staff)
        parse_day(request.args.get("day"), today)  # a malformed ?day= is a 400 in every view
    except BadRequest as error:
        return error_response(400, str(error))
    # Branch staff belong to one library; central staff coordinate all of them.
    branch = staff and viewer is not None and not viewer.is_central
    own_id = getattr(viewer, "library_id", None) if branch else None
    own_library = next((lib for lib in choices.libraries if lib.id == own_id), None)
    if own_library and not filters.libraries and not filters.everywhere:
        # A branch sees its own library first; all libraries are one click away.
        filters.libraries = [own_library]
        filters.mine_by_default = True
    limit = LIST_LIMIT if view == "list" else None
    rows = calendar_rows(period, filters, viewer, limit=limit)
    days = by_day(rows, period)
    present = Presenter(choices, staff=staff)
    day_href = url_for(endpoint, view="day", date="DATE", **filters.query_args())
    weeks: list[list[dict[str, Any]]] = []
    agenda: list[tuple[Any, str, list[dict[str, Any]]]] = []
    day_agenda: list[dict[str, Any]] = []
    chosen = period.anchor
    if view == "month":
        chosen = chosen_day(period, days, today)
        day_agenda = [present(row) for row in days.get(chosen, ())]
        # Only what the grid shows is formatted: a few events a day, then "+N more".
        weeks = [
            [
                {
                    "day": day,
                    "href": day_href.replace("DATE", day.isoformat()),
                    "items": [present(row) for row in days.get(day, ())[:PER_DAY]],
                    "more": max(0, len(days.get(day, ())) - PER_DAY),
                    "count": len(days.get(day, ())),
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
        chosen=chosen,
        own_library=own_library,
        day_agenda=day_agenda,
        short_names=present.short_names,
        truncated=limit is not None and len(rows) >= limit,
        endpoint=endpoint,
        staff=staff,
        today=today,
    )


class Presenter:
    """Turns calendar rows into ready strings once per request (1,000 events stay cheap)."""

    def __init__(self, choices: Choices, *, staff: bool) -> None:
        language = current_language()
        self.locale = get_locale()
        self.staff = staff
        # Built once and filled per event; the URL may end in ?lang=, so the id is substituted.
        self.href = url_for(
            "events_staff.detail" if staff else "events_public.event", event_id=EVENT_ID_SLOT
        )
        self.types = {t.id: (t.colour, localized(t, "name", language)) for t in choices.types}
        self.libraries = {lib.id: localized(lib, "name", language) for lib in choices.libraries}
        self.short_names = {lib.id: short_name(lib, language) for lib in choices.libraries}
        self.now = local_now()
        self.language = language
        self.times: dict[datetime, str] = {}
        self.statuses = {s: (str(STATUS_LABELS[s]), STATUS_BADGES[s]) for s in Status}
        self.audiences = {key: str(label) for key, label in AUDIENCE_LABELS.items()}

    def time(self, moment: datetime) -> str:
        """The local time of day, formatted once per distinct moment."""
        text = self.times.get(moment)
        if text is None:
            # HH:mm in every language: CLDR's English "short" is the US 5:00 PM.
            text = self.times[moment] = babel_format_time(
                moment, "HH:mm", tzinfo=LOCAL_TZ, locale=self.locale
            )
        return text

    def __call__(self, row: CalendarRow) -> dict[str, Any]:
        """One calendar entry, ready to show."""
        colour, type_name = self.types[row.type_id]
        label, badge = self.statuses[Status(row.status)]
        return {
            "href": self.href.replace(str(EVENT_ID_SLOT), str(row.id), 1),
            "colour": colour,
            "cancelled": row.status == Status.CANCELLED,
            "start_iso": row.start_dt.isoformat(),
            "end_iso": row.end_dt.isoformat(),
            "start": self.time(row.start_dt),
            "end": self.time(row.end_dt),
            "title": without_type(localized(row, "title", self.language), type_name),
            "type": type_name,
            "library": self.libraries[row.library_id],
            "library_short": self.short_names[row.library_id],
            "room": row.room,
            "audience": self.audiences[row.audience],
            "status": label,
            # Staff see every status in words; readers see only that an event is cancelled.
            "badge": badge if self.staff or row.status == Status.CANCELLED else None,
            "to_report": self.staff and row.status == Status.APPROVED and row.end_dt <= self.now,
        }
