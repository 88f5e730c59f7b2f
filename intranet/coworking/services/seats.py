"""The seats table of a centre, saved in one go: every row or none.

A refusal names the row's field (`seats-<row>-label`), so the page shows it on that row and
keeps what was typed in the others.
"""

from dataclasses import asdict, fields
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.coworking.models import Booking, CoworkingCentre, Seat
from intranet.coworking.services.cancellations import (
    cancel_by_centre,
    cancellable_bookings,
    lock_rules,
    settle,
)
from intranet.coworking.services.requests import SeatData, SeatRow
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.models import utc_now

DUPLICATE = _l("This centre already has a seat with this label.")
NO_LABEL = _l("Give the seat a label, or tick «Remove».")


def _field(row: SeatRow, name: str) -> str:
    return f"seats-{row.row}-{name}"


def _check(centre: CoworkingCentre, rows: list[SeatRow]) -> dict[int, Seat]:
    """The centre's seats by id, once every row names one of them and no label repeats."""
    seats = {seat.id: seat for seat in centre.seats}
    if any(row.seat_id is not None and row.seat_id not in seats for row in rows):
        raise PermissionDenied(_l("This seat belongs to another centre."))
    kept = [r for r in rows if not r.remove]
    typed = [r for r in kept if r.seat_id is None or seats[r.seat_id].label != r.data.label]
    gone = {r.seat_id for r in rows if r.remove} | {r.seat_id for r in typed}
    # Labels staying as they are come first: a repeat is shown on the row typed into.
    seen = {seat.label for seat in seats.values() if seat.id not in gone}
    for row in typed:
        if not row.data.label:
            raise IntranetError(NO_LABEL, field=_field(row, "label"))
        if row.data.label in seen:
            raise IntranetError(DUPLICATE, field=_field(row, "label"))
        seen.add(row.data.label)
    return seats


def _remove(centre: CoworkingCentre, seat: Seat, row: SeatRow) -> None:
    """Remove a seat that was never booked; one with bookings stays for their history."""
    if db.session.scalar(select(exists().where(Booking.seat_id == seat.id))):
        raise IntranetError(
            _l(
                "Seat %(seat)s has bookings, so it stays for their history. Untick "
                "«Bookable» to take it out of service."
            ),
            field=_field(row, "remove"),
            seat=seat.label,
        )
    centre.seats.remove(seat)


def save_seats(
    centre: CoworkingCentre,
    rows: list[SeatRow],
    *,
    actor: User,
    agreed: set[int] | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Add, change and remove seats together, audited; returns the bookings cancelled.

    Seats taken out of service lose their bookings ahead, once the user agreed to the list.
    """
    if not centre.can_manage(actor):
        raise PermissionDenied(_l("You may not change this centre's seats."))
    seats = _check(centre, rows)
    lock_rules([centre.id])
    target = f"centre:{centre.slug}"
    for row in rows:
        if row.remove and row.seat_id is not None:
            label = seats[row.seat_id].label
            _remove(centre, seats[row.seat_id], row)
            record_audit("coworking.seat", actor=actor, target=target, detail=f"-{label}")
    changing = [row for row in rows if not row.remove]
    names = [f.name for f in fields(SeatData)]
    old = {s.id: {name: getattr(s, name) for name in names} for s in seats.values()}
    # A label may move to another seat (A1 <-> A2): out of the way first, then to its place.
    for row in changing:
        if row.seat_id is not None and seats[row.seat_id].label != row.data.label:
            seats[row.seat_id].label = f"~{row.seat_id}"
    out_of_service: list[Seat] = []
    current = None
    try:
        # Entering the savepoint flushes the removals and the labels moved out of the way.
        with db.session.begin_nested():
            for current in changing:
                seat = seats[current.seat_id] if current.seat_id else Seat(centre=centre)
                for name, value in asdict(current.data).items():
                    setattr(seat, name, value)
                db.session.add(seat)
                db.session.flush()  # UNIQUE (centre, label) speaks here, for this row
                before = old.get(seat.id) if current.seat_id else None
                if before is None:
                    detail = f"+{seat.label}"
                else:
                    changed = [n for n, v in asdict(current.data).items() if before[n] != v]
                    detail = f"{seat.label}: {', '.join(changed)}" if changed else ""
                    if before["is_active"] and not seat.is_active:
                        out_of_service.append(seat)
                if detail:
                    record_audit("coworking.seat", actor=actor, target=target, detail=detail)
    except IntegrityError as error:
        field = _field(current, "label") if current is not None else None
        raise IntranetError(DUPLICATE, field=field) from error
    return _cancel_ahead(centre, out_of_service, actor=actor, agreed=agreed, now=now or utc_now())


def _cancel_ahead(
    centre: CoworkingCentre,
    seats: list[Seat],
    *,
    actor: User,
    agreed: set[int] | None,
    now: datetime,
) -> list[Booking]:
    """Cancel the bookings ahead of seats taken out of service, once the user agreed to all."""
    if not seats:
        return []
    ids = [seat.id for seat in seats]
    bookings = cancellable_bookings([centre.id], now, Booking.seat_id.in_(ids))
    settle(bookings, agreed)
    labels = {seat.id: seat.label for seat in seats}

    def reason(booking: Booking) -> object:
        return _l("Seat %(seat)s can no longer be booked.") % {"seat": labels[booking.seat_id]}

    cancelled = []
    for seat in seats:
        cancelled += cancel_by_centre(
            [booking for booking in bookings if booking.seat_id == seat.id],
            actor=actor,
            reason=reason,
            cause=f"coworking.seat:{centre.slug}:{seat.label}",
            now=now,
        )
    return cancelled
