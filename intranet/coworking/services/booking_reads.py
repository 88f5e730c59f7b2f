"""What the booking rules read: each question on its own, and all of them in one statement.

The day's closures and moved working days, the person's recent bookings, the seats busy at the
time and the person's claims on their allowances: asked one by one they cost a booking four
round trips more on PostgreSQL (and four statements more anywhere). The booking POST asks them
as one UNION ALL (FOLDED), each row tagged with its question and its values in typed columns
(NULL where a question has none); the rules take the answers as each of their own reads would
have returned them (booking.check_timing, check_person, free_seats, day_claims).

Built once, with bound parameters: building a statement (and its cache key) costs more than
running it, and every booking runs these.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    Table,
    Time,
    and_,
    bindparam,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.types import TypeEngine

from intranet.coworking.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingClaim,
    BookingSlot,
    BookingStatus,
    Seat,
)
from intranet.libraries.models import ClosedDay, WorkingDay
from intranet.libraries.services import Calendar, DayRule
from intranet.models import UTCDateTime

_BOOKING = cast(Table, Booking.__table__).c
_SLOT = cast(Table, BookingSlot.__table__).c
_SEAT_TABLE = cast(Table, Seat.__table__)
_CLAIM = cast(Table, BookingClaim.__table__).c
_CLOSED = cast(Table, ClosedDay.__table__)
_OPENED = cast(Table, WorkingDay.__table__)

# The active statuses as constants in the statement's text: an IN of a Python list would be
# an expanding parameter, and the whole statement's text rewritten on every run (a millisecond).
_ACTIVE = [literal_column(f"'{status.value}'", String()) for status in ACTIVE_STATUSES]
# The person's no-shows since :since and active bookings in [:lo, :hi), by phone or email.
# The status is read as an expression (status || ''): SQLite's planner, which has no
# statistics, would otherwise search the (status, start) index for the whole city's week of
# bookings and filter them by person, instead of the phone and email indexes (PostgreSQL
# picks those).
_STATUS_UNINDEXED = _BOOKING.status.concat("")
_PERSON_WHERE = and_(
    or_(_BOOKING.phone == bindparam("phone"), _BOOKING.email == bindparam("email")),
    or_(
        and_(_STATUS_UNINDEXED == BookingStatus.NO_SHOW, _BOOKING.start_dt >= bindparam("since")),
        and_(
            _STATUS_UNINDEXED.in_(_ACTIVE),
            _BOOKING.start_dt >= bindparam("lo"),
            _BOOKING.start_dt < bindparam("hi"),
        ),
    ),
)
# The centre's seats with a quarter hour held in [:start, :end).
_BUSY_FROM = _SEAT_TABLE.join(cast(Table, BookingSlot.__table__), _SEAT_TABLE.c.id == _SLOT.seat_id)
_BUSY_WHERE = and_(
    _SEAT_TABLE.c.centre_id == bindparam("centre_id"),
    _SLOT.slot_start >= bindparam("start"),
    _SLOT.slot_start < bindparam("end"),
)
# The claims of four keys (:person0-3: phone and email, for the day and for the week) on the
# day and its Monday (:claim_day, :claim_monday). Fixed lists: an expanding IN would have the
# statement's text rewritten on every run.
CLAIM_KEYS = 4
_CLAIMS_WHERE = and_(
    _CLAIM.person.in_([bindparam(f"person{n}") for n in range(CLAIM_KEYS)]),
    _CLAIM.day.in_([bindparam("claim_day"), bindparam("claim_monday")]),
)

PERSON_RECENT = select(_BOOKING.start_dt, _BOOKING.status).where(_PERSON_WHERE)
BUSY_SEATS = select(_SLOT.seat_id).select_from(_BUSY_FROM).where(_BUSY_WHERE)
CLAIMS_USED = select(_CLAIM.person, _CLAIM.day, _CLAIM.ordinal).where(_CLAIMS_WHERE)

# Each row of FOLDED: its question, then the typed columns all questions share.
_SHARED: dict[str, TypeEngine[Any]] = {
    "number": Integer(),
    "text": String(),
    "at": UTCDateTime(),
    "day": Date(),
    "opens": Time(),
    "closes": Time(),
}


def _answer(question: str, **values: ColumnElement[Any]) -> list[ColumnElement[Any]]:
    """The select list of one question: its tag, its values, typed NULLs for the rest."""
    columns: list[ColumnElement[Any]] = [literal_column(f"'{question}'").label("question")]
    for name, type_ in _SHARED.items():
        value = values.get(name)
        columns.append((sql_cast(null(), type_) if value is None else value).label(name))
    return columns


def _on_the_day(table: Table) -> ColumnElement[bool]:
    """The library's own entry and the city-wide one (no library) on :day."""
    return and_(
        table.c.day == bindparam("day"),
        or_(table.c.library_id.is_(None), table.c.library_id == bindparam("library_id")),
    )


FOLDED = union_all(
    select(*_answer("closed", number=_CLOSED.c.library_id, day=_CLOSED.c.day)).where(
        _on_the_day(_CLOSED)
    ),
    select(
        *_answer(
            "opened",
            number=_OPENED.c.library_id,
            text=_OPENED.c.works_as,
            day=_OPENED.c.day,
            opens=_OPENED.c.opens,
            closes=_OPENED.c.closes,
        )
    ).where(_on_the_day(_OPENED)),
    select(*_answer("person", text=_BOOKING.status, at=_BOOKING.start_dt)).where(_PERSON_WHERE),
    select(*_answer("busy", number=_SLOT.seat_id)).select_from(_BUSY_FROM).where(_BUSY_WHERE),
    select(*_answer("claim", number=_CLAIM.ordinal, text=_CLAIM.person, day=_CLAIM.day)).where(
        _CLAIMS_WHERE
    ),
)


@dataclass
class BookingFacts:
    """The answers, as each rule's own read would have returned them."""

    rule: DayRule = field(default_factory=DayRule)
    recent: list[tuple[datetime, str]] = field(default_factory=list)
    busy: set[int] = field(default_factory=set)
    used: list[tuple[str, date, int]] = field(default_factory=list)


def sort_answers(rows: Iterable[Sequence[Any]], library_id: int, day: date) -> BookingFacts:
    """FOLDED's rows sorted by question; the day's rule for the library.

    The closures and openings are objects outside any session with only what the rules read
    (library, day, an opening's hours): never store them.
    """
    calendar = Calendar()
    facts = BookingFacts()
    for row in rows:
        question, number, text, at, on, opens, closes = tuple(row)
        if question == "closed":
            calendar.closed[(number, on)] = ClosedDay(library_id=number, day=on)
        elif question == "opened":
            calendar.opened[(number, on)] = WorkingDay(
                library_id=number, day=on, works_as=text, opens=opens, closes=closes
            )
        elif question == "person":
            facts.recent.append((at, text))
        elif question == "busy":
            facts.busy.add(number)
        else:
            facts.used.append((text, on, number))
    facts.rule = calendar.on(library_id, day)
    return facts
