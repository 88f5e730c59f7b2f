"""Campaigns (created by central staff, counted per library) and event types (by admins)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.constants import Status
from intranet.events.models import Campaign, Event, EventType
from intranet.extensions import db
from intranet.libraries.models import Library


def create_campaign(*, actor, **data) -> Campaign:
    """Add a campaign; only central staff and admins coordinate the whole system."""
    if not actor.can_manage_campaigns():
        raise PermissionDenied(_l("Only central staff create campaigns."))
    if data["end_date"] < data["start_date"]:
        raise IntranetError(_l("The end must come after the start."))
    if data["target_per_library"] < 0:
        raise IntranetError(_l("Give a number from 0 to 1000."))
    campaign = Campaign(**{**data, "name_en": data.get("name_en") or None})
    try:
        with db.session.begin_nested():
            db.session.add(campaign)
            db.session.flush()
    except IntegrityError as error:
        raise IntranetError(_l("This identifier is already used.")) from error
    record_audit("campaign.create", actor=actor, target=f"campaign:{campaign.slug}")
    return campaign


def campaign_progress(campaign: Campaign) -> list[dict]:
    """Per library: planned (not cancelled), approved (approved or held) and held events."""
    counts = db.session.execute(
        select(Event.library_id, Event.status, func.count())
        .where(Event.campaign_id == campaign.id)
        .group_by(Event.library_id, Event.status)
    ).all()
    table: dict[int, dict[str, int]] = {}
    for library_id, status, number in counts:
        table.setdefault(library_id, {})[status] = number
    rows = []
    for library in db.session.scalars(select(Library).order_by(Library.position)):
        by_status = table.get(library.id, {})
        held = by_status.get(Status.HELD, 0)
        rows.append(
            {
                "library": library,
                "planned": sum(n for s, n in by_status.items() if s != Status.CANCELLED),
                "approved": by_status.get(Status.APPROVED, 0) + held,
                "held": held,
            }
        )
    return rows


def create_event_type(*, actor, slug: str, name_kk: str, name_ru: str, name_en: str, colour: int):
    """Add a kind of event at the end of the list; only administrators do this."""
    if not actor.can_manage_event_types():
        raise PermissionDenied(_l("Only administrators add event types."))
    position = db.session.scalar(select(func.coalesce(func.max(EventType.position), 0))) + 1
    row = EventType(
        slug=slug,
        name_kk=name_kk,
        name_ru=name_ru,
        name_en=name_en or None,
        colour=colour,
        position=position,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError as error:
        raise IntranetError(_l("This identifier is already used.")) from error
    record_audit("event_type.create", actor=actor, target=f"event_type:{slug}")
    return row
