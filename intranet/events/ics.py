"""RFC 5545 output with the icalendar library: stable UIDs, UTC times, cancellations."""

from datetime import UTC

from flask import Response, request
from icalendar import Calendar

from intranet.events.constants import Status
from intranet.i18n import current_language, localized
from intranet.urls import external_url_for

PRODID = "-//Kyzylorda City Centralized Library System//Events//KK"


def uid_of(event) -> str:
    """The UID calendar apps keep; built from a random id that never changes."""
    return f"{event.uid}@kyzylorda-libraries"


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """RFC 5545 3.1: lines of at most 75 octets, never splitting a UTF-8 character."""
    data = line.encode()
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines start with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def utc_stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(event, *, language: str) -> bytes:
    """One VEVENT in UTC times; written directly, since a feed holds hundreds of them."""
    library = event.library
    place = [
        localized(library, "name", language),
        localized(library, "address", language),
        event.room,
    ]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid_of(event)}",
        f"SEQUENCE:{event.sequence or 0}",
        f"DTSTAMP:{utc_stamp(event.updated_dt)}",
        f"LAST-MODIFIED:{utc_stamp(event.updated_dt)}",
        f"DTSTART:{utc_stamp(event.start_dt)}",
        f"DTEND:{utc_stamp(event.end_dt)}",
        f"SUMMARY:{escape_text(localized(event, 'title', language))}",
    ]
    description = localized(event, "description", language)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines += [
        f"LOCATION:{escape_text(', '.join(part for part in place if part))}",
        f"CATEGORIES:{escape_text(localized(event.type, 'name', language))}",
        f"URL:{external_url_for('events_public.event', event_id=event.id)}",
        f"STATUS:{'CANCELLED' if event.status == Status.CANCELLED else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    return b"".join(fold(line) for line in lines)


def to_ical(events, *, name: str) -> bytes:
    """A VCALENDAR of public events (never notes, drafts or people)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Qyzylorda")
    envelope = cal.to_ical()  # the calendar's own lines, by the icalendar library
    end = b"END:VCALENDAR\r\n"
    language = current_language()
    body = b"".join(vevent(event, language=language) for event in events)
    return envelope[: -len(end)] + body + end


def ics_response(events, *, name: str) -> Response:
    """The calendar as a download that calendar apps can subscribe to."""
    body = to_ical(events, name=name)
    response = Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'inline; filename="{name}.ics"',
            "Cache-Control": "public, max-age=300",
        },
    )
    # Calendar apps poll the feed; an unchanged feed costs them a 304.
    response.add_etag()
    return response.make_conditional(request)
