"""At the door: ticking who came, adding a walk-in, and the count the report starts from."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from intranet.audit import clean
from intranet.auth.models import User
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.models import MAX_GROUP, Event, Registration, RegistrationStatus
from intranet.events.services.registration import CONSENT_VERSION
from intranet.events.services.waitlist import move
from intranet.extensions import db
from intranet.forms import PERSON_NAME
from intranet.models import utc_now


def _may(event: Event, actor: User) -> None:
    if not event.can_manage_registrations(actor):
        raise PermissionDenied(_l("You cannot manage registration for this event."))


def check_in(
    event: Event, registration: Registration, *, actor: User, now: datetime | None = None
) -> Registration:
    """Tick a person who came; ticking twice is harmless."""
    _may(event, actor)
    if registration.status == RegistrationStatus.CHECKED_IN:
        return registration
    if not move(
        registration,
        (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED),
        RegistrationStatus.CHECKED_IN,
        checked_in_dt=now or utc_now(),
    ):
        raise Conflict(
            _l("This person is %(status)s: only a confirmed place can be ticked."),
            status=registration.status_label.lower(),
        )
    db.session.flush()
    return registration


def undo_check_in(event: Event, registration: Registration, *, actor: User) -> Registration:
    """Untick a person ticked by mistake (a walk-in added by mistake leaves the list)."""
    _may(event, actor)
    if registration.is_walk_in:
        db.session.delete(registration)
    elif not move(
        registration,
        (RegistrationStatus.CHECKED_IN,),
        RegistrationStatus.CONFIRMED,
        checked_in_dt=None,
    ):
        raise Conflict(_l("This registration has just changed; look at it again."))
    db.session.flush()
    return registration


def add_walk_in(
    event: Event, *, actor: User, full_name: str, group_size: int, now: datetime | None = None
) -> Registration:
    """Someone came without registering: on the list as come, outside the counted places."""
    _may(event, actor)
    name = clean(full_name or "", 200).strip()
    if not PERSON_NAME.match(name):
        raise IntranetError(_l("Write the name in letters only."), field="full_name")
    if not 1 <= group_size <= MAX_GROUP:
        raise IntranetError(
            _l("A group can have from 1 to %(max)d people."), field="group_size", max=MAX_GROUP
        )
    now = now or utc_now()
    registration = Registration(
        event_id=event.id,
        status=RegistrationStatus.CHECKED_IN,
        full_name=name,
        group_size=group_size,
        is_walk_in=True,
        consent_version=CONSENT_VERSION,
        language="kk",
        created_dt=now,
        checked_in_dt=now,
    )
    db.session.add(registration)
    db.session.flush()
    return registration


def people_checked_in(event: Event) -> int:
    """How many people came by the ticks (groups counted in full): the report starts here."""
    total = db.session.scalar(
        select(func.sum(Registration.group_size)).where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CHECKED_IN,
        )
    )
    return int(total or 0)
