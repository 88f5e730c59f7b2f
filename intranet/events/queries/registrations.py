"""Registrations read for pages: a private link, a waitlist turn, the staff list."""

from collections.abc import Sequence

from sqlalchemy import func, select

from intranet.events.models import Registration, RegistrationRules, RegistrationStatus
from intranet.extensions import db


def registration_by_token(token: str) -> Registration | None:
    """The registration behind a private link."""
    return db.session.scalar(select(Registration).where(Registration.token == token))


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting, and so on; None for someone not on the waitlist."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(
        select(func.count()).where(
            Registration.event_id == registration.event_id,
            Registration.status == RegistrationStatus.WAITLISTED,
            Registration.id < registration.id,
        )
    )
    return int(ahead or 0) + 1


def registration_rules(event_id: int) -> RegistrationRules | None:
    """An event's registration settings (no personal data: safe for the cached event page)."""
    return db.session.get(RegistrationRules, event_id)


def waiting_count(event_id: int) -> int:
    """How many registrations are on the waitlist."""
    return int(
        db.session.scalar(
            select(func.count()).where(
                Registration.event_id == event_id,
                Registration.status == RegistrationStatus.WAITLISTED,
            )
        )
        or 0
    )


def event_registrations(event_id: int) -> Sequence[Registration]:
    """Everyone registered for an event, waitlist included, in order of arrival."""
    return db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event_id)
        .order_by(Registration.is_walk_in, Registration.id)
    ).all()
