"""JSON API v1: published events for a period (no notes, drafts or people)."""

from datetime import timedelta
from typing import Any

from flask import Blueprint, jsonify, request
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from intranet.clock import local_today, to_local
from intranet.errors import error_response
from intranet.events.models import Event, Status
from intranet.events.queries import BadRequest, Choices, events_between, parse_day, parse_filters
from intranet.urls import external_url_for

bp = Blueprint("events_api", __name__)
MAX_DAYS = 366


def event_json(event: Event) -> dict[str, Any]:
    """The public shape of an event."""
    return {
        "id": event.id,
        "uid": event.uid,
        "url": external_url_for("events_public.event", event_id=event.id),
        "type": event.type.slug,
        "library": event.library.slug,
        "room": event.room,
        "start": to_local(event.start_dt).isoformat(),
        "end": to_local(event.end_dt).isoformat(),
        "title": {"kk": event.title_kk, "ru": event.title_ru, "en": event.title_en},
        "description": {
            "kk": event.description_kk,
            "ru": event.description_ru,
            "en": event.description_en,
        },
        "audience": event.audience,
        "language": event.language,
        "capacity": event.capacity,
        "cancelled": event.status == Status.CANCELLED,
    }


@bp.get("/events")
def events() -> Response:
    """Published events between ?start= and ?end= (dates, end included), by library and type."""
    try:
        start = parse_day(request.args.get("start"), local_today())
        end = parse_day(request.args.get("end"), start + timedelta(days=30))
        if end < start or (end - start).days > MAX_DAYS:
            raise BadRequest(_l("The end must come after the start, at most a year later."))
        filters = parse_filters(request.args, Choices.load(), staff=False)
    except BadRequest as error:
        return error_response(400, str(error))
    return jsonify([event_json(event) for event in events_between(start, end, filters)])
