"""What every page may use about events: a time filter, the labels, and the staff desk's data.

The factory calls `init_app` explicitly (templates/auth/home.html includes the staff desk).
"""

from datetime import datetime

from flask import Flask
from flask_login import current_user

from intranet.clock import local_now, local_today, to_local
from intranet.events.models import (
    AUDIENCE_LABELS,
    EVENT_LANGUAGE_LABELS,
    STATUS_BADGES,
    STATUS_LABELS,
    Event,
    Status,
)
from intranet.events.queries import StaffDesk, staff_desk
from intranet.i18n import format_clock, long_day


def event_time(value: datetime) -> str:
    """A time of day, 24-hour HH:mm in every language (English too: this is Kazakhstan)."""
    return format_clock(value)


def event_when(start: datetime, end: datetime) -> str:
    """«Сейсенбі, 1 желтоқсан, 11:00–13:00»: the local day in words and the times, one line."""
    this_year = local_today().year
    first, last = to_local(start), to_local(end)
    opens = f"{long_day(first.date(), this_year=this_year)}, {event_time(first)}"
    if first.date() == last.date():
        return f"{opens}–{event_time(last)}"
    return f"{opens} – {long_day(last.date(), this_year=this_year)}, {event_time(last)}"


def has_ended(event: Event) -> bool:
    """Whether the event is over by the clock of Kyzylorda."""
    return event.end_dt <= local_now()


def events_dashboard() -> StaffDesk:
    """The events part of the signed-in staff member's desk."""
    return staff_desk(current_user)


def init_app(app: Flask) -> None:
    """Template filters and globals of the events pages."""
    app.jinja_env.filters["event_time"] = event_time
    app.jinja_env.globals["event_when"] = event_when
    app.jinja_env.tests["ended"] = has_ended
    app.jinja_env.globals["events_dashboard"] = events_dashboard
    app.jinja_env.globals.update(
        EVENT_STATUS_LABELS=STATUS_LABELS,
        EVENT_STATUS_BADGES=STATUS_BADGES,
        EVENT_STATUSES=list(Status),
        AUDIENCE_LABELS=AUDIENCE_LABELS,
        EVENT_LANGUAGE_LABELS=EVENT_LANGUAGE_LABELS,
    )
