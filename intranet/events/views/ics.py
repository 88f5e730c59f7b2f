"""Events as iCalendar: stable UIDs, UTC times, cancellations (written by intranet.ics)."""

from collections.abc import Iterable

from flask import Response

from intranet import ics
from intranet.events.models import Event, Status
from intranet.i18n import current_language, localized
from intranet.urls import external_url_for


def uid_of(event: Event) -> str:
    """The UID calendar apps keep; built from a random id that never changes."""
    return f"{event.uid}@kyzylorda-libraries"


def event_vevent(event: Event, *, language: str) -> bytes:
    """One public event; never notes, drafts or people."""
    library = event.library
    place = [
        localized(library, "name", language),
        localized(library, "address", language),
        event.room,
    ]
    properties = [
        ("UID", uid_of(event)),
        ("SEQUENCE", str(event.sequence or 0)),
        ("DTSTAMP", ics.utc_stamp(event.updated_dt)),
        ("LAST-MODIFIED", ics.utc_stamp(event.updated_dt)),
        ("DTSTART", ics.utc_stamp(event.start_dt)),
        ("DTEND", ics.utc_stamp(event.end_dt)),
        ("SUMMARY", ics.escape_text(localized(event, "title", language))),
    ]
    description = localized(event, "description", language)
    if description:
        properties.append(("DESCRIPTION", ics.escape_text(description)))
    properties += [
        ("LOCATION", ics.escape_text(", ".join(part for part in place if part))),
        ("CATEGORIES", ics.escape_text(localized(event.type, "name", language))),
        ("URL", external_url_for("events_public.event", event_id=event.id)),
        ("STATUS", "CANCELLED" if event.status == Status.CANCELLED else "CONFIRMED"),
    ]
    return ics.vevent(properties)


def ics_response(events: Iterable[Event], *, name: str) -> Response:
    """The events as a calendar that calendar apps can subscribe to."""
    language = current_language()
    body = ics.calendar((event_vevent(e, language=language) for e in events), name=name)
    return ics.ics_response(body, filename=name)
