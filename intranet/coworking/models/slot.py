"""The seat's quarter hours an active booking holds: the database's guard against doubles.

Seat-slot guard rows are quarter hours whatever a centre's slot length (every allowed length
is a multiple): a booking holds each quarter hour of its span, so two bookings of one seat
that overlap in time always collide on UNIQUE (seat, quarter), before and after rule changes.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    UniqueConstraint,
    literal_column,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from intranet.extensions import Model
from intranet.models import UTCDateTime

if TYPE_CHECKING:
    from intranet.coworking.models.booking import Booking

GRANULE_MINUTES = 15
GRANULE = timedelta(minutes=GRANULE_MINUTES)


def floor_granule(moment: datetime) -> datetime:
    """The start of the quarter hour this moment falls in (UTC and Kyzylorda agree, UTC+5)."""
    return moment.replace(second=0, microsecond=0) - timedelta(
        minutes=moment.minute % GRANULE_MINUTES
    )


def granule_starts(start: datetime, end: datetime) -> list[datetime]:
    """The starts of every quarter hour that [start, end) touches."""
    moments, moment = [], floor_granule(start)
    while moment < end:
        moments.append(moment)
        moment += GRANULE
    return moments


class on_quarter_hour(FunctionElement[bool]):  # noqa: N801 - used like a SQL function
    """SQL: a timestamp column holds a whole quarter hour (for a CHECK constraint)."""

    type = Boolean()
    inherit_cache = True


@compiles(on_quarter_hour, "sqlite")
def _on_quarter_hour_sqlite(element: on_quarter_hour, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return (
        f"(CAST(strftime('%M', {column}) AS INTEGER) % 15 = 0 "
        f"AND strftime('%f', {column}) = '00.000')"
    )


@compiles(on_quarter_hour, "postgresql")
def _on_quarter_hour_postgresql(element: on_quarter_hour, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"(mod(CAST(EXTRACT(EPOCH FROM {column}) AS NUMERIC), 900) = 0)"


class BookingSlot(Model):
    """One seat for one quarter hour, held by an active booking: the guard against doubles."""

    __table_args__ = (
        UniqueConstraint("seat_id", "slot_start", name="uq_booking_slot_seat"),
        # Quarters only: a row at 10:05 would let 10:00-10:15 and 10:05-10:20 both pass.
        CheckConstraint(on_quarter_hour(literal_column("slot_start")), name="slot_on_quarter_hour"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("booking.id", ondelete="CASCADE"), index=True
    )
    seat_id: Mapped[int] = mapped_column(ForeignKey("seat.id", ondelete="RESTRICT"))
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime)

    booking: Mapped["Booking"] = relationship(back_populates="slots")
