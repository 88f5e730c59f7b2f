"""What every page may use about events: a time filter, the labels, and the staff desk's data.

The factory calls `init_app` explicitly (templates/auth/home.html includes the staff desk).
"""

from datetime import datetime

from flask import Flask
from flask_babel import format_time
from flask_login import current_user

from intranet.events.models import (
    AUDIENCE_LABELS,
    EVENT_LANGUAGE_LABELS,
    STATUS_BADGES,
    STATUS_LABELS,
    Status,
)
from intranet.events.queries import StaffDesk, staff_desk


def event_time(value: datetime) -> str:
    """A time of day, short, in the reader's locale."""
    return format_time(value, "short")


def events_dashboard() -> StaffDesk:
    """The events part of the signed-in staff member's desk."""
    return staff_desk(current_user)


def init_app(app: Flask) -> None:
    """Template filters and globals of the events pages."""
    app.jinja_env.filters["event_time"] = event_time
    app.jinja_env.globals["events_dashboard"] = events_dashboard
    app.jinja_env.globals.update(
        EVENT_STATUS_LABELS=STATUS_LABELS,
        EVENT_STATUS_BADGES=STATUS_BADGES,
        EVENT_STATUSES=list(Status),
        AUDIENCE_LABELS=AUDIENCE_LABELS,
        EVENT_LANGUAGE_LABELS=EVENT_LANGUAGE_LABELS,
    )
