"""The vocabulary of events: statuses, audiences, languages, repetition and scopes, with labels."""

from collections.abc import Iterable
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Status(StrEnum):
    """Where an event stands in the approval workflow."""

    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    RETURNED = "returned"
    HELD = "held"
    CANCELLED = "cancelled"


STATUS_LABELS = {
    Status.DRAFT: _l("Draft"),
    Status.PENDING: _l("Pending approval"),
    Status.APPROVED: _l("Approved"),
    Status.RETURNED: _l("Returned"),
    # TRANSLATORS: an event's status once it has taken place (kk «Өткізілді»).
    Status.HELD: _l("Held"),
    Status.CANCELLED: _l("Cancelled"),
}
STATUS_BADGES = {
    Status.DRAFT: "text-bg-secondary",
    Status.PENDING: "text-bg-warning",
    Status.APPROVED: "text-bg-success",
    Status.RETURNED: "text-bg-danger",
    Status.HELD: "text-bg-primary",
    Status.CANCELLED: "text-bg-dark",
}
PUBLIC_STATUSES = (Status.APPROVED, Status.HELD)
EDITABLE_BY_BRANCH = (Status.DRAFT, Status.RETURNED, Status.APPROVED)
EDITABLE_BY_CENTRAL = (Status.DRAFT, Status.PENDING, Status.RETURNED, Status.APPROVED)
CANCELLABLE = (Status.DRAFT, Status.PENDING, Status.RETURNED, Status.APPROVED)

AUDIENCES = ("children", "teenagers", "youth", "adults", "seniors", "everyone")
AUDIENCE_LABELS = {
    "children": _l("Children"),
    "teenagers": _l("Teenagers"),
    "youth": _l("Youth"),
    "adults": _l("Adults"),
    "seniors": _l("Seniors"),
    # TRANSLATORS: an audience: readers of every age (kk «Барлық оқырмандар»).
    "everyone": _l("Everyone"),
}
# Attendance is counted by these groups ("everyone" is not a group of people).
AUDIENCE_GROUPS = ("children", "teenagers", "youth", "adults", "seniors")

EVENT_LANGUAGES = ("kk", "ru", "en", "kk_ru")
EVENT_LANGUAGE_LABELS = {
    "kk": _l("Kazakh"),
    "ru": _l("Russian"),
    "en": _l("English"),
    "kk_ru": _l("Kazakh and Russian"),
}

FREQUENCIES = ("weekly", "biweekly", "monthly")
FREQUENCY_LABELS = {
    "weekly": _l("Every week"),
    "biweekly": _l("Every two weeks"),
    "monthly": _l("Every month"),
}
MAX_OCCURRENCES = 200
SCOPES = ("one", "following", "all")
SCOPE_LABELS = {
    "one": _l("Only this event"),
    "following": _l("This and the following events"),
    "all": _l("The whole series"),
}
TEXT_LIMIT = 5000
# Longer events (a two-month exhibition) are split; the calendar query relies on this bound.
MAX_EVENT_DAYS = 62


def sql_in(values: Iterable[str]) -> str:
    """A SQL IN list for a CHECK constraint."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"
