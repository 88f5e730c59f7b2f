"""What a student needs now: each centre's day at a glance, and the free seats for a time."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from intranet.clock import from_local, local_today
from intranet.coworking.models import CoworkingCentre, Seat
from intranet.coworking.queries.availability import DayGrid, grids_ahead
from intranet.coworking.services import BookingError, check_timing

# How far the cards look for the next free slot (a week and a day: past a closed weekend).
LOOK_AHEAD_DAYS = 8


@dataclass
class CentreToday:
    """One centre on its card: open now, hours today, seats left today, the next free slot."""

    centre: CoworkingCentre
    today: DayGrid
    next_free: tuple[datetime, int] | None  # UTC start, seats free then

    @property
    def hours_today(self) -> tuple[time, time] | None:
        if self.today.closed_reason is not None:
            return None
        return self.centre.hours_on(self.today.day, self.today.opening)

    @property
    def is_open_now(self) -> bool:
        hours = self.hours_today
        if hours is None:
            return False
        return (
            from_local(self.today.day, hours[0])
            <= self.today.now
            < from_local(self.today.day, hours[1])
        )

    @property
    def seats_left_today(self) -> int:
        return self.today.seats_bookable()


def centres_today(centres: Sequence[CoworkingCentre]) -> list[CentreToday]:
    """The cards of /coworking: two queries for all centres and the days ahead."""
    today = local_today()
    grids = grids_ahead(centres, today, LOOK_AHEAD_DAYS)
    cards = []
    for centre in centres:
        days = min(LOOK_AHEAD_DAYS, centre.horizon_days + 1)
        ahead = (grids[(centre.id, today + timedelta(days=n))] for n in range(days))
        next_free = next((found for grid in ahead if (found := grid.next_free())), None)
        cards.append(CentreToday(centre, grids[(centre.id, today)], next_free))
    return cards


@dataclass
class Match:
    """One centre's answer to "find me a seat": its free seats, or why it cannot."""

    centre: CoworkingCentre
    seats: list[Seat] = field(default_factory=list)
    refusal: str | None = None


def timing_on(grid: DayGrid, start: time, duration: int) -> tuple[datetime, datetime]:
    """check_timing on the grid's centre and day, with the calendar the grid has read."""
    closed = grid.closed_reason is not None
    return check_timing(
        grid.centre, grid.day, start, duration, grid.now, closed=closed, opening=grid.opening
    )


def find_seats(
    centres: Sequence[CoworkingCentre],
    day: date,
    start: time,
    duration: int,
    grids: Mapping[tuple[int, date], DayGrid] | None = None,
) -> list[Match]:
    """Every centre's free seats for this day, start and length, the rules checked first.

    `grids`: the centres' grids of the day when already read.
    """
    grids = grids_ahead(centres, day, 1) if grids is None else grids
    matches = []
    for centre in centres:
        grid = grids[(centre.id, day)]
        try:
            begins, ends = timing_on(grid, start, duration)
        except BookingError as refusal:
            matches.append(Match(centre, refusal=str(refusal)))
            continue
        matches.append(Match(centre, seats=grid.seats_free_between(begins, ends)))
    # Centres with free seats first, the most free first; the refusals last.
    return sorted(matches, key=lambda m: (m.refusal is not None, -len(m.seats)))


@dataclass
class FormPlan:
    """What the booking form offers for one day: valid starts, lengths and each seat's state."""

    grid: DayGrid
    starts: list[str] = field(default_factory=list)  # local HH:MM with a seat free
    durations: list[int] = field(default_factory=list)  # minutes that end by closing
    start: str | None = None
    duration: int | None = None
    free_seat_ids: set[int] = field(default_factory=set)  # free for start + duration


