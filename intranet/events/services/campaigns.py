"""Campaigns (created by central staff) and event types (added by administrators)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.models import Campaign, EventType
from intranet.events.services.data import CampaignData, EventTypeData
from intranet.extensions import db


def _already_used() -> IntranetError:
    return IntranetError(_l("This identifier is already used."), field="slug")


def create_campaign(data: CampaignData, *, actor: User) -> Campaign:
    """Add a campaign; only central staff and admins coordinate the whole system."""
    if not actor.can_manage_campaigns():
        raise PermissionDenied(_l("Only central staff create campaigns."))
    if data.end_date < data.start_date:
        raise IntranetError(_l("The end must come after the start."), field="end_date")
    if data.target_per_library < 0:
        raise IntranetError(_l("Give a number from 0 to 1000."), field="target_per_library")
    campaign = Campaign(
        slug=data.slug,
        name_kk=data.name_kk,
        name_ru=data.name_ru,
        name_en=data.name_en or None,
        start_date=data.start_date,
        end_date=data.end_date,
        book_title=data.book_title,
        book_author=data.book_author,
        target_per_library=data.target_per_library,
    )
    try:
        with db.session.begin_nested():
            db.session.add(campaign)
            db.session.flush()
    except IntegrityError as error:
        raise _already_used() from error
    record_audit("campaign.create", actor=actor, target=f"campaign:{campaign.slug}")
    return campaign


def create_event_type(data: EventTypeData, *, actor: User) -> EventType:
    """Add a kind of event at the end of the list; only administrators do this."""
    if not actor.can_manage_event_types():
        raise PermissionDenied(_l("Only administrators add event types."))
    last = db.session.scalar(select(func.coalesce(func.max(EventType.position), 0))) or 0
    row = EventType(
        slug=data.slug,
        name_kk=data.name_kk,
        name_ru=data.name_ru,
        name_en=data.name_en or None,
        colour=data.colour,
        position=last + 1,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError as error:
        raise _already_used() from error
    record_audit("event_type.create", actor=actor, target=f"event_type:{data.slug}")
    return row
