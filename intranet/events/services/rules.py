"""The rules every event obeys, whoever enters it: one small function per rule.

Each rule names the form field its refusal belongs next to, so the page shows it there.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from intranet.errors import IntranetError
from intranet.events.models import AUDIENCES, EVENT_LANGUAGES, MAX_EVENT_DAYS, TEXT_LIMIT
from intranet.events.services.data import EventData


def ends_after_start(data: EventData) -> None:
    """An event ends after it starts."""
    if data.end_dt <= data.start_dt:
        raise IntranetError(_l("The event must end after it starts."), field="end_time")


def lasts_at_most_max_days(data: EventData) -> None:
    """Longer events (a two-month exhibition) are split; the calendar query relies on this."""
    if data.end_dt - data.start_dt > timedelta(days=MAX_EVENT_DAYS):
        raise IntranetError(
            _l("An event lasts at most %(days)d days.", days=MAX_EVENT_DAYS), field="end_date"
        )


def has_a_title(data: EventData) -> None:
    """A title in Kazakh or Russian (English is optional)."""
    if not (data.title_kk or data.title_ru):
        raise IntranetError(_l("Give the title in Kazakh or Russian."), field="title_ru")


def known_audience(data: EventData) -> None:
    """One of the audiences."""
    if data.audience not in AUDIENCES:
        raise IntranetError(_l("Unknown audience."), field="audience")


def known_language(data: EventData) -> None:
    """One of the languages of events."""
    if data.language not in EVENT_LANGUAGES:
        raise IntranetError(_l("Unknown language."), field="language")


def descriptions_within_limit(data: EventData) -> None:
    """Each description within TEXT_LIMIT characters."""
    for name in ("description_kk", "description_ru", "description_en"):
        if len(getattr(data, name) or "") > TEXT_LIMIT:
            raise IntranetError(_l("At most %(max)d characters.", max=TEXT_LIMIT), field=name)


def positive_capacity(data: EventData) -> None:
    """No capacity, or a positive one."""
    if data.capacity is not None and data.capacity <= 0:
        raise IntranetError(_l("The capacity must be a positive number."), field="capacity")


RULES: tuple[Callable[[EventData], None], ...] = (
    ends_after_start,
    lasts_at_most_max_days,
    has_a_title,
    known_audience,
    known_language,
    descriptions_within_limit,
    positive_capacity,
)


def _optional(text: str | None) -> str | None:
    return (text or "").strip() or None


def check_event_data(data: EventData) -> EventData:
    """The data with blank titles as none, once every rule has let it through."""
    cleaned = replace(
        data,
        title_kk=_optional(data.title_kk),
        title_ru=_optional(data.title_ru),
        title_en=_optional(data.title_en),
    )
    for rule in RULES:
        rule(cleaned)
    return cleaned
