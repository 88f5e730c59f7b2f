"""Campaigns (kept by central staff) and event types (kept by administrators).

Both are added, edited and deactivated; a deactivated one is no longer offered for new events
but old events keep it. Only one no event uses may be deleted: the event table's foreign keys
(ON DELETE RESTRICT) hold that rule too. Identifiers are made from the name, never asked.
"""

from dataclasses import asdict

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.models import Campaign, Event, EventType
from intranet.events.services.data import CampaignData, EventTypeData
from intranet.events.services.slugs import unique_slug
from intranet.extensions import db

Row = Campaign | EventType
SEPARATOR = {Campaign: "-", EventType: "_"}
KIND = {Campaign: "campaign", EventType: "event_type"}


def _check(row: Row, actor: User) -> None:
    if isinstance(row, Campaign) and not actor.can_manage_campaigns():
        raise PermissionDenied(_l("Only central staff keep campaigns."))
    if isinstance(row, EventType) and not actor.can_manage_event_types():
        raise PermissionDenied(_l("Only administrators keep event types."))


def _check_period(data: CampaignData) -> None:
    if data.end_date < data.start_date:
        raise IntranetError(_l("The end must come after the start."), field="end_date")
    if data.target_per_library < 0:
        raise IntranetError(_l("Give a number from 0 to 1000."), field="target_per_library")


def _add(row: Row, actor: User) -> Row:
    """Insert with an identifier made from the name; a rival taking it first: the next one."""
    _check(row, actor)
    model = type(row)
    for _attempt in range(3):
        row.slug = unique_slug(model, [row.name_kk, row.name_ru, row.name_en], SEPARATOR[model])
        try:
            with db.session.begin_nested():
                db.session.add(row)
                db.session.flush()
        except IntegrityError:
            continue
        record_audit(f"{KIND[model]}.create", actor=actor, target=f"{KIND[model]}:{row.slug}")
        return row
    raise IntranetError(_l("Someone is adding the same name right now; save again."))


def create_campaign(data: CampaignData, *, actor: User) -> Campaign:
    """Add a campaign; only central staff and admins coordinate the whole system."""
    _check_period(data)
    fields = asdict(data) | {"name_en": data.name_en or None}
    campaign = _add(Campaign(**fields), actor)
    assert isinstance(campaign, Campaign)
    return campaign


def create_event_type(data: EventTypeData, *, actor: User) -> EventType:
    """Add a kind of event at the end of the list; only administrators do this."""
    last = db.session.scalar(select(func.coalesce(func.max(EventType.position), 0))) or 0
    fields = asdict(data) | {"name_en": data.name_en or None}
    row = _add(EventType(position=last + 1, **fields), actor)
    assert isinstance(row, EventType)
    return row


def update_catalog_row(row: Row, data: CampaignData | EventTypeData, *, actor: User) -> list[str]:
    """Change names, colour or period (never the identifier: links and feeds keep working)."""
    _check(row, actor)
    if isinstance(data, CampaignData):
        _check_period(data)
    values = asdict(data) | {"name_en": data.name_en or None}
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        kind = KIND[type(row)]
        record_audit(
            f"{kind}.update", actor=actor, target=f"{kind}:{row.slug}", detail=",".join(changed)
        )
    db.session.flush()
    return changed


def set_catalog_row_active(row: Row, active: bool, *, actor: User) -> None:
    """Offer it for new events again, or stop offering it (old events keep it)."""
    _check(row, actor)
    if row.is_active == active:
        return
    row.is_active = active
    kind = KIND[type(row)]
    action = "activate" if active else "deactivate"
    record_audit(f"{kind}.{action}", actor=actor, target=f"{kind}:{row.slug}")
    db.session.flush()


def is_used(row: Row) -> bool:
    """Whether any event has this type or belongs to this campaign."""
    column = Event.campaign_id if isinstance(row, Campaign) else Event.type_id
    return bool(db.session.scalar(select(exists().where(column == row.id))))


def delete_catalog_row(row: Row, *, actor: User) -> None:
    """Delete one no event uses; a used one can only be deactivated."""
    _check(row, actor)
    used = _l("Events use it, so it cannot be deleted: deactivate it instead.")
    if is_used(row):
        raise IntranetError(used)
    kind, slug, names = KIND[type(row)], row.slug, f"{row.name_kk} / {row.name_ru}"
    try:
        with db.session.begin_nested():
            db.session.delete(row)
            db.session.flush()  # an event added meanwhile: the RESTRICT foreign key says no
    except IntegrityError as error:
        raise IntranetError(used) from error
    record_audit(f"{kind}.delete", actor=actor, target=f"{kind}:{slug}", detail=names)
