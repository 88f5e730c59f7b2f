"""A visitor's personal data in bookings: how long it is kept, and erasing it.

One home for erasing: the retention job (`flask coworking anonymize`) and the visitor's own
"delete my data" both blank the same fields with erase_personal_data(); the statistics
columns (centre, seat, times, status, institution, language, consent) stay.
"""

from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, CursorResult, delete, func, select, update

from intranet.audit import record_audit
from intranet.clock import to_local
from intranet.coworking.models import Booking, BookingClaim, BookingStatus, CoworkingCentre
from intranet.errors import Conflict, IntranetError
from intranet.extensions import db
from intranet.i18n import format_day
from intranet.models import utc_now

# Blanked on erasure; the CHECK contact_until_anonymized allows NULL only with anonymized_dt.
PERSONAL_FIELDS = ("full_name", "phone", "email", "purpose")


def retention_days() -> int:
    """Days after a booking's end until the retention job erases it (COWORKING_RETENTION_DAYS)."""
    return int(current_app.config["COWORKING_RETENTION_DAYS"])


def kept_until(booking: Booking) -> date:
    """The local day after which the retention job erases this booking's personal data."""
    return to_local(booking.end_dt + timedelta(days=retention_days())).date()


def erase_personal_data(*where: ColumnElement[bool], now: datetime) -> int:
    """Blank the personal fields of the not yet erased bookings matching `where`; their count."""
    pending = (Booking.anonymized_dt.is_(None), *where)
    # The daily claims name the phone and email too.
    db.session.execute(
        delete(BookingClaim).where(BookingClaim.booking_id.in_(select(Booking.id).where(*pending)))
    )
    result = db.session.execute(
        update(Booking)
        .where(*pending)
        .values({**dict.fromkeys(PERSONAL_FIELDS), "anonymized_dt": now})
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount if isinstance(result, CursorResult) else 0


def anonymize(retention: int, now: datetime | None = None) -> int:
    """Erase bookings that ended more than `retention` days ago; one audit entry per run."""
    now = now or utc_now()
    count = erase_personal_data(Booking.end_dt < now - timedelta(days=retention), now=now)
    record_audit(
        "booking.anonymize", target="bookings", detail=f"{count} erased, retention {retention} d"
    )
    db.session.flush()
    return count


def _no_show_counts_until(booking: Booking) -> datetime:
    # check_person() counts a no-show while it is within the booked centre's window; the
    # widest window of any centre is when it can no longer block this person anywhere.
    window = db.session.scalar(select(func.max(CoworkingCentre.block_window_days))) or 0
    return booking.start_dt + timedelta(days=window)


def erase_refusal(booking: Booking, now: datetime) -> IntranetError | None:
    """Why the visitor cannot erase this booking's data now, or None when they can."""
    if booking.anonymized_dt is not None:
        return IntranetError(_l("The personal data of this booking is already deleted."))
    if booking.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        if booking.can_be_cancelled_by_visitor(now):
            return IntranetError(_l("Cancel the booking first, then you can delete your data."))
        return IntranetError(_l("You can delete your data once the booking is over."))
    if booking.status == BookingStatus.CHECKED_IN and booking.end_dt > now:
        return IntranetError(_l("You can delete your data once the booking is over."))
    if booking.status == BookingStatus.NO_SHOW:
        counts_until = _no_show_counts_until(booking)
        if counts_until > now:
            return IntranetError(
                _l(
                    "You did not come to this booking, so it counts towards the rule on missed "
                    "bookings until %(date)s. After that day you can delete your data."
                ),
                date=format_day(to_local(counts_until).date(), "long"),
            )
    return None


def erase_for_visitor(booking: Booking, now: datetime | None = None) -> None:
    """The visitor deletes the personal data of this one booking from its private page."""
    now = now or utc_now()
    refusal = erase_refusal(booking, now)
    if refusal is not None:
        raise refusal
    # The status judged above must still hold: one conditional UPDATE decides.
    if not erase_personal_data(Booking.id == booking.id, Booking.status == booking.status, now=now):
        db.session.refresh(booking)
        raise Conflict(_l("This booking has just changed; please look at it again."))
    record_audit("booking.erase", target=f"booking:{booking.id}", detail="by the visitor")
    db.session.flush()
    db.session.refresh(booking)
