"""Seats x slots for one day: what is free, what is held, and by which booking (for staff).

The columns are the centre's slots of today's rules; what is held is read from the quarter-hour
guard rows, so a booking made under other rules (another slot length, other hours) still shows
on every slot it overlaps.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from sqlalchemy import DateTime, String, cast, func, literal, literal_column, select, type_coerce
from sqlalchemy.sql import ColumnElement

from intranet.clock import from_local, local_day_bounds, local_today, to_local
from intranet.coworking.models import (
    Booking,
    BookingSlot,
    BookingStatus,
    CoworkingCentre,
    Seat,
    granule_starts,
)
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, WorkingDay
from intranet.libraries.services import day_changes, day_rule
from intranet.models import as_utc, utc_now

BOARD_STATUSES = (
    BookingStatus.PENDING,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
    BookingStatus.NO_SHOW,
)
NOBODY: frozenset[int] = frozenset()
# The start as the driver gives it: UTCDateTime's per-row conversion is done once, by as_utc.
_START = type_coerce(BookingSlot.slot_start, DateTime(timezone=True))
# The seats holding one quarter hour, as "3,7,12": one row a quarter hour, not one a seat.
# The separator in the statement's text: a plain "," is an expanding (literal execute)
# parameter, and the statement's text would be rewritten on every run.
# (Typed as a str; SQLAlchemy renders the constant as given.)
_SEATS = func.aggregate_strings(
    cast(BookingSlot.seat_id, String),
    literal_column("','"),  # type: ignore[arg-type]
)


@dataclass
class DayGrid:
    """The grid of one centre on one day."""

    centre: CoworkingCentre
    day: date
    # None when open; else a ClosedDay, "sanitary" or "weekday" (templates say which).
    closed_reason: ClosedDay | str | None = None
    # The moved working day that opens a day off (hours of the weekday it names), or None.
    opening: WorkingDay | None = None
    slots: list[datetime] = field(default_factory=list)  # UTC starts
    held: dict[datetime, frozenset[int]] = field(default_factory=dict)  # quarter hour: seats
    # Staff: the bookings overlapping each (seat, slot), and every booking of the day.
    bookings: dict[tuple[int, datetime], list[Booking]] = field(default_factory=dict)
    day_bookings: list[Booking] = field(default_factory=list)
    now: datetime = field(default_factory=utc_now)

    @property
    def is_open(self) -> bool:
        return self.closed_reason is None and bool(self.slots)

    @cached_property
    def step(self) -> timedelta:
        return timedelta(minutes=self.centre.slot_minutes)

    @cached_property
    def seats(self) -> dict[int, Seat]:
        """The active seats by id, in the centre's order (read once: grids are asked often)."""
        return {seat.id: seat for seat in self.centre.active_seats}

    def taken_at(self, start: datetime, end: datetime) -> frozenset[int]:
        """The seats holding any quarter hour of [start, end)."""
        quarters = [self.held.get(q, NOBODY) for q in granule_starts(start, end)]
        return frozenset().union(*quarters) if len(quarters) > 1 else quarters[0]

    def state(self, seat: Seat, slot: datetime) -> str:
        """free, busy, past or closed (public view); a slot is free only if all of it is."""
        if self.closed_reason is not None:
            return "closed"
        if seat.id in self.taken_at(slot, slot + self.step):
            return "busy"
        return "past" if slot <= self.now else "free"

    def free_slots(self, seat: Seat) -> list[datetime]:
        return [s for s in self.slots if self.state(seat, s) == "free"]

    @cached_property
    def earliest_start(self) -> datetime:
        """The first moment a booking may start: now plus the centre's minimum notice."""
        return self.now + timedelta(minutes=self.centre.min_notice_minutes)

    def bookable(self, seat: Seat, slot: datetime) -> bool:
        """Free, and far enough ahead to be booked (the minimum notice)."""
        return slot >= self.earliest_start and self.state(seat, slot) == "free"

    def bookable_starts(self) -> list[datetime]:
        """The slots a booking may start at today: open, ahead, and a minimum length fits."""
        if self.closed_reason is not None or not self.slots:
            return []
        closes = self.slots[-1] + self.step
        shortest = timedelta(minutes=self.centre.min_duration_minutes)
        earliest = self.earliest_start
        return [s for s in self.slots if s >= earliest and s + shortest <= closes]

    def seats_free_between(self, start: datetime, end: datetime) -> list[Seat]:
        """Active seats with every quarter hour of [start, end) free."""
        taken = self.taken_at(start, end)
        return [seat for seat_id, seat in self.seats.items() if seat_id not in taken]

    def seats_free_at(self, slot: datetime) -> list[Seat]:
        """Active seats free and bookable at this slot."""
        if self.closed_reason is not None or slot < self.earliest_start or slot <= self.now:
            return []
        return self.seats_free_between(slot, slot + self.step)

    def seats_bookable(self) -> int:
        """Seats with at least one slot still bookable on this day (the rest of today)."""
        free: set[int] = set()
        for start in self.bookable_starts():
            free.update(seat.id for seat in self.seats_free_at(start))
        return len(free)

    def next_free(self) -> tuple[datetime, int] | None:
        """The first bookable slot of the day and how many seats are free then."""
        for slot in self.bookable_starts():
            seats = len(self.seats_free_at(slot))
            if seats:
                return slot, seats
        return None

    @staticmethod
    def label(slot: datetime) -> str:
        return to_local(slot).strftime("%H:%M")


