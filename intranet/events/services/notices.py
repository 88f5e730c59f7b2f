"""Telling registrants: the reminder the day before, a change or cancellation, staff messages."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, select, update

from intranet.audit import clean, record_audit
from intranet.auth.models import User
from intranet.clock import local_day_bounds, local_today
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.models import HOLDING, Event, Registration, RegistrationStatus, Status
from intranet.events.services.waitlist import queue_registration_email
from intranet.extensions import db
from intranet.models import utc_now

# Fields of an event whose change registrants are told about.
TOLD_CHANGES = {"start_dt", "end_dt", "room", "library"}
# Everyone still in the event: with a place, offered one, or waiting for one.
STILL_IN = (*HOLDING, RegistrationStatus.WAITLISTED)


def send_reminders(now: datetime | None = None) -> int:
    """Worker timer: each confirmed registrant of tomorrow's events is reminded, once."""
    now = now or utc_now()
    start, end = local_day_bounds(local_today() + timedelta(days=1))
    due = db.session.execute(
        select(Registration, Event)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Event.status == Status.APPROVED,
            Event.start_dt >= start,
            Event.start_dt < end,
            Registration.status == RegistrationStatus.CONFIRMED,
            Registration.reminder_sent_dt.is_(None),
        )
    ).all()
    sent = 0
    for registration, event in due:
        # Conditional: two workers never remind one person twice.
        result = db.session.execute(
            update(Registration)
            .where(Registration.id == registration.id, Registration.reminder_sent_dt.is_(None))
            .values(reminder_sent_dt=now)
            .execution_options(synchronize_session=False)
        )
        if isinstance(result, CursorResult) and result.rowcount == 1:
            queue_registration_email(event, registration, "reminder")
            sent += 1
    db.session.flush()
    return sent


def registrants(event: Event) -> list[Registration]:
    """Everyone still in the event, in order of arrival."""
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.status.in_(STILL_IN))
            .order_by(Registration.id)
        )
    )


def tell_registrants(event: Event, kind: str) -> int:
    """A change of time or place, or the cancellation, to everyone still in the event."""
    people = registrants(event)
    for registration in people:
        queue_registration_email(event, registration, kind)
    return len(people)


def message_registrants(event: Event, *, actor: User, subject: str, body: str) -> int:
    """Staff write to everyone still in the event (those with an email), through the outbox."""
    if not event.can_manage_registrations(actor):
        raise PermissionDenied(_l("You cannot manage registration for this event."))
    subject, body = clean(subject, 200).strip(), clean(body, 4000).strip()
    if not subject or not body:
        raise IntranetError(_l("Write a subject and a message."), field="body")
    people = [r for r in registrants(event) if r.email]
    for registration in people:
        queue_registration_email(event, registration, "message", subject=subject, text=body)
    record_audit("registration.message", actor=actor, target=f"event:{event.id}")
    db.session.flush()
    return len(people)
