"""RFC 5545 output with the icalendar library: stable UIDs, UTC times, cancellations."""

from datetime import UTC

from flask import Response, current_app, request, url_for
from icalendar import Calendar
from icalendar import Event as IcsEvent

from intranet.events.constants import Status
from intranet.i18n import localized

PRODID = "-//Kyzylorda City Centralized Library System//Events//KK"


def uid_of(event) -> str:
    """The UID calendar apps keep; built from a random id that never changes."""
    return f"{event.uid}@kyzylorda-libraries"


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
    for event in events:
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
        cal.add_component(item)
    return cal.to_ical()


def ics_response(events, *, name: str) -> Response:
    """The calendar as a download that calendar apps can subscribe to."""
    body = to_ical(events, name=name)
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'inline; filename="{name}.ics"',
            "Cache-Control": "public, max-age=300",
        },
    )
