"""Planning a new event and changing one; a branch's change to an approved event goes back."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.errors import Conflict, PermissionDenied
from intranet.events.models import Event, Status
from intranet.events.services.data import EDITABLE_FIELDS, EventData
from intranet.events.services.freeze import Placement, ensure_months_open
from intranet.events.services.notices import TOLD_CHANGES, tell_registrants
from intranet.events.services.rules import check_event_data
from intranet.events.services.workflow import claim, new_transition
from intranet.extensions import db


def create_event(data: EventData, *, actor: User | None, is_demo: bool = False) -> Event:
    """Plan a new event in a library the actor acts for (no actor: the seed); a draft."""
    data = check_event_data(data)
    if actor is not None and not actor.can_act_for_library(data.library):
        raise PermissionDenied(_l("You can plan events only for your own library."))
    ensure_months_open(None, Placement(data.library.id, data.start_dt, Status.DRAFT))
    event = Event(
        status=Status.DRAFT,
        is_demo=is_demo,
        created_by_id=actor.id if actor is not None else None,
    )
    for name in EDITABLE_FIELDS:
        setattr(event, name, getattr(data, name))
    event.transitions.append(new_transition(None, Status.DRAFT, actor=actor))
    db.session.add(event)
    db.session.flush()
    record_audit("event.create", actor=actor, target=f"event:{event.id}")
    return event


def update_event(event: Event, data: EventData, *, actor: User) -> Event:
    """Change an event; a branch's change to an approved event sends it back for approval."""
    if not event.can_edit(actor):
        raise PermissionDenied(_l("You cannot change this event."))
    data = check_event_data(data)
    if data.library.id != event.library_id and not actor.can_act_for_library(data.library):
        raise PermissionDenied(_l("You can plan events only for your own library."))
    changed = [name for name in EDITABLE_FIELDS if getattr(data, name) != getattr(event, name)]
    if not changed:
        return event
    from_status = event.status
    to_status = Status.PENDING if event.edit_sends_back(actor) else from_status
    ensure_months_open(Placement.of(event), Placement(data.library.id, data.start_dt, to_status))
    claim(event, to_status)  # the edit applies to the status it was checked against
    for name in changed:
        setattr(event, name, getattr(data, name))
    if to_status != from_status:
        event.transitions.append(
            new_transition(
                from_status, to_status, actor=actor, comment=str(_l("Changed after approval."))
            )
        )
    db.session.flush()
    if TOLD_CHANGES.intersection(changed):
        tell_registrants(event, "changed")
    record_audit("event.update", actor=actor, target=f"event:{event.id}", detail=",".join(changed))
    return event


def delete_draft(event: Event, *, actor: User) -> None:
    """Delete a draft (its history goes with it).

    Conditional on the status, so a draft sent for approval a moment ago is not deleted."""
    if not event.in_charge(actor, "submit"):
        raise PermissionDenied(_l("You can delete only your own library's drafts."))
    event_id = event.id
    gone = db.session.execute(
        delete(Event).where(Event.id == event_id, Event.status == Status.DRAFT)
    )
    if gone.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_l("Only a draft can be deleted; this event has been sent already."))
    db.session.expunge(event)
    record_audit("event.delete", actor=actor, target=f"event:{event_id}")
