"""Registration for an event with limited places: the event's rules and each person's place."""

import secrets
from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intranet.events.models.vocabulary import sql_in
from intranet.extensions import Model
from intranet.models import UTCDateTime, utc_now

MAX_GROUP = 10


class RegistrationMode(StrEnum):
    """Who may register: nobody (no registration), anyone on the event page, or staff only."""

    OFF = "off"
    OPEN = "open"
    STAFF = "staff"


class RegistrationStatus(StrEnum):
    """Where one registration stands."""

    CONFIRMED = "confirmed"
    OFFERED = "offered"
    WAITLISTED = "waitlisted"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return str(REGISTRATION_LABELS[self])


REGISTRATION_LABELS = {
    RegistrationStatus.CONFIRMED: _l("Place confirmed"),
    RegistrationStatus.OFFERED: _l("Place offered"),
    RegistrationStatus.WAITLISTED: _l("On the waitlist"),
    # TRANSLATORS: a registrant ticked at the door (a status, a button, a column): ru «На месте».
    RegistrationStatus.CHECKED_IN: _l("Came"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
    RegistrationStatus.EXPIRED: _l("Offer expired"),
}
MODE_LABELS = {
    RegistrationMode.OFF: _l("No registration"),
    RegistrationMode.STAFF: _l("Registration by library staff only"),
    RegistrationMode.OPEN: _l("Open to everyone on the event page"),
}
# These hold places counted in RegistrationRules.places_taken.
HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.CHECKED_IN)
# These are still in the event (a place or a turn); the rest have left it.
LIVE = (*HOLDING, RegistrationStatus.WAITLISTED)


def new_token() -> str:
    """The private link's secret: 256 random bits."""
    return secrets.token_urlsafe(32)


def registrant_checks() -> tuple[CheckConstraint, ...]:
    """The rules on a registrant's details, shared by both kinds of registration."""
    return (
        CheckConstraint(f"group_size >= 1 AND group_size <= {MAX_GROUP}", name="group_size"),
        CheckConstraint("language IN ('kk', 'ru', 'en')", name="language"),
        CheckConstraint("phone IS NULL OR length(phone) = 12", name="phone_normalised"),
        CheckConstraint("email IS NULL OR email = lower(email)", name="email_lowercase"),
    )


class Registrant:
    """Who registered (with their group), their private link and consent: the columns both a
    meeting's registration and a whole series' registration keep."""

    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    # True while registered, NULL once they left, for the unique keys of one live contact.
    live: Mapped[bool | None] = mapped_column(default=True)
    group_size: Mapped[int] = mapped_column(default=1)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(12))
    email: Mapped[str | None] = mapped_column(String(254))
    school: Mapped[str] = mapped_column(String(200), default="")
    grade: Mapped[str] = mapped_column(String(20), default="")
    language: Mapped[str] = mapped_column(String(2), default="kk")
    consent_version: Mapped[str] = mapped_column(String(20))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    left_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def phone_display(self) -> str:
        """+7 701 234 56 78, as people write it."""
        p = self.phone or ""
        return f"{p[:2]} {p[2:5]} {p[5:8]} {p[8:10]} {p[10:]}" if len(p) == 12 else p


class RegistrationRules(Model):
    """One event's registration settings and the count of places held, kept by the database.

    `places_taken` only moves by conditional UPDATEs (`... WHERE places_taken + n <=
    capacity`), and the CHECK refuses anything over capacity: no race can overbook.
    """

    __tablename__ = "registration_rules"
    __table_args__ = (
        CheckConstraint(f"mode IN {sql_in(RegistrationMode)}", name="mode"),
        CheckConstraint("capacity > 0 AND capacity <= 10000", name="capacity"),
        CheckConstraint("places_taken >= 0 AND places_taken <= capacity", name="within_capacity"),
        CheckConstraint("opens_days >= 0 AND opens_days <= 365", name="opens_days"),
        CheckConstraint("closes_hours >= 0 AND closes_hours <= 720", name="closes_hours"),
        CheckConstraint(f"max_group >= 1 AND max_group <= {MAX_GROUP}", name="max_group"),
        CheckConstraint(
            "offer_hours IS NULL OR (offer_hours >= 1 AND offer_hours <= 168)", name="offer_hours"
        ),
    )

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[str] = mapped_column(String(5), default=RegistrationMode.OFF)
    capacity: Mapped[int]
    places_taken: Mapped[int] = mapped_column(default=0)
    opens_days: Mapped[int] = mapped_column(default=14)
    closes_hours: Mapped[int] = mapped_column(default=2)
    max_group: Mapped[int] = mapped_column(default=1)
    ask_school: Mapped[bool] = mapped_column(default=False)
    ask_grade: Mapped[bool] = mapped_column(default=False)
    # Hours an offered place waits for its answer; None promotes the next person at once.
    offer_hours: Mapped[int | None]

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)


class Registration(Registrant, Model):
    """One person (with their group) registered for one event, or on its waitlist."""

    __table_args__ = (
        CheckConstraint(f"status IN {sql_in(RegistrationStatus)}", name="status"),
        *registrant_checks(),
        CheckConstraint(
            "is_walk_in OR phone IS NOT NULL OR email IS NOT NULL", name="contact_given"
        ),
        # `live` is true while the person is in the event and NULL once they left it, so the
        # unique keys below refuse a second live registration but not a new one after leaving.
        CheckConstraint(
            "(live IS NULL) = (status IN ('cancelled', 'expired'))", name="live_until_left"
        ),
        UniqueConstraint("event_id", "phone", "live", name="uq_registration_phone"),
        UniqueConstraint("event_id", "email", "live", name="uq_registration_email"),
        Index("ix_registration_event_status", "event_id", "status"),
        UniqueConstraint("event_id", "series_registration_id", name="uq_registration_series"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=RegistrationStatus.WAITLISTED)
    is_walk_in: Mapped[bool] = mapped_column(default=False)
    offer_expires_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The place in this meeting of someone registered once for the whole series.
    series_registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("series_registration.id", ondelete="CASCADE"), index=True
    )

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status}>"

    @property
    def status_label(self) -> str:
        return RegistrationStatus(self.status).label

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDING

    @property
    def is_live(self) -> bool:
        return self.status in LIVE
