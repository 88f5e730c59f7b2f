"""What a visitor does at the seat with a phone: check in at its QR code, leave early."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, delete, update

from intranet.audit import record_audit
from intranet.clock import to_local
from intranet.coworking.models import GRANULE, Booking, BookingSlot, BookingStatus, Seat
from intranet.coworking.models import floor_granule as _floor
from intranet.coworking.services.decisions import check_in_booking
from intranet.errors import Conflict, IntranetError
from intranet.extensions import db
from intranet.models import utc_now


def self_check_in(booking: Booking, *, seat: Seat | None, now: datetime | None = None) -> bool:
    """Check in the visitor's own booking at a seat's code (None: the entrance's code).

    Returns False when it was already checked in: scanning twice changes nothing.
    """
    now = now or utc_now()
    if seat is not None and booking.seat_id != seat.id:
        raise IntranetError(
            _l("Your booking is for seat %(seat)s. Scan the code on that seat."),
            seat=booking.seat.label,
        )
    if booking.status == BookingStatus.CHECKED_IN and now < booking.end_dt:
        return False
    if booking.status == BookingStatus.PENDING:
        raise IntranetError(
            _l("The coordinator has not confirmed this booking yet. Ask at the desk.")
        )
    if booking.status == BookingStatus.NO_SHOW:
        raise IntranetError(
            _l("You did not come within the grace period, so the seat was released.")
        )
    if booking.end_dt <= now:
        raise IntranetError(_l("This booking has already ended."))
    try:
        check_in_booking(booking, actor=None, now=now)
    except Conflict:
        if booking.status == BookingStatus.CHECKED_IN:
            return False  # a double tap: the other request checked it in a moment ago
        raise
    return True


def end_booking_early(booking: Booking, *, now: datetime | None = None) -> datetime:
    """The visitor leaves: the seat is free for others from the next quarter hour on.

    One conditional UPDATE: of two taps (or a tap racing the end), one shortens the booking.
    Returns the new end.
    """
    now = now or utc_now()
    if booking.status != BookingStatus.CHECKED_IN or booking.end_dt <= now:
        raise IntranetError(_l("Only a booking you are checked in to can be ended early."))
    # The quarter hour under way is still the visitor's; the following ones are freed.
    next_quarter = now if _floor(now) == now else _floor(now) + GRANULE
    new_end = max(next_quarter, booking.start_dt + GRANULE)
    if new_end >= booking.end_dt:
        return booking.end_dt
    result = db.session.execute(
        update(Booking)
        .where(
            Booking.id == booking.id,
            Booking.status == BookingStatus.CHECKED_IN,
            Booking.end_dt > new_end,
        )
        .values(end_dt=new_end)
        .execution_options(synchronize_session=False)
    )
    if isinstance(result, CursorResult) and result.rowcount == 1:
        db.session.execute(
            delete(BookingSlot).where(
                BookingSlot.booking_id == booking.id, BookingSlot.slot_start >= new_end
            )
        )
        record_audit(
            "booking.end_early",
            target=f"booking:{booking.id}",
            detail=f"until {to_local(new_end).strftime('%H:%M')}",
        )
    db.session.expire(booking)
    db.session.flush()
    return booking.end_dt
