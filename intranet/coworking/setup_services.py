"""Set-up changes of a centre (rules and hours, seats); those that cancel bookings ask first."""

from datetime import datetime

from flask_babel import lazy_gettext as _l

from intranet.audit import record_audit
from intranet.clock import from_local, to_local
from intranet.coworking.cancellations import (
    cancel_by_centre,
    cancellable_bookings,
    lock_rules,
    settle,
)
from intranet.coworking.models import Booking, CoworkingCentre, Seat
from intranet.coworking.models.centre import QUARTER_HOURS, on_quarter_hours
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now


def misfit(centre: CoworkingCentre, booking: Booking) -> tuple[object, dict] | None:
    """Why a booking no longer fits the centre's weekly hours and sanitary day, or None."""
    day = to_local(booking.start_dt).date()
    hours = centre.hours_on(day)
    if hours is None:
        return _l("The centre is closed on this day of the week."), {}
    if centre.is_sanitary_day(day):
        return _l("Sanitary day: the centre is closed."), {}
    opens, closes = hours
    if booking.start_dt < from_local(day, opens) or booking.end_dt > from_local(day, closes):
        return _l("The centre's hours on this day are now %(opens)s–%(closes)s."), {
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M"),
        }
    return None


def change_rules(
    centre: CoworkingCentre,
    *,
    actor,
    values: dict,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Save rules and weekly hours; cancel the bookings the new hours or sanitary day exclude.

    The slot length may change freely: bookings hold quarter hours, whatever it is.
    """
    now = now or utc_now()
    if not on_quarter_hours(values.get("opening_hours") or {}):
        raise IntranetError(QUARTER_HOURS)
    lock_rules([centre.id])
    for name, value in values.items():
        setattr(centre, name, value)
    record_audit("coworking.rules", actor=actor, target=f"centre:{centre.slug}")
    db.session.flush()  # the CHECKs on durations and limits speak here (IntegrityError)
    reasons = {}
    for booking in cancellable_bookings([centre.id], now):
        why = misfit(centre, booking)
        if why is not None:
            reasons[booking] = why
    settle(list(reasons), agreed)
    return cancel_by_centre(
        list(reasons),
        actor=actor,
        reason=lambda b: reasons[b][0] % reasons[b][1],
        cause=f"coworking.rules:{centre.slug}",
        now=now,
    )


def change_seat(
    centre: CoworkingCentre,
    seat: Seat,
    *,
    actor,
    values: dict,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Add (a new Seat()) or change a seat; making it unbookable cancels its bookings ahead."""
    now = now or utc_now()
    was_bookable = seat.id is not None and seat.is_active
    lock_rules([centre.id])
    seat.centre = centre
    for name, value in values.items():
        setattr(seat, name, value)
    db.session.add(seat)
    record_audit("coworking.seat", actor=actor, target=f"centre:{centre.slug}")
    db.session.flush()  # UNIQUE (centre, label) speaks here (IntegrityError)
    bookings = []
    if was_bookable and not seat.is_active:
        bookings = cancellable_bookings([centre.id], now, Booking.seat_id == seat.id)
    settle(bookings, agreed)
    label = seat.label
    return cancel_by_centre(
        bookings,
        actor=actor,
        reason=lambda _b: _l("Seat %(seat)s can no longer be booked.") % {"seat": label},
        cause=f"coworking.seat:{centre.slug}:{label}",
        now=now,
    )
