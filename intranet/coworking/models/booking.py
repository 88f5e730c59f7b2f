"""A visitor's booking of one seat for a span of time: its status, private link and code."""

import secrets
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intranet.coworking.models.centre import CoworkingCentre
from intranet.coworking.models.claim import BookingClaim
from intranet.coworking.models.seat import Seat
from intranet.coworking.models.slot import BookingSlot
from intranet.extensions import Model
from intranet.models import UTCDateTime, utc_now

if TYPE_CHECKING:
    from intranet.auth.models import User, Visitor

# No 0/O, 1/I/L: a coordinator reads the code aloud or types it from a phone screen.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
REQUEST_KEY_LENGTH = 22  # secrets.token_urlsafe(16): 128 bits


class BookingStatus(StrEnum):
    """Where a booking stands."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"
    NO_SHOW = "no_show"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    BookingStatus.PENDING: _l("Pending"),
    BookingStatus.CONFIRMED: _l("Confirmed"),
    BookingStatus.REJECTED: _l("Rejected"),
    # TRANSLATORS: a booking's status, and an event's (kk «Күші жойылды», never «Болдырылмады»).
    BookingStatus.CANCELLED: _l("Cancelled"),
    # TRANSLATORS: the visitor came (a status and a report column): ru «На месте», not «Пришёл».
    BookingStatus.CHECKED_IN: _l("Checked in"),
    BookingStatus.NO_SHOW: _l("No-show"),
    BookingStatus.EXPIRED: _l("Expired"),
}
# These hold their seat-slots; every other status has released them.
ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


def new_token() -> str:
    """The private link's secret: 256 random bits."""
    return secrets.token_urlsafe(32)


def new_request_key() -> str:
    """A booking form's key, sent with the form and stored with the booking it made."""
    return secrets.token_urlsafe(16)


def new_code() -> str:
    """A short check-in code (40 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Booking(Model):
    """One visitor's request for one seat; statistics columns stay after anonymisation."""

    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'checked_in', "
            "'no_show', 'expired')",
            name="status",
        ),
        CheckConstraint("end_dt > start_dt", name="end_after_start"),
        CheckConstraint("language IN ('kk', 'ru', 'en')", name="language"),
        CheckConstraint("phone IS NULL OR length(phone) = 12", name="phone_normalised"),
        CheckConstraint("email IS NULL OR email = lower(email)", name="email_lowercase"),
        CheckConstraint(
            "anonymized_dt IS NOT NULL OR (full_name IS NOT NULL AND phone IS NOT NULL "
            "AND email IS NOT NULL)",
            name="contact_until_anonymized",
        ),
        Index("ix_booking_centre_start", "centre_id", "start_dt"),
        Index("ix_booking_status_start", "status", "start_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True, default=new_code)
    # The random key of the form that sent it: the same form sent again (a double click, or
    # the proxy resending it after a node died) finds this booking instead of making another.
    request_key: Mapped[str | None] = mapped_column(String(REQUEST_KEY_LENGTH), unique=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("coworking_centre.id", ondelete="RESTRICT"))
    seat_id: Mapped[int] = mapped_column(ForeignKey("seat.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(12), default=BookingStatus.PENDING)
    start_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    end_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    full_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(12), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    institution: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(2), default="kk")
    consent_version: Mapped[str] = mapped_column(String(20))
    consent_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    decided_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reject_reason: Mapped[str | None] = mapped_column(String(500))
    # Set when the centre cancelled (a closure, shorter hours, a seat taken out of use).
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    cancelled_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    anonymized_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    centre: Mapped[CoworkingCentre] = relationship()
    seat: Mapped[Seat] = relationship()
    slots: Mapped[list[BookingSlot]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", passive_deletes=True
    )
    claims: Mapped[list[BookingClaim]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Booking {self.id} {self.status}>"

    @property
    def status_enum(self) -> BookingStatus:
        return BookingStatus(self.status)

    @property
    def phone_display(self) -> str:
        """+7 701 234 56 78, as people write it."""
        p = self.phone or ""
        return f"{p[:2]} {p[2:5]} {p[5:8]} {p[8:10]} {p[10:]}" if len(p) == 12 else p

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def can_manage(self, user: "User | Visitor | None") -> bool:
        """Staff who coordinate this booking's centre decide on it and check it in."""
        return bool(user and user.is_authenticated and user.can_coordinate(self.centre_id))

    def can_be_cancelled_by_visitor(self, now: datetime) -> bool:
        return self.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED) and (
            self.end_dt > now
        )
