"""After a booking is made: approve, reject, cancel, check in."""

import re
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.coworking.models import (
    Booking,
    BookingClaim,
    BookingSlot,
    BookingStatus,
    CoworkingCentre,
)
from intranet.coworking.services.booking import BookingError
from intranet.coworking.services.emails import queue_booking_email
from intranet.errors import Conflict, IntranetError
from intranet.extensions import db
from intranet.models import utc_now


def release_slots(booking: Booking) -> None:
    """Free the seat-slots of a booking that no longer holds them."""
    db.session.execute(delete(BookingSlot).where(BookingSlot.booking_id == booking.id))
    db.session.execute(delete(BookingClaim).where(BookingClaim.booking_id == booking.id))
    db.session.expire(booking, ["slots", "claims"])


def move_status(
    booking: Booking, allowed: tuple[str, ...], to_status: str, **values: object
) -> bool:
    """Change the status only if it is still one of `allowed`, in one conditional UPDATE.

    Of two decisions racing on one booking (two coordinators, approve against cancel, the sweep
    against a check-in) exactly one changes it; the other gets False and changes nothing.
    """
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status.in_(allowed))
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        db.session.refresh(booking)
        return False
    for name, value in {"status": to_status, **values}.items():
        set_committed_value(booking, name, value)
    return True


def _move_or_conflict(
    booking: Booking, allowed: tuple[str, ...], to_status: str, **values: object
) -> None:
    if not move_status(booking, allowed, to_status, **values):
        raise Conflict(
            _l("Someone else has just changed this booking; it is now %(status)s."),
            status=booking.status_enum.label.lower(),
        )


def _require_status(booking: Booking, *statuses: str) -> None:
    if booking.status not in statuses:
        raise IntranetError(
            _l("This booking is %(status)s; that cannot be done now."),
            status=booking.status_enum.label.lower(),
        )


def approve_booking(booking: Booking, *, actor: User, now: datetime | None = None) -> Booking:
    """Confirm a pending request before it starts."""
    now = now or utc_now()
    _require_status(booking, BookingStatus.PENDING)
    if booking.start_dt <= now:
        raise IntranetError(_l("This request has already started; it can no longer be approved."))
    _move_or_conflict(
        booking,
        (BookingStatus.PENDING,),
        BookingStatus.CONFIRMED,
        decided_dt=now,
        decided_by_id=actor.id,
    )
    record_audit("booking.approve", actor=actor, target=f"booking:{booking.id}")
    queue_booking_email(booking, "confirmed")
    db.session.flush()
    return booking


def reject_booking(
    booking: Booking, *, actor: User, reason: str, now: datetime | None = None
) -> Booking:
    """Turn down a request (or withdraw a confirmation) with a reason the visitor sees."""
    _require_status(booking, BookingStatus.PENDING, BookingStatus.CONFIRMED)
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(_l("Give a reason: the visitor will read it."), field="reason")
    _move_or_conflict(
        booking,
        (BookingStatus.PENDING, BookingStatus.CONFIRMED),
        BookingStatus.REJECTED,
        reject_reason=reason[:500],
        decided_dt=now or utc_now(),
        decided_by_id=actor.id,
    )
    release_slots(booking)
    record_audit("booking.reject", actor=actor, target=f"booking:{booking.id}")
    queue_booking_email(booking, "rejected")
    db.session.flush()
    return booking


def cancel_booking(
    booking: Booking, *, actor: User | None = None, now: datetime | None = None
) -> Booking:
    """The visitor withdraws a request or a confirmed booking before it ends (no account)."""
    now = now or utc_now()
    if not booking.can_be_cancelled_by_visitor(now):
        raise IntranetError(_l("This booking can no longer be cancelled."))
    _move_or_conflict(
        booking,
        (BookingStatus.PENDING, BookingStatus.CONFIRMED),
        BookingStatus.CANCELLED,
        cancelled_dt=now,
    )
    release_slots(booking)
    queue_booking_email(booking, "cancelled")
    db.session.flush()
    return booking


def check_in_opens(booking: Booking) -> datetime:
    """When check-in opens: the centre's set minutes before the start (the sweep ends it at
    the grace end, a no-show)."""
    return booking.start_dt - timedelta(minutes=booking.centre.check_in_opens_minutes)


def in_check_in_window(booking: Booking, now: datetime) -> bool:
    """Whether a confirmed booking may be checked in at this moment."""
    return check_in_opens(booking) <= now < booking.end_dt


def check_in_opens_words(minutes: int) -> str:
    """The window in the student's words; at the start itself when the centre set 0."""
    if minutes == 0:
        return str(_l("Check-in opens at the start of the booking."))
    return str(
        ngettext(
            "Check-in opens %(num)d minute before the start of the booking.",
            "Check-in opens %(num)d minutes before the start of the booking.",
            minutes,
        )
    )


def check_in_booking(
    booking: Booking, *, actor: User | None, now: datetime | None = None
) -> Booking:
    """The visitor has arrived: from the centre's check-in opening until the end.

    `actor` None: the visitor checked in themselves, at the seat's QR code.
    """
    now = now or utc_now()
    _require_status(booking, BookingStatus.CONFIRMED)
    if not in_check_in_window(booking, now):
        raise IntranetError(check_in_opens_words(booking.centre.check_in_opens_minutes))
    _move_or_conflict(
        booking, (BookingStatus.CONFIRMED,), BookingStatus.CHECKED_IN, checked_in_dt=now
    )
    action = "booking.check_in" if actor is not None else "booking.self_check_in"
    record_audit(action, actor=actor, target=f"booking:{booking.id}")
    db.session.flush()
    return booking


def find_by_code(centre: CoworkingCentre, code: str | None) -> Booking | None:
    """The booking of this centre with this check-in code (case and spaces ignored)."""
    code = re.sub(r"\s", "", code or "").upper()[:20]
    if not code.isalnum():
        return None  # no code has anything but letters and digits (nor may a NUL reach PostgreSQL)
    return db.session.scalar(
        select(Booking).where(Booking.centre_id == centre.id, func.upper(Booking.code) == code)
    )
