"""The one iCalendar (RFC 5545) writer: escaping, folding, UTC stamps, the calendar around."""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from flask import Response, request

PRODID = "-//Kyzylorda City Centralized Library System//Intranet//KK"
TIMEZONE = "Asia/Qyzylorda"


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


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC (the form every calendar program reads without a VTIMEZONE)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(properties: Sequence[tuple[str, str]]) -> bytes:
    """One VEVENT from (name, value) pairs; values are written as given (escape TEXT first)."""
    lines = ["BEGIN:VEVENT", *(f"{name}:{value}" for name, value in properties), "END:VEVENT"]
    return b"".join(fold(line) for line in lines)


def calendar(events: Iterable[bytes], *, name: str | None = None) -> bytes:
    """A VCALENDAR around already written VEVENTs."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    head.append("METHOD:PUBLISH")
    if name:
        head += [f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{TIMEZONE}"]
    return b"".join(fold(line) for line in head) + b"".join(events) + fold("END:VCALENDAR")


def ics_response(
    body: bytes, *, filename: str, cache: str = "public, max-age=300", inline: bool = True
) -> Response:
    """A calendar file; calendar apps that poll an unchanged one get a 304."""
    disposition = "inline" if inline else "attachment"
    response = Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}.ics"',
            "Cache-Control": cache,
        },
    )
    response.add_etag()
    response.make_conditional(request)
    return response
