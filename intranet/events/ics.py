"""RFC 5545 output with the icalendar library: stable UIDs, UTC times, cancellations."""

from datetime import UTC

from flask import Response, current_app, request
from icalendar import Calendar

from intranet.events.constants import Status
from intranet.i18n import localized

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


def fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, never splitting a UTF-8 character."""
    if len(line) <= 18 or len(line.encode()) <= 75:  # 18 chars x 4 bytes: always short
        return line + "\r\n"
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts) + "\r\n"


def utc_stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(event, *, base: str) -> str:
    """One VEVENT in UTC times; written directly, since a feed holds hundreds of them."""
    place = [localized(event.library, "name"), localized(event.library, "address"), event.room]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid_of(event)}",
        f"SEQUENCE:{event.sequence or 0}",
        f"DTSTAMP:{utc_stamp(event.updated_dt)}",
        f"LAST-MODIFIED:{utc_stamp(event.updated_dt)}",
        f"DTSTART:{utc_stamp(event.start_dt)}",
        f"DTEND:{utc_stamp(event.end_dt)}",
        f"SUMMARY:{escape_text(localized(event, 'title'))}",
    ]
    description = localized(event, "description")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines += [
        f"LOCATION:{escape_text(', '.join(part for part in place if part))}",
        f"CATEGORIES:{escape_text(localized(event.type, 'name'))}",
        f"URL:{base}/events/{event.id}",
        f"STATUS:{'CANCELLED' if event.status == Status.CANCELLED else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    return "".join(fold(line) for line in lines)


def to_ical(events, *, name: str) -> bytes:
    """A VCALENDAR of public events (never notes, drafts or people)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Qyzylorda")
    base = current_app.config.get("BASE_URL") or request.host_url.rstrip("/")
    envelope = cal.to_ical()  # the calendar's own lines, by the icalendar library
    end = b"END:VCALENDAR\r\n"
    body = "".join(vevent(event, base=base) for event in events).encode()
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
