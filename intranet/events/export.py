"""CSV export of events with attendance; cells that a spreadsheet would run are neutralised."""

import csv
import io

from intranet.clock import to_local
from intranet.events.constants import AUDIENCE_GROUPS
from intranet.i18n import localized

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
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


def neutralise(value) -> str:
    """Text that starts like a formula gets a leading apostrophe (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_START) else text


def events_csv(events) -> str:
    """One row per event; attendance columns empty until it is recorded."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for event in events:
        counts = event.attendance
        row = [
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
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + out.getvalue()  # BOM: Excel then reads Kazakh letters right
