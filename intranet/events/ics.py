"""RFC 5545 output with the icalendar library: stable UIDs, UTC times, cancellations."""

from collections import OrderedDict
from datetime import UTC

from flask import Response, current_app, request, url_for
from icalendar import Calendar
from icalendar import Event as IcsEvent

from intranet.events.constants import Status
from intranet.i18n import current_language, localized

PRODID = "-//Kyzylorda City Centralized Library System//Events//KK"


def uid_of(event) -> str:
    """The UID calendar apps keep; built from a random id that never changes."""
    return f"{event.uid}@kyzylorda-libraries"


def vevent(event, *, base: str) -> bytes:
    """One VEVENT, as icalendar writes it."""
    item = IcsEvent()
    item.add("uid", uid_of(event))
    item.add("sequence", event.sequence or 0)
    item.add("dtstamp", event.updated_dt.astimezone(UTC))
    item.add("last-modified", event.updated_dt.astimezone(UTC))
    item.add("dtstart", event.start_dt.astimezone(UTC))
    item.add("dtend", event.end_dt.astimezone(UTC))
    item.add("summary", localized(event, "title"))
    description = localized(event, "description")
    if description:
        item.add("description", description)
    place = [localized(event.library, "name"), localized(event.library, "address"), event.room]
    item.add("location", ", ".join(part for part in place if part))
    item.add("categories", [localized(event.type, "name")])
    item.add("url", base + url_for("events_public.event", event_id=event.id))
    item.add("status", "CANCELLED" if event.status == Status.CANCELLED else "CONFIRMED")
    return item.to_ical()


# Serialising is the slow part of a feed; an event's text changes only with its SEQUENCE or
# update time, so each VEVENT is kept per language (bounded, per process).
_CACHE: OrderedDict = OrderedDict()
CACHE_SIZE = 60_000


def cached_vevent(event, *, base: str) -> bytes:
    key = (event.id, event.sequence, event.updated_dt, current_language(), base)
    chunk = _CACHE.get(key)
    if chunk is None:
        chunk = _CACHE[key] = vevent(event, base=base)
        if len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return chunk


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
    envelope = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    body = b"".join(cached_vevent(event, base=base) for event in events)
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