def slot_times(
    centre: CoworkingCentre, day: date, opening: WorkingDay | None = None
) -> list[datetime]:
    """UTC starts of the slots the centre is open for on this day (ignoring closures)."""
    hours = centre.hours_on(day, opening)
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
    """Build the grid: two queries (the calendar, held slots) plus bookings for staff."""
    rule = day_rule(day, centre.library_id)
    grid = DayGrid(centre=centre, day=day, opening=rule.opening)
    if rule.closure is not None:
        grid.closed_reason = rule.closure
    elif centre.is_sanitary_day(day):
        grid.closed_reason = "sanitary"
    grid.slots = slot_times(centre, day, rule.opening)
    if not grid.slots and grid.closed_reason is None:
        grid.closed_reason = "weekday"
    lo, hi = local_day_bounds(day)
    seats = select(Seat.id).where(Seat.centre_id == centre.id)
    grid.held = held_quarters(BookingSlot.seat_id.in_(seats), lo, hi)
    if staff:
        bookings = db.session.scalars(
            select(Booking).where(
                Booking.centre_id == centre.id,
                Booking.status.in_(BOARD_STATUSES),
                Booking.start_dt < hi,
                Booking.end_dt > lo,
            )
        )
        grid.day_bookings = list(bookings)
        for booking in grid.day_bookings:
            for slot in grid.slots:
                if slot < booking.end_dt and booking.start_dt < slot + grid.step:
                    grid.bookings.setdefault((booking.seat_id, slot), []).append(booking)
    return grid


def held_quarters(
    seats: ColumnElement[bool], lo: datetime, hi: datetime
) -> dict[datetime, frozenset[int]]:
    """{quarter hour: the seats holding it} for the seats matched, from lo to hi (UTC)."""
    rows = db.session.execute(
        select(_START, _SEATS)
        .where(seats, BookingSlot.slot_start >= lo, BookingSlot.slot_start < hi)
        .group_by(BookingSlot.slot_start)
    )
    # A booking holds its seat for several quarter hours in a row, and a full hour is the
    # same seats four times: each distinct list is parsed once.
    parsed: dict[str, frozenset[int]] = {}
    held = {}
    for start, ids in rows:
        seats_held = parsed.get(ids)
        if seats_held is None:
            seats_held = parsed[ids] = frozenset(map(int, ids.split(",")))
        held[as_utc(start)] = seats_held
    return held


def today_grids(centres: Sequence[CoworkingCentre]) -> dict[int, DayGrid]:
    """Today's grid of every centre in two queries (closures, held slots), for the lists."""
    today = local_today()
    return {cid: grid for (cid, _day), grid in grids_ahead(centres, today, 1).items()}


def grids_ahead(
    centres: Sequence[CoworkingCentre], first: date, days: int
) -> dict[tuple[int, date], DayGrid]:
    """{(centre id, day): grid} for `days` days from `first`, in two queries for all centres."""
    last = first + timedelta(days=days - 1)
    calendar = day_changes(first, last, {centre.library_id for centre in centres})
    lo, _ = local_day_bounds(first)
    _, hi = local_day_bounds(last)
    # Only these centres' seats: in a rush every other centre's held quarter hours would be
    # read and parsed too (the unique (seat, start) index answers each seat's range).
    # One parameter per centre, not an expanding list (see _SEATS).
    seats = select(Seat.id).where(Seat.centre_id.in_([literal(centre.id) for centre in centres]))
    held = held_quarters(BookingSlot.seat_id.in_(seats), lo, hi)
    now = utc_now()
    grids = {}
    for centre in centres:
        for offset in range(days):
            day = first + timedelta(days=offset)
            rule = calendar.on(centre.library_id, day)
            grid = DayGrid(
                centre=centre,
                day=day,
                slots=slot_times(centre, day, rule.opening),
                held=held,
                now=now,
                opening=rule.opening,
            )
            grid.closed_reason = rule.closure
            if grid.closed_reason is None and centre.is_sanitary_day(day):
                grid.closed_reason = "sanitary"
            if grid.closed_reason is None and not grid.slots:
                grid.closed_reason = "weekday"
            grids[(centre.id, day)] = grid
    return grids


def seats_free_today(centres: Sequence[CoworkingCentre]) -> dict[int, int]:
    """{centre id: seats still bookable today}; closed centres are left out."""
    return {
        cid: grid.seats_bookable() for cid, grid in today_grids(centres).items() if grid.is_open
    }
