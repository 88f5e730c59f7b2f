"""One of a person's daily and weekly allowance of active bookings."""

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intranet.extensions import Model


class BookingClaim(Model):
    """One of a person's daily allowance of active bookings (by phone and by email).

    The ordinal runs from 1 to the centre's limit per day; UNIQUE (person, day, ordinal) makes
    two simultaneous requests of one person for the same day collide in the database.
    """

    __table_args__ = (
        UniqueConstraint("person", "day", "ordinal", name="uq_booking_claim_person_day"),
        CheckConstraint("ordinal >= 1", name="ordinal_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("booking.id", ondelete="CASCADE"), index=True
    )
    # "phone:+77011234567", "email:...", or "week:phone:..." / "week:email:..." on a Monday.
    person: Mapped[str] = mapped_column(String(270))
    day: Mapped[date]
    ordinal: Mapped[int]
