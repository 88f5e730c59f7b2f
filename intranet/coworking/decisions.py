"""After a booking is made: approve, reject, cancel, check in."""

import re
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from intranet.audit import record_audit
from intranet.coworking.models import Booking, BookingSlot, BookingStatus, CoworkingCentre
from intranet.coworking.services import BookingError
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now


def release_slots(booking: Booking) -> None:
    """Free the seat-slots of a booking that no longer holds them."""
    db.session.execute(delete(BookingSlot).where(BookingSlot.booking_id == booking.id))
    db.session.expire(booking, ["slots"])


def _require_status(booking: Booking, *statuses: str) -> None:
    if booking.status not in statuses:
        raise IntranetError(
            _l("This booking is %(status)s; that cannot be done now."),
            status=booking.status_enum.label.lower(),
        )


def approve_booking(booking: Booking, *, actor, now: datetime | None = None) -> Booking:
    """Confirm a pending request before it starts."""
    now = now or utc_now()
    _require_status(booking, BookingStatus.PENDING)
    if booking.start_dt <= now:
        raise IntranetError(_l("This request has already started; it can no longer be approved."))
    booking.status = BookingStatus.CONFIRMED
    booking.decided_dt = now
    booking.decided_by_id = actor.id
    record_audit("booking.approve", actor=actor, target=f"booking:{booking.id}")
    db.session.flush()
    return booking


def reject_booking(booking: Booking, *, actor, reason: str, now: datetime | None = None):
    """Turn down a request (or withdraw a confirmation) with a reason the visitor sees."""
    _require_status(booking, BookingStatus.PENDING, BookingStatus.CONFIRMED)
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(_l("Give a reason: the visitor will read it."), "reason")
    booking.status = BookingStatus.REJECTED
    booking.reject_reason = reason[:500]
    booking.decided_dt = now or utc_now()
    booking.decided_by_id = actor.id
    release_slots(booking)
    record_audit("booking.reject", actor=actor, target=f"booking:{booking.id}")
    db.session.flush()
    return booking


def cancel_booking(booking: Booking, *, actor=None, now: datetime | None = None) -> Booking:
    """The visitor withdraws a request or a confirmed booking before it ends."""
    now = now or utc_now()
    if not booking.can_be_cancelled_by_visitor(now):
        raise IntranetError(_l("This booking can no longer be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_dt = now
    release_slots(booking)
    db.session.flush()
    return booking


def check_in_booking(booking: Booking, *, actor, now: datetime | None = None) -> Booking:
    """The visitor has arrived: from 30 minutes before the start until the end."""
    now = now or utc_now()
    _require_status(booking, BookingStatus.CONFIRMED)
    if not booking.start_dt - timedelta(minutes=30) <= now < booking.end_dt:
        raise IntranetError(_l("Check-in opens 30 minutes before the start of the booking."))
    booking.status = BookingStatus.CHECKED_IN
    booking.checked_in_dt = now
    record_audit("booking.check_in", actor=actor, target=f"booking:{booking.id}")
    db.session.flush()
    return booking


def find_by_code(centre: CoworkingCentre, code: str) -> Booking | None:
    """The booking of this centre with this check-in code (case and spaces ignored)."""
    code = re.sub(r"\s", "", code or "").upper()[:20]
    return db.session.scalar(
        select(Booking).where(Booking.centre_id == centre.id, func.upper(Booking.code) == code)
    )