def form_plan(grid: DayGrid, start: str | None, duration: str | None) -> FormPlan:
    """The choices of the booking form on the grid's day; `start` and `duration` as asked."""
    centre = grid.centre
    plan = FormPlan(grid)
    shortest = timedelta(minutes=centre.min_duration_minutes)
    slots = {grid.label(s): s for s in grid.bookable_starts()}
    plan.starts = [label for label, s in slots.items() if grid.seats_free_between(s, s + shortest)]
    if not plan.starts:
        return plan
    plan.start = start if start in plan.starts else plan.starts[0]
    begins = slots[plan.start]
    closes = grid.slots[-1] + grid.step
    step = centre.slot_minutes
    plan.durations = [
        minutes
        for minutes in range(centre.min_duration_minutes, centre.max_duration_minutes + 1, step)
        if begins + timedelta(minutes=minutes) <= closes
    ]
    asked = int(duration) if duration and duration.isdecimal() else None
    plan.duration = asked if asked in plan.durations else plan.durations[0]
    ends = begins + timedelta(minutes=plan.duration)
    plan.free_seat_ids = {seat.id for seat in grid.seats_free_between(begins, ends)}
    return plan


def next_free_day(
    centre: CoworkingCentre, after: date, known: Mapping[tuple[int, date], DayGrid] | None = None
) -> date | None:
    """The first day after `after`, within the booking horizon, with a bookable free slot.

    `known`: grids already read (a refusal's next days); the days past them are read in one go,
    and only if none of them has a free slot.
    """
    last = local_today() + timedelta(days=centre.horizon_days)
    days = min((last - after).days, 31)
    grids = dict(known or {})
    for offset in range(1, days + 1):
        day = after + timedelta(days=offset)
        if (centre.id, day) not in grids:
            grids.update(grids_ahead([centre], day, days - offset + 1))
        if grids[(centre.id, day)].next_free():
            return day
    return None


def first_free_day(centre: CoworkingCentre) -> date:
    """Today if a seat can still be booked today, else the next day that has one."""
    today = local_today()
    if grids_ahead([centre], today, 1)[(centre.id, today)].next_free():
        return today
    return next_free_day(centre, today) or today


@dataclass
class Alternatives:
    """What to offer after a refusal: other seats then, the next free times, other centres."""

    seats: list[Seat] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)  # UTC starts, this centre
    centres: list[Match] = field(default_factory=list)
    # The asked day's grid, read for the above: the form shown again offers its choices.
    grid: DayGrid | None = None
    # The next days' grids, when the asked day had too few times: the next free day starts there.
    later: dict[tuple[int, date], DayGrid] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.seats or self.times or self.centres)


def alternatives(
    centre: CoworkingCentre,
    others: Sequence[CoworkingCentre],
    day: date,
    start: time,
    duration: int,
    *,
    but_seat: int | None = None,
    count: int = 3,
) -> Alternatives:
    """The nearest other ways to book: the same time elsewhere, later times here."""
    found = Alternatives()
    length = timedelta(minutes=duration)
    elsewhere = [c for c in others if c.id != centre.id]
    # The asked day of every centre in one read: it usually holds the next free times here; the
    # rest of the week is read (in one more) only when it does not.
    asked_day = grids_ahead([centre, *elsewhere], day, 1)
    grid = found.grid = asked_day[(centre.id, day)]
    asked = from_local(day, start)
    try:
        timing_on(grid, start, duration)
    except BookingError:
        pass
    else:
        free = grid.seats_free_between(asked, asked + length)
        found.seats = [s for s in free if s.id != but_seat]
    found.times = _times_after(grid, asked, length, count)
    if len(found.times) < count:
        found.later = grids_ahead([centre], day + timedelta(days=1), LOOK_AHEAD_DAYS - 1)
        for _key, ahead in sorted(found.later.items()):
            found.times += _times_after(ahead, asked, length, count - len(found.times))
    matches = find_seats(elsewhere, day, start, duration, asked_day)
    found.centres = [m for m in matches if m.seats][:count]
    return found


def _times_after(grid: DayGrid, asked: datetime, length: timedelta, count: int) -> list[datetime]:
    """Up to `count` starts on the grid's day after `asked` with a seat free for `length`."""
    times: list[datetime] = []
    closes = grid.slots[-1] + grid.step if grid.slots else None
    for slot in grid.bookable_starts():
        if len(times) >= count:
            break
        fits = closes is not None and slot + length <= closes
        if slot > asked and fits and grid.seats_free_between(slot, slot + length):
            times.append(slot)
    return times
