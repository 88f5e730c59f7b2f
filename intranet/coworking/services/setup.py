"""Set-up changes of a centre: rules and hours, seats, closures.

Those that cancel bookings ask first: ConfirmCancellations until the user agreed to the list.
"""

from dataclasses import asdict
from datetime import datetime

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.clock import from_local, to_local
from intranet.coworking.models import (
    QUARTER_HOURS,
    Booking,
    CoworkingCentre,
    Seat,
    on_quarter_hours,
)
from intranet.coworking.services.cancellations import (
    cancel_by_centre,
    cancellable_bookings,
    close_day,
    lock_rules,
    settle,
)
from intranet.coworking.services.requests import ClosureData, RulesData, SeatData
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.libraries.models import ClosedDayKind
from intranet.models import utc_now


def misfit(centre: CoworkingCentre, booking: Booking) -> tuple[LazyString, dict[str, str]] | None:
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
    data: RulesData,
    *,
    actor: User,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Save rules and weekly hours; cancel the bookings the new hours or sanitary day exclude.

    The slot length may change freely: bookings hold quarter hours, whatever it is.
    """
    now = now or utc_now()
    if not on_quarter_hours(data.opening_hours):
        raise IntranetError(QUARTER_HOURS)
    lock_rules([centre.id])
    try:
        # Changed inside the savepoint: begin_nested() first flushes what is pending.
        with db.session.begin_nested():
            for name, value in asdict(data).items():
                setattr(centre, name, value)
            db.session.flush()  # the CHECKs on durations and limits speak here
    except IntegrityError as error:
        raise IntranetError(_l("These rules contradict each other.")) from error
    record_audit("coworking.rules", actor=actor, target=f"centre:{centre.slug}")
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
    seat: Seat | None,
    data: SeatData,
    *,
    actor: User,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Add a seat (None) or change one; making it unbookable cancels its bookings ahead."""
    now = now or utc_now()
    if seat is None:
        seat = Seat()
    was_bookable = seat.id is not None and seat.is_active
    lock_rules([centre.id])
    try:
        # Changed inside the savepoint: begin_nested() first flushes what is pending.
        with db.session.begin_nested():
            seat.centre = centre
            for name, value in asdict(data).items():
                setattr(seat, name, value)
            db.session.add(seat)
            db.session.flush()  # UNIQUE (centre, label) speaks here
    except IntegrityError as error:
        raise IntranetError(
            _l("This centre already has a seat with this label."), field="label"
        ) from error
    record_audit("coworking.seat", actor=actor, target=f"centre:{centre.slug}")
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


def add_closure(
    centre: CoworkingCentre,
    data: ClosureData,
    *,
    actor: User,
    language: str,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Close the centre's library on one day and cancel the bookings on it (asking first).

    The reason is kept in the language it was written in: Russian, else Kazakh. Returns the
    bookings cancelled.
    """
    _row, cancelled = close_day(
        actor=actor,
        day=data.day,
        library=centre.library,
        kind=ClosedDayKind.CLOSURE,
        reason_kk=data.reason if language != "ru" else "",
        reason_ru=data.reason if language == "ru" else "",
        agreed=agreed,
        now=now,
    )
    return cancelled
