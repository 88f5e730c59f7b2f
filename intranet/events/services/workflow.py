"""Moving events through draft -> pending -> approved -> held, or cancelled, and writing it down."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, update
from sqlalchemy.orm.attributes import set_committed_value

from intranet.audit import clean, record_audit
from intranet.auth.models import User
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.models import Event, EventTransition, Status
from intranet.events.services.freeze import Placement, ensure_months_open
from intranet.events.services.notices import tell_registrants
from intranet.events.services.telling import event_approved, event_cancelled, event_returned
from intranet.extensions import db


def decided_elsewhere(event: Event) -> Conflict:
    """The answer to the loser of a race (or a stale page): the event has already moved on."""
    return Conflict(
        _l(
            "Someone else has already decided on this event; it is now: %(status)s. "
            "Nothing was changed."
        ),
        status=event.status_label,
    )


def claim(event: Event, to_status: str, *, cancel_reason: str | None = None) -> None:
    """Write the event's row only if its status is still the one the caller checked.

    One conditional UPDATE (as coworking's move_status): of two decisions racing on one event
    exactly one changes it; the other gets Conflict having written nothing. SEQUENCE goes up
    in the same statement, in SQL, so racing changes never share a number.
    """
    seen = event.status
    values: dict[str, object] = {"status": to_status}
    if to_status == Status.APPROVED:
        values["was_published"] = True
    if cancel_reason is not None:
        values["cancel_reason"] = cancel_reason
    result = db.session.execute(
        update(Event)
        .where(Event.id == event.id, Event.status == seen)
        .values(sequence=Event.sequence + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        db.session.refresh(event)
        raise decided_elsewhere(event)
    for name, value in values.items():
        set_committed_value(event, name, value)
    db.session.expire(event, ["sequence", "updated_dt"])


def new_transition(
    from_status: str | None, to_status: str, *, actor: User | None, comment: str = ""
) -> EventTransition:
    """The record of one step: who, from what to what, and why."""
    return EventTransition(
        from_status=from_status,
        to_status=to_status,
        actor_id=actor.id if actor is not None else None,
        actor_name=(actor.display_name if actor is not None else "") or "",
        comment=comment,
    )


def record_transition(
    event: Event,
    to_status: str,
    *,
    actor: User | None,
    comment: str = "",
    cancel_reason: str | None = None,
) -> None:
    """Move a saved event to a status and write down who did it, when and why.

    Refused (Conflict, nothing written) if someone else moved it first, or if the change would
    alter the figures of a month whose report is submitted or accepted.
    """
    from_status = event.status
    ensure_months_open(Placement.of(event), Placement(event.library_id, event.start_dt, to_status))
    claim(event, to_status, cancel_reason=cancel_reason)
    event.transitions.append(new_transition(from_status, to_status, actor=actor, comment=comment))


# Each workflow step: the model method that allows it, and the refusal for those never allowed.
STEPS = {
    "submit": ("can_submit", _l("This event cannot be sent for approval now.")),
    "approve": ("can_approve", _l("This event cannot be approved now.")),
    "return": ("can_return", _l("This event cannot be returned now.")),
    "cancel": ("can_cancel", _l("This event cannot be cancelled now.")),
}


def may_take(event: Event, actor: User, step: str) -> bool:
    """Whether the actor may take this step on the event now."""
    check, _refusal = STEPS[step]
    allowed: bool = getattr(event, check)(actor)
    return allowed


def require_step(event: Event, actor: User, step: str) -> None:
    """Let the step through, or say why not: someone else already moved the event (Conflict),
    or this actor never takes this step for this event (PermissionDenied)."""
    if may_take(event, actor, step):
        return
    if event.in_charge(actor, step):
        raise decided_elsewhere(event)
    raise PermissionDenied(STEPS[step][1])


def submit_event(event: Event, *, actor: User, comment: str = "") -> None:
    """Send a draft or a returned event to central staff for approval."""
    require_step(event, actor, "submit")
    record_transition(event, Status.PENDING, actor=actor, comment=comment)
    db.session.flush()


def approve_event(event: Event, *, actor: User, comment: str = "") -> None:
    """Publish a pending event."""
    require_step(event, actor, "approve")
    record_transition(event, Status.APPROVED, actor=actor, comment=comment)
    db.session.flush()
    record_audit("event.approve", actor=actor, target=f"event:{event.id}")
    event_approved(event, actor=actor)


def return_event(event: Event, *, actor: User, comment: str) -> None:
    """Send a pending event back to its library with a comment saying what to change."""
    require_step(event, actor, "return")
    comment = clean(comment or "", 1000).strip()
    if not comment:
        raise IntranetError(_l("Say what should be changed."), field="comment")
    record_transition(event, Status.RETURNED, actor=actor, comment=comment)
    db.session.flush()
    event_returned(event, actor=actor, comment=comment)


def cancel_event(event: Event, *, actor: User, reason: str) -> None:
    """Cancel an event that has not been held, with a reason."""
    require_step(event, actor, "cancel")
    reason = clean(reason or "", 500).strip()
    if not reason:
        raise IntranetError(_l("Give the reason for the cancellation."), field="comment")
    record_transition(event, Status.CANCELLED, actor=actor, comment=reason, cancel_reason=reason)
    db.session.flush()
    record_audit("event.cancel", actor=actor, target=f"event:{event.id}")
    event_cancelled(event, actor=actor, reason=reason)
    tell_registrants(event, "event_cancelled")
