"""Seats x slots for one day: what is free, what is held, and by which booking (for staff)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from intranet.clock import from_local, local_day_bounds, to_local
from intranet.coworking.models import Booking, BookingSlot, BookingStatus, CoworkingCentre, Seat
from intranet.extensions import db
from intranet.libraries.services import closed_day
from intranet.models import utc_now

BOARD_STATUSES = (
    BookingStatus.PENDING,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
    BookingStatus.NO_SHOW,
)


@dataclass
class DayGrid:
    """The grid of one centre on one day."""

    centre: CoworkingCentre
    day: date
    closed_reason: object = None
    slots: list[datetime] = field(default_factory=list)  # UTC starts
    busy: set[tuple[int, datetime]] = field(default_factory=set)
    bookings: dict[tuple[int, datetime], Booking] = field(default_factory=dict)
    now: datetime = field(default_factory=utc_now)

    @property
    def is_open(self) -> bool:
        return self.closed_reason is None and bool(self.slots)

    def state(self, seat: Seat, slot: datetime) -> str:
        """free, busy, past or closed (public view)."""
        if self.closed_reason is not None:
            return "closed"
        if (seat.id, slot) in self.busy:
            return "busy"
        return "past" if slot <= self.now else "free"

    def free_slots(self, seat: Seat) -> list[datetime]:
        return [s for s in self.slots if self.state(seat, s) == "free"]

    def seats_free(self) -> int:
        """Seats with at least one free slot left on this day."""
        return sum(1 for seat in self.centre.active_seats if self.free_slots(seat))

    @staticmethod
    def label(slot: datetime) -> str:
        return to_local(slot).strftime("%H:%M")


def slot_times(centre: CoworkingCentre, day: date) -> list[datetime]:
    """UTC starts of the slots the centre is open for on this day (ignoring closures)."""
    hours = centre.hours_on(day)
    if hours is None:
        return []
    opens, closes = (from_local(day, t) for t in hours)
    step = timedelta(minutes=centre.slot_minutes)
    count = int((closes - opens) / step)
    return [opens + step * i for i in range(count)]


def start_choices(centre: CoworkingCentre) -> list[str]:
    """Every local start time on any weekday, for the form's select."""
    times: set[time] = set()
    for offset in range(7):
        day = date(2026, 1, 5) + timedelta(days=offset)  # a Monday, then the whole week
        times.update(to_local(s).time() for s in slot_times(centre, day))
    return [t.strftime("%H:%M") for t in sorted(times)]


def day_grid(centre: CoworkingCentre, day: date, *, staff: bool = False) -> DayGrid:
    """Build the grid: two queries (closures, held slots) plus bookings for staff."""
    grid = DayGrid(centre=centre, day=day)
    closure = closed_day(day, centre.library_id)
    if closure is not None:
        grid.closed_reason = closure
    elif centre.is_sanitary_day(day):
        grid.closed_reason = "sanitary"
    grid.slots = slot_times(centre, day)
    if not grid.slots and grid.closed_reason is None:
        grid.closed_reason = "weekday"
    lo, hi = local_day_bounds(day)
    seat_ids = [seat.id for seat in centre.seats]
    rows = db.session.execute(
        select(BookingSlot.seat_id, BookingSlot.slot_start).where(
            BookingSlot.seat_id.in_(seat_ids),
            BookingSlot.slot_start >= lo,
            BookingSlot.slot_start < hi,
        )
    )
    grid.busy = {(seat_id, start) for seat_id, start in rows}
    if staff:
        bookings = db.session.scalars(
            select(Booking).where(
                Booking.centre_id == centre.id,
                Booking.status.in_(BOARD_STATUSES),
                Booking.start_dt < hi,
                Booking.end_dt > lo,
            )
        )
        step = timedelta(minutes=centre.slot_minutes)
        for booking in bookings:
            slot = booking.start_dt
            while slot < booking.end_dt:
                grid.bookings[(booking.seat_id, slot)] = booking
                slot += step
    return grid


def seats_free_today(centres: list[CoworkingCentre]) -> dict[int, int]:
    """{centre id: seats with a free slot left today}; closed centres are left out."""
    from intranet.clock import local_today

    today = local_today()
    grids = [day_grid(centre, today) for centre in centres]
    return {grid.centre.id: grid.seats_free() for grid in grids if grid.is_open}
