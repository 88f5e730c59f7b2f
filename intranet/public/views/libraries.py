"""The libraries' own pages: the list of all 21 and one page per library (public)."""

import json
from collections.abc import Sequence
from datetime import datetime

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup
from sqlalchemy import select

from intranet.clock import local_now, local_today
from intranet.events.models import PUBLIC_STATUSES, Event
from intranet.events.queries.public import public_events_query
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.models import Library
from intranet.libraries.models.library import WEEKDAYS
from intranet.libraries.queries import (
    DayChange,
    clubs_of,
    hours_text_on,
    library_directory,
    upcoming_changes,
)
from intranet.urls import external_url_for

bp = Blueprint("libraries_public", __name__)

NEXT_EVENTS = 5
SCHEMA_DAYS = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=False,
    )
)


@bp.get("/libraries")
def libraries() -> str:
    """All 21 libraries by kind, searchable by name or address without JavaScript."""
    search = request.args.get("q", "")[:100].strip()
    return render_template(
        "libraries/public/libraries.html", groups=library_directory(search), search=search
    )


def next_events(library: Library) -> Sequence[Event]:
    """The library's next published events (one query)."""
    query = public_events_query(local_now(), None).where(
        Event.library_id == library.id, Event.status.in_(PUBLIC_STATUSES)
    )
    return db.session.scalars(query.limit(NEXT_EVENTS)).unique().all()


def library_json_ld(library: Library, changes: Sequence[DayChange] = ()) -> Markup:
    """schema.org `Library` markup: name, address, phone, hours, location (no script runs).

    Closed and moved working days ahead are special opening hours (closed: 00:00 to 00:00).
    """
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Library",
        "name": localized(library, "name"),
        "url": external_url_for("libraries_public.library", slug=library.slug),
    }
    address = localized(library, "address")
    if address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": address,
            "addressLocality": "Kyzylorda",
            "addressCountry": "KZ",
        }
    if library.phone:
        data["telephone"] = library.phone
    if library.email:
        data["email"] = library.email
    if library.latitude is not None and library.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": library.latitude,
            "longitude": library.longitude,
        }
    hours = library.opening_hours or {}
    data["openingHoursSpecification"] = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day]}",
            "opens": hours[day][0],  # type: ignore[index]
            "closes": hours[day][1],  # type: ignore[index]
        }
        for day in WEEKDAYS
        if hours.get(day)
    ]
    special = [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": change.day.isoformat(),
            "validThrough": change.day.isoformat(),
            "opens": f"{change.hours[0]:%H:%M}" if change.hours else "00:00",
            "closes": f"{change.hours[1]:%H:%M}" if change.hours else "00:00",
        }
        for change in changes
    ]
    if special:
        data["specialOpeningHoursSpecification"] = special
    text = json.dumps(data, ensure_ascii=False)
    # Inside <script> a "</" would end the element: escape it, the JSON means the same.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@bp.app_template_global()
def library_hours(library: Library, when: datetime) -> str | None:
    """For event and booking pages: the library's hours that day, moved working days included."""
    return hours_text_on(library, when)


@bp.get("/libraries/<slug>")
def library(slug: str) -> str:
    """One library: contacts, hours, closed days, map links, its centre, clubs and events."""
    found = db.session.scalar(select(Library).where(Library.slug == slug[:40]))
    if found is None:
        abort(404)
    today = local_today()
    changes = upcoming_changes(found, today)
    return render_template(
        "libraries/public/library.html",
        library=found,
        today_key=WEEKDAYS[today.weekday()],
        changes=changes,
        today_change=next((change for change in changes if change.day == today), None),
        clubs=clubs_of(found),
        events=next_events(found),
        json_ld=library_json_ld(found, changes),
    )
