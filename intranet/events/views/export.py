"""CSV export of events with attendance; cells that a spreadsheet would run are neutralised."""

from collections.abc import Iterable

from intranet.clock import to_local
from intranet.events.models import AUDIENCE_GROUPS, Event
from intranet.i18n import localized
from intranet.spreadsheets import to_csv

HEADER = [
    "id",
    "library",
    "type",
    "status",
    "start",
    "end",
    "title",
    "room",
    "audience",
    "language",
    "organiser",
    "partners",
    "campaign",
    "club",
    "attendance_total",
    *(f"attendance_{group}" for group in AUDIENCE_GROUPS),
    "attendance_note",
]


def events_csv(events: Iterable[Event]) -> bytes:
    """One row per event; attendance columns empty until it is recorded."""
    return to_csv(HEADER, (_row(event) for event in events))


def _row(event: Event) -> list[object]:
    """The cells of one event."""
    counts = event.attendance
    return [
        event.id,
        event.library.slug,
        event.type.slug,
        event.status,
        to_local(event.start_dt).strftime("%Y-%m-%d %H:%M"),
        to_local(event.end_dt).strftime("%Y-%m-%d %H:%M"),
        localized(event, "title"),
        event.room,
        event.audience,
        event.language,
        event.organiser,
        event.partners,
        event.campaign.slug if event.campaign else "",
        event.club.slug if event.club else "",
        counts.total if counts else "",
        *((getattr(counts, group) if counts else "") for group in AUDIENCE_GROUPS),
        counts.note if counts else "",
    ]
