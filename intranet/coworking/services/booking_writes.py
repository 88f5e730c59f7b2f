"""A new booking's rows in as few statements as each database allows, and the rules version.

The rows are the booking, its claims on the person's allowances and its quarter hours; the
centre's rules version is read after them (see booking.rules_unchanged). SQLite runs in the
process, where a statement costs no round trip: one INSERT per table, then a read. On
PostgreSQL each statement is a round trip to the server: one statement writes the three tables
(INSERTs in a WITH, the claims and quarter hours passed as arrays) and reads the version FOR
SHARE. Either way, a UNIQUE index that refuses a row fails the whole write and is named in the
error.
"""

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    Select,
    String,
    Table,
    bindparam,
    func,
    insert,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY

from intranet.coworking.models import Booking, BookingClaim, BookingSlot, CoworkingCentre
from intranet.models import UTCDateTime

_BOOKING = cast(Table, Booking.__table__)
_CLAIM = cast(Table, BookingClaim.__table__)
_SLOT = cast(Table, BookingSlot.__table__)
_CENTRE = cast(Table, CoworkingCentre.__table__)

# Every column of a booking but its id: what a new booking's row names.
BOOKING_COLUMNS = tuple(c.key for c in _BOOKING.c if c.key != "id")

# Built once, with bound parameters: building a statement (and its cache key) costs more than
# running it, and every booking runs these.
_INSERT_BOOKING = insert(_BOOKING).returning(_BOOKING.c.id)
_INSERT_CLAIMS = insert(_CLAIM)
_INSERT_SLOTS = insert(_SLOT)
_RULES_VERSION = (
    select(_CENTRE.c.rules_version)
    .where(_CENTRE.c.id == bindparam("centre_id"))
    .with_for_update(read=True)
)


def _folded_write() -> Select[int, int]:
    """PostgreSQL's one statement: the three INSERTs in a WITH, then the version FOR SHARE."""
    booking = (
        insert(_BOOKING)
        .values({key: bindparam(key) for key in BOOKING_COLUMNS})
        .returning(_BOOKING.c.id, _BOOKING.c.seat_id)
        .cte("new_booking")
    )
    claim = (
        func.unnest(
            bindparam("persons", type_=ARRAY(String)),
            bindparam("days", type_=ARRAY(Date)),
            bindparam("ordinals", type_=ARRAY(Integer)),
        )
        .table_valued("person", "day", "ordinal")
        .render_derived(name="claim_row")
    )
    claims = insert(_CLAIM).from_select(
        ["booking_id", "person", "day", "ordinal"],
        # One booking row beside each claim row: a join on true, not a forgotten condition.
        select(booking.c.id, claim.c.person, claim.c.day, claim.c.ordinal).select_from(
            booking.join(claim, true())
        ),
    )
    quarter = (
        func.unnest(bindparam("starts", type_=ARRAY(UTCDateTime)))
        .table_valued("slot_start")
        .render_derived(name="slot_row")
    )
    slots = insert(_SLOT).from_select(
        ["booking_id", "seat_id", "slot_start"],
        select(booking.c.id, booking.c.seat_id, quarter.c.slot_start).select_from(
            booking.join(quarter, true())
        ),
    )
    version = _RULES_VERSION.scalar_subquery()
    return select(booking.c.id, version).add_cte(claims.cte("new_claims"), slots.cte("new_slots"))


_FOLDED_WRITE = _folded_write()
# The folded INSERT names every column: those the booking leaves empty are bound as NULL (none
# of them has a default).
_EMPTY_BOOKING = dict.fromkeys(BOOKING_COLUMNS)


def write_booking(
    connection: Connection,
    row: Mapping[str, object],
    claims: Sequence[tuple[str, date, int]],
    quarters: Sequence[datetime],
) -> tuple[int, int]:
    """Insert the booking `row`, its claims (person, day, ordinal) and quarter hours.

    Returns the new booking's id and the centre's rules version read after the rows were
    written. Raises IntegrityError when a UNIQUE index refuses a row (nothing is written).
    """
    if connection.dialect.name == "postgresql":
        params = {
            **_EMPTY_BOOKING,
            **row,
            "persons": [person for person, _, _ in claims],
            "days": [day for _, day, _ in claims],
            "ordinals": [ordinal for _, _, ordinal in claims],
            "starts": list(quarters),
        }
        written = connection.execute(_FOLDED_WRITE, params).one()
        return int(written[0]), int(written[1])
    booking_id = connection.execute(_INSERT_BOOKING, row).scalar_one()
    connection.execute(
        _INSERT_CLAIMS,
        [
            {"booking_id": booking_id, "person": person, "day": day, "ordinal": ordinal}
            for person, day, ordinal in claims
        ],
    )
    connection.execute(
        _INSERT_SLOTS,
        [
            {"booking_id": booking_id, "seat_id": row["seat_id"], "slot_start": start}
            for start in quarters
        ],
    )
    version = connection.execute(_RULES_VERSION, {"centre_id": row["centre_id"]}).scalar_one()
    return booking_id, version
