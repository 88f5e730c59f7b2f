"""Places and the waitlist: taking and freeing places, offers, promotion, leaving."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, exists, select, update

from intranet.errors import Conflict, IntranetError
from intranet.events.models import (
    Event,
    Registration,
    RegistrationRules,
    RegistrationStatus,
    Status,
)
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.services import enqueue
from intranet.urls import external_url_for

SUBJECTS = {
    RegistrationStatus.CONFIRMED: _l("Your place at the event is confirmed"),
    RegistrationStatus.WAITLISTED: _l("You are on the waitlist for the event"),
    RegistrationStatus.OFFERED: _l("A place at the event is free for you: please confirm"),
    "promoted": _l("A place at the event has freed up: your place is confirmed"),
    RegistrationStatus.CANCELLED: _l("Your registration for the event is cancelled"),
    RegistrationStatus.EXPIRED: _l("The place offered to you has passed to the next person"),
    "reminder": _l("Reminder: the event is tomorrow"),
    "changed": _l("The time or place of the event has changed"),
    "event_cancelled": _l("The event will not take place"),
    "message": "",  # a staff member's own subject
}
LEFT = (RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED)
# Promotions one freed place can cause at most in one go (groups of one fill one place each).
MAX_PROMOTIONS = 500


def queue_registration_email(
    event: Event, registration: Registration, kind: str, *, subject: str = "", text: str = ""
) -> None:
    """Tell the registrant in the outbox, in the language they registered in (email only).

    `subject` and `text` are a staff member's own message (kind "message").
    """
    if not registration.email:
        return
    enqueue(
        kind=f"registration.{kind}",
        recipient=registration.email,
        language=registration.language,
        subject=subject or SUBJECTS[kind],
        template=f"events/email/registration_{kind}.txt",
        context={
            "event": event,
            "registration": registration,
            "text": text,
            "link": external_url_for("events_public.registration", token=registration.token),
        },
    )


def take_places(rules: RegistrationRules, n: int, *, ahead_of: int) -> bool:
    """Take n places if they remain and nobody registered earlier is still waiting for one."""
    waiting_earlier = exists().where(
        Registration.event_id == rules.event_id,
        Registration.status == RegistrationStatus.WAITLISTED,
        Registration.id < ahead_of,
    )
    result = db.session.execute(
        update(RegistrationRules)
        .where(
            RegistrationRules.event_id == rules.event_id,
            RegistrationRules.places_taken + n <= RegistrationRules.capacity,
            ~waiting_earlier,
        )
        .values(places_taken=RegistrationRules.places_taken + n)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(rules)
    return isinstance(result, CursorResult) and result.rowcount == 1


def release_places(rules: RegistrationRules, n: int) -> None:
    """Give n places back."""
    db.session.execute(
        update(RegistrationRules)
        .where(RegistrationRules.event_id == rules.event_id)
        .values(places_taken=RegistrationRules.places_taken - n)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(rules)


def move(registration: Registration, allowed: tuple[str, ...], to: str, **values: object) -> bool:
    """Change the status only if it is still one of `allowed`, in one conditional UPDATE.

    Of two changes racing on one registration (the person cancels as the offer expires, two
    staff tick one name) exactly one happens.
    """
    if to in LEFT:
        values["live"] = None
    result = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.status.in_(allowed))
        .values(status=to, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(registration)
    return isinstance(result, CursorResult) and result.rowcount == 1


def fill_places(event: Event, rules: RegistrationRules, now: datetime) -> int:
    """Give free places to the waitlist in order: an offer, or the place itself when the event
    promotes automatically or starts within the offer's hours. Returns how many moved up."""
    moved = 0
    if event.status != Status.APPROVED:
        return moved  # a cancelled (or unpublished) event promotes nobody
    for _ in range(MAX_PROMOTIONS):
        head = db.session.scalar(
            select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.WAITLISTED,
            )
            .order_by(Registration.id)
            .limit(1)
        )
        if head is None or event.start_dt <= now:
            break
        if not take_places(rules, head.group_size, ahead_of=head.id):
            break  # the head's group does not fit: later people wait behind it
        hours = rules.offer_hours
        waiting = (RegistrationStatus.WAITLISTED,)
        if hours is None or event.start_dt - now <= timedelta(hours=hours):
            done, kind = move(head, waiting, RegistrationStatus.CONFIRMED), "promoted"
        else:
            until = now + timedelta(hours=hours)
            done = move(head, waiting, RegistrationStatus.OFFERED, offer_expires_dt=until)
            kind = RegistrationStatus.OFFERED
        if not done:
            release_places(rules, head.group_size)
            continue
        queue_registration_email(event, head, kind)
        moved += 1
    return moved


def leave(event: Event, registration: Registration, *, now: datetime | None = None) -> Registration:
    """The person cancels their place or leaves the waitlist; a freed place moves on at once."""
    now = now or utc_now()
    if not registration.is_live or registration.status == RegistrationStatus.CHECKED_IN:
        raise IntranetError(_l("This registration can no longer be cancelled."))
    if event.start_dt <= now:
        raise IntranetError(_l("The event has started; the registration can no longer change."))
    held = registration.holds_place
    if not move(
        registration,
        (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.WAITLISTED),
        RegistrationStatus.CANCELLED,
        left_dt=now,
    ):
        raise Conflict(_l("This registration has just changed; look at it again."))
    rules = db.session.get(RegistrationRules, event.id)
    if held and rules is not None:
        release_places(rules, registration.group_size)
        fill_places(event, rules, now)
    queue_registration_email(event, registration, RegistrationStatus.CANCELLED)
    db.session.flush()
    return registration


def accept_offer(
    event: Event, registration: Registration, *, now: datetime | None = None
) -> Registration:
    """The person takes the place offered to them before the offer runs out."""
    now = now or utc_now()
    expires = registration.offer_expires_dt
    if registration.status != RegistrationStatus.OFFERED or expires is None or expires <= now:
        raise IntranetError(_l("This offer is no longer valid."))
    if not move(
        registration,
        (RegistrationStatus.OFFERED,),
        RegistrationStatus.CONFIRMED,
        offer_expires_dt=None,
    ):
        raise Conflict(_l("This registration has just changed; look at it again."))
    queue_registration_email(event, registration, RegistrationStatus.CONFIRMED)
    db.session.flush()
    return registration


def expire_offers(now: datetime | None = None) -> int:
    """Worker timer: offers not taken in time pass to the next person on the waitlist."""
    now = now or utc_now()
    due = db.session.scalars(
        select(Registration)
        .where(
            Registration.status == RegistrationStatus.OFFERED,
            Registration.offer_expires_dt <= now,
        )
        .order_by(Registration.id)
    ).all()
    expired = 0
    for registration in due:
        offered = (RegistrationStatus.OFFERED,)
        if not move(registration, offered, RegistrationStatus.EXPIRED, left_dt=now):
            continue  # taken or cancelled a moment ago
        event = db.session.get(Event, registration.event_id)
        rules = db.session.get(RegistrationRules, registration.event_id)
        if event is None or rules is None:
            continue
        release_places(rules, registration.group_size)
        queue_registration_email(event, registration, RegistrationStatus.EXPIRED)
        fill_places(event, rules, now)
        expired += 1
    db.session.flush()
    return expired
