"""Creating and editing events, and moving them through draft -> pending -> approved -> held."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from intranet.audit import clean, record_audit
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.constants import (
    AUDIENCES,
    EVENT_LANGUAGES,
    MAX_EVENT_DAYS,
    TEXT_LIMIT,
    Status,
)
from intranet.events.models import Event, EventTransition
from intranet.events.services.freeze import Placement, ensure_months_open
from intranet.extensions import db

EDITABLE_FIELDS = (
    "type",
    "library",
    "room",
    "start_dt",
    "end_dt",
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
    "audience",
    "language",
    "organiser",
    "partners",
    "club",
    "campaign",
    "capacity",
    "internal_notes",
)
OPTIONAL_TEXT = ("title_kk", "title_ru", "title_en")


def check_event_data(data: dict) -> dict:
    """The rules every event obeys, whoever enters it; returns the cleaned data."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise IntranetError(_l("These fields cannot be set here: %(names)s"), names=sorted(unknown))
    cleaned = dict(data)
    for name in OPTIONAL_TEXT:
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip() or None
    if cleaned.get("start_dt") is None or cleaned.get("end_dt") is None:
        raise IntranetError(_l("Give the start and the end of the event."))
    if cleaned["end_dt"] <= cleaned["start_dt"]:
        raise IntranetError(_l("The event must end after it starts."))
    if cleaned["end_dt"] - cleaned["start_dt"] > timedelta(days=MAX_EVENT_DAYS):
        raise IntranetError(_l("An event lasts at most %(days)d days.", days=MAX_EVENT_DAYS))
    if not (cleaned.get("title_kk") or cleaned.get("title_ru")):
        raise IntranetError(_l("Give the title in Kazakh or Russian."))
    if cleaned.get("audience", "everyone") not in AUDIENCES:
        raise IntranetError(_l("Unknown audience."))
    if cleaned.get("language", "kk") not in EVENT_LANGUAGES:
        raise IntranetError(_l("Unknown language."))
    for lang in ("kk", "ru", "en"):
        if len(cleaned.get(f"description_{lang}") or "") > TEXT_LIMIT:
            raise IntranetError(_l("At most %(max)d characters.", max=TEXT_LIMIT))
    if cleaned.get("capacity") is not None and cleaned["capacity"] <= 0:
        raise IntranetError(_l("The capacity must be a positive number."))
    if cleaned.get("library") is None or cleaned.get("type") is None:
        raise IntranetError(_l("Choose the library and the type of the event."))
    return cleaned


def decided_elsewhere(event: Event) -> Conflict:
    """The answer to the loser of a race (or a stale page): the event has already moved on."""
    return Conflict(
        _l(
            "Someone else has already decided on this event; it is now: %(status)s. "
            "Nothing was changed."
        ),
        status=event.status_label,
    )


