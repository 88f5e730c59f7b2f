"""Registering for an event: the rules, a place while places remain, else the waitlist."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from intranet.audit import clean
from intranet.auth.models import User, Visitor
from intranet.clock import local_today, to_local
from intranet.errors import IntranetError, PermissionDenied
from intranet.events.models import (
    Event,
    Registration,
    RegistrationMode,
    RegistrationRules,
    RegistrationStatus,
    Status,
)
from intranet.events.services.waitlist import fill_places, queue_registration_email, take_places
from intranet.extensions import db
from intranet.forms import normalize_phone
from intranet.i18n import format_clock, long_day
from intranet.models import utc_now

# Bump when the consent text in the form changes; each registration stores the version.
CONSENT_VERSION = "2026-12"


class RegistrationError(IntranetError):
    """A registration rule said no; `field` names the form field it is about."""


@dataclass(frozen=True)
class RegistrationData:
    """Who registers, as the public form (or a staff member) gives it."""

    full_name: str
    phone: str = ""
    email: str = ""
    group_size: int = 1
    school: str = ""
    grade: str = ""
    language: str = "kk"
    consent: bool = False


@dataclass(frozen=True)
class RulesData:
    """An event's registration settings, as the staff form gives them."""

    mode: str
    capacity: int
    opens_days: int = 14
    closes_hours: int = 2
    max_group: int = 1
    ask_school: bool = False
    ask_grade: bool = False
    offer_hours: int | None = None
    # On a series only: one registration for all meetings (True) or one per meeting.
    register_once: bool | None = None


def rules_of(event: Event) -> RegistrationRules | None:
    """The event's registration settings, if it has any."""
    return db.session.get(RegistrationRules, event.id)


def window(event: Event, rules: RegistrationRules) -> tuple[datetime, datetime]:
    """When registration opens and closes, in UTC."""
    return (
        event.start_dt - timedelta(days=rules.opens_days),
        event.start_dt - timedelta(hours=rules.closes_hours),
    )


def opening_words(opens: datetime) -> str:
    """When registration opens, as the reader says it: «Сейсенбі, 1 желтоқсан, 10:00»."""
    local = to_local(opens)
    return f"{long_day(local.date(), this_year=local_today().year)}, {format_clock(local)}"


def registration_refusal(
    event: Event, rules: RegistrationRules | None, now: datetime, *, by_staff: bool = False
) -> str | None:
    """Why nobody can register now (translated), or None when the form is open."""
    if rules is None or rules.mode == RegistrationMode.OFF:
        return str(_l("This event needs no registration."))
    if rules.mode == RegistrationMode.STAFF and not by_staff:
        return str(_l("Registration for this event is made by the library's staff."))
    if event.status != Status.APPROVED or event.start_dt <= now:
        return str(_l("Registration for this event is closed."))
    opens, closes = window(event, rules)
    if now < opens and not by_staff:
        return str(_l("Registration opens: %(when)s.", when=opening_words(opens)))
    if now >= closes and not by_staff:
        return str(_l("Registration for this event is closed."))
    return None


def set_rules(event: Event, data: RulesData, *, actor: User) -> RegistrationRules:
    """Create or change an event's registration settings; more places go to the waitlist."""
    if not event.can_manage_registrations(actor):
        raise PermissionDenied(_l("You cannot manage registration for this event."))
    rules = rules_of(event)
    if rules is None:
        rules = RegistrationRules(event_id=event.id, places_taken=0, capacity=data.capacity)
        db.session.add(rules)
    else:
        # Conditional: someone registering meanwhile may have taken more places than this.
        result = db.session.execute(
            update(RegistrationRules)
            .where(
                RegistrationRules.event_id == event.id,
                RegistrationRules.places_taken <= data.capacity,
            )
            .values(capacity=data.capacity)
            .execution_options(synchronize_session=False)
        )
        db.session.refresh(rules)
        if not isinstance(result, CursorResult) or result.rowcount != 1:
            raise RegistrationError(
                _l("%(num)d places are already taken: the capacity cannot be smaller."),
                field="capacity",
                num=rules.places_taken,
            )
    rules.mode = data.mode
    rules.opens_days, rules.closes_hours = data.opens_days, data.closes_hours
    rules.max_group, rules.offer_hours = data.max_group, data.offer_hours
    rules.ask_school, rules.ask_grade = data.ask_school, data.ask_grade
    db.session.flush()
    fill_places(event, rules, utc_now())
    return rules


