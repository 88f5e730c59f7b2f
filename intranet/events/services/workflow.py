"""Creating and editing events, and moving them through draft -> pending -> approved -> held."""

from flask_babel import lazy_gettext as _l

from intranet.audit import clean, record_audit
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.constants import AUDIENCES, EVENT_LANGUAGES, TEXT_LIMIT, Status
from intranet.events.models import Event, EventTransition
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


def record_transition(event: Event, to_status: str, *, actor, comment: str = "") -> None:
    """Move the event to a status and write down who did it, when and why."""
    event.transitions.append(
        EventTransition(
            from_status=event.status if event.id else None,
            to_status=to_status,
            actor_id=getattr(actor, "id", None),
            actor_name=getattr(actor, "display_name", "") or "",
            comment=comment,
        )
    )
    if to_status == Status.APPROVED:
        event.was_published = True
    event.status = to_status
    event.sequence = (event.sequence or 0) + 1


def create_event(*, actor, is_demo: bool = False, **data) -> Event:
    """Plan a new event in a library the actor acts for; it starts as a draft."""
    data = check_event_data(data)
    if actor is not None and not actor.can_act_for_library(data["library"]):
        raise PermissionDenied(_l("You can plan events only for your own library."))
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
    for name in changed:
        setattr(event, name, data[name])
    if event.edit_sends_back(actor):
        record_transition(
            event, Status.PENDING, actor=actor, comment=str(_l("Changed after approval."))
        )
    else:
        event.sequence += 1
    db.session.flush()
    record_audit("event.update", actor=actor, target=f"event:{event.id}", detail=",".join(changed))
    return event


def submit_event(event: Event, *, actor, comment: str = "") -> None:
    """Send a draft or a returned event to central staff for approval."""
    if not event.can_submit(actor):
        raise PermissionDenied(_l("This event cannot be sent for approval now."))
    record_transition(event, Status.PENDING, actor=actor, comment=comment)
    db.session.flush()


def approve_event(event: Event, *, actor, comment: str = "") -> None:
    """Publish a pending event."""
    if not event.can_approve(actor):
        raise PermissionDenied(_l("This event cannot be approved now."))
    record_transition(event, Status.APPROVED, actor=actor, comment=comment)
    db.session.flush()
    record_audit("event.approve", actor=actor, target=f"event:{event.id}")


def return_event(event: Event, *, actor, comment: str) -> None:
    """Send a pending event back to its library with a comment saying what to change."""
    if not event.can_return(actor):
        raise PermissionDenied(_l("This event cannot be returned now."))
    comment = clean(comment or "", 1000).strip()
    if not comment:
        raise IntranetError(_l("Say what should be changed."))
    record_transition(event, Status.RETURNED, actor=actor, comment=comment)
    db.session.flush()


def cancel_event(event: Event, *, actor, reason: str) -> None:
    """Cancel an event that has not been held, with a reason."""
    if not event.can_cancel(actor):
        raise PermissionDenied(_l("This event cannot be cancelled now."))
    reason = clean(reason or "", 500).strip()
    if not reason:
        raise IntranetError(_l("Give the reason for the cancellation."))
    event.cancel_reason = reason
    record_transition(event, Status.CANCELLED, actor=actor, comment=reason)
    db.session.flush()
    record_audit("event.cancel", actor=actor, target=f"event:{event.id}")