def claim(event: Event, to_status: str, **values) -> None:
    """Write the event's row only if its status is still the one the caller checked.

    One conditional UPDATE (as coworking/decisions.py move_status): of two decisions racing on
    one event exactly one changes it; the other gets Conflict having written nothing. SEQUENCE
    goes up in the same statement, in SQL, so racing changes never share a number.
    """
    seen = event.status
    if to_status == Status.APPROVED:
        values["was_published"] = True
    result = db.session.execute(
        update(Event)
        .where(Event.id == event.id, Event.status == seen)
        .values(status=to_status, sequence=Event.sequence + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(event)
        raise decided_elsewhere(event)
    for name, value in {"status": to_status, **values}.items():
        set_committed_value(event, name, value)
    db.session.expire(event, ["sequence", "updated_dt"])


def _log_transition(event: Event, from_status: str, *, actor, comment: str = "") -> None:
    event.transitions.append(
        EventTransition(
            from_status=from_status,
            to_status=event.status,
            actor_id=getattr(actor, "id", None),
            actor_name=getattr(actor, "display_name", "") or "",
            comment=comment,
        )
    )


def record_transition(event: Event, to_status: str, *, actor, comment: str = "", **values) -> None:
    """Move a saved event to a status and write down who did it, when and why.

    Refused (Conflict, nothing written) if someone else moved it first, or if the change would
    alter the figures of a month whose report is submitted or accepted.
    """
    from_status = event.status
    ensure_months_open(Placement.of(event), Placement(event.library_id, event.start_dt, to_status))
    claim(event, to_status, **values)
    _log_transition(event, from_status, actor=actor, comment=comment)


def create_event(*, actor, is_demo: bool = False, **data) -> Event:
    """Plan a new event in a library the actor acts for; it starts as a draft."""
    data = check_event_data(data)
    if actor is not None and not actor.can_act_for_library(data["library"]):
        raise PermissionDenied(_l("You can plan events only for your own library."))
    ensure_months_open(None, Placement(data["library"].id, data["start_dt"], Status.DRAFT))
    event = Event(status=Status.DRAFT, is_demo=is_demo, created_by_id=getattr(actor, "id", None))
    for name, value in data.items():
        setattr(event, name, value)
    event.transitions.append(
        EventTransition(
            from_status=None,
            to_status=Status.DRAFT,
            actor_id=getattr(actor, "id", None),
            actor_name=getattr(actor, "display_name", "") or "",
        )
    )
    db.session.add(event)
    db.session.flush()
    record_audit("event.create", actor=actor, target=f"event:{event.id}")
    return event


def update_event(event: Event, *, actor, **data) -> Event:
    """Change an event; a branch's change to an approved event sends it back for approval."""
    if not event.can_edit(actor):
        raise PermissionDenied(_l("You cannot change this event."))
    current = {name: getattr(event, name) for name in EDITABLE_FIELDS}
    data = check_event_data({**current, **data})
    if data["library"].id != event.library_id and not actor.can_act_for_library(data["library"]):
        raise PermissionDenied(_l("You can plan events only for your own library."))
    changed = [name for name in EDITABLE_FIELDS if data[name] != current[name]]
    if not changed:
        return event
    from_status = event.status
    to_status = Status.PENDING if event.edit_sends_back(actor) else from_status
    ensure_months_open(
        Placement.of(event), Placement(data["library"].id, data["start_dt"], to_status)
    )
    claim(event, to_status)  # the edit applies to the status it was checked against
    for name in changed:
        setattr(event, name, data[name])
    if to_status != from_status:
        _log_transition(event, from_status, actor=actor, comment=str(_l("Changed after approval.")))
    db.session.flush()
    record_audit("event.update", actor=actor, target=f"event:{event.id}", detail=",".join(changed))
    return event


# Each workflow step: the model method that allows it, and the refusal for those never allowed.
STEPS = {
    "submit": ("can_submit", _l("This event cannot be sent for approval now.")),
    "approve": ("can_approve", _l("This event cannot be approved now.")),
    "return": ("can_return", _l("This event cannot be returned now.")),
    "cancel": ("can_cancel", _l("This event cannot be cancelled now.")),
}


def require_step(event: Event, actor, step: str) -> None:
    """Let the step through, or say why not: someone else already moved the event (Conflict),
    or this actor never takes this step for this event (PermissionDenied)."""
    check, refusal = STEPS[step]
    if getattr(event, check)(actor):
        return
    if event.in_charge(actor, step):
        raise decided_elsewhere(event)
    raise PermissionDenied(refusal)


def submit_event(event: Event, *, actor, comment: str = "") -> None:
    """Send a draft or a returned event to central staff for approval."""
    require_step(event, actor, "submit")
    record_transition(event, Status.PENDING, actor=actor, comment=comment)
    db.session.flush()


def approve_event(event: Event, *, actor, comment: str = "") -> None:
    """Publish a pending event."""
    require_step(event, actor, "approve")
    record_transition(event, Status.APPROVED, actor=actor, comment=comment)
    db.session.flush()
    record_audit("event.approve", actor=actor, target=f"event:{event.id}")


def return_event(event: Event, *, actor, comment: str) -> None:
    """Send a pending event back to its library with a comment saying what to change."""
    require_step(event, actor, "return")
    comment = clean(comment or "", 1000).strip()
    if not comment:
        raise IntranetError(_l("Say what should be changed."))
    record_transition(event, Status.RETURNED, actor=actor, comment=comment)
    db.session.flush()


def cancel_event(event: Event, *, actor, reason: str) -> None:
    """Cancel an event that has not been held, with a reason."""
    require_step(event, actor, "cancel")
    reason = clean(reason or "", 500).strip()
    if not reason:
        raise IntranetError(_l("Give the reason for the cancellation."))
    record_transition(event, Status.CANCELLED, actor=actor, comment=reason, cancel_reason=reason)
    db.session.flush()
    record_audit("event.cancel", actor=actor, target=f"event:{event.id}")