def _contact(data: RegistrationData) -> tuple[str | None, str | None]:
    phone = normalize_phone(data.phone) if data.phone.strip() else None
    if data.phone.strip() and phone is None:
        raise RegistrationError(
            _l("Enter a mobile number such as +7 701 234 56 78."), field="phone"
        )
    email = data.email.strip().lower() or None
    if phone is None and email is None:
        raise RegistrationError(_l("Give a mobile phone or an email address."), field="phone")
    return phone, email


def lock_rules(event_ids: Iterable[int]) -> None:
    """Touch the events' rules rows, in id order, before reading or taking places.

    On PostgreSQL this locks them (the same order everywhere, so two registrations never wait
    for each other crosswise); on SQLite it begins the write transaction (a savepoint opened
    outside one would commit on release). Either way registrations queue up here: places and
    turns follow the order of arrival.
    """
    for event_id in sorted(event_ids):
        db.session.execute(
            update(RegistrationRules)
            .where(RegistrationRules.event_id == event_id)
            .values(places_taken=RegistrationRules.places_taken)
            .execution_options(synchronize_session=False)
        )


def person_fields(
    rules: RegistrationRules, data: RegistrationData, now: datetime
) -> dict[str, object]:
    """The registrant's checked details, as the registration rows store them."""
    if not data.consent:
        raise RegistrationError(
            _l("Please agree to the processing of your personal data."), field="consent"
        )
    if not 1 <= data.group_size <= rules.max_group:
        raise RegistrationError(
            _l("A group can have from 1 to %(max)d people."),
            field="group_size",
            max=rules.max_group,
        )
    phone, email = _contact(data)
    return {
        "full_name": clean(data.full_name, 200).strip(),
        "phone": phone,
        "email": email,
        "group_size": data.group_size,
        "school": clean(data.school, 200).strip() if rules.ask_school else "",
        "grade": clean(data.grade, 20).strip() if rules.ask_grade else "",
        "language": data.language if data.language in ("kk", "ru", "en") else "kk",
        "consent_version": CONSENT_VERSION,
        "created_dt": now,
    }


def register(
    event: Event,
    data: RegistrationData,
    *,
    actor: User | Visitor | None = None,
    now: datetime | None = None,
) -> Registration:
    """A place while places remain, else a turn on the waitlist; one per phone and email."""
    now = now or utc_now()
    by_staff = bool(actor and actor.is_authenticated and event.can_manage_registrations(actor))
    lock_rules([event.id])
    rules = db.session.get(RegistrationRules, event.id, populate_existing=True)
    refusal = registration_refusal(event, rules, now, by_staff=by_staff)
    if refusal or rules is None:
        raise RegistrationError(refusal or "")
    registration = Registration(
        event_id=event.id, status=RegistrationStatus.WAITLISTED, **person_fields(rules, data, now)
    )
    try:
        with db.session.begin_nested():
            db.session.add(registration)
            db.session.flush()
    except IntegrityError:
        raise RegistrationError(
            _l(
                "Someone is already registered for this event with this phone or email. "
                "Use the link we sent to see or cancel that registration."
            ),
            field="phone",
        ) from None
    if take_places(rules, registration.group_size, ahead_of=registration.id):
        registration.status = RegistrationStatus.CONFIRMED
    db.session.flush()
    queue_registration_email(event, registration, registration.status)
    return registration
