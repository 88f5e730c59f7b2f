"""A new booking's rows in as few statements as each database allows, and the rules version.

The rows are the booking, its claims on the person's allowances, its quarter hours and the
email telling the visitor it was received; the centre's rules version is read with them (see
booking.rules_unchanged). SQLite runs in the process, where a statement costs no round trip:
one INSERT per table, then a read. On PostgreSQL each statement is a round trip to the
server: one statement reads the version FOR SHARE and writes the four tables only if it is
still the one the rules were checked against (INSERTs in a WITH, the claims and quarter hours
passed as JSON text), so it needs no transaction around it. Either way, a UNIQUE index that
refuses a row fails the whole write and is named in the error.
"""

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    JSON,
    Connection,
    Date,
    Integer,
    Select,
    String,
    Table,
    bindparam,
    column,
    func,
    insert,
    select,
    true,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import Dialect

from intranet.coworking.models import Booking, BookingClaim, BookingSlot, CoworkingCentre
from intranet.driver_statements import DriverStatement
from intranet.models import UTCDateTime
from intranet.notifications.models import OutboxMessage

_BOOKING = cast(Table, Booking.__table__)
_CLAIM = cast(Table, BookingClaim.__table__)
_SLOT = cast(Table, BookingSlot.__table__)
_CENTRE = cast(Table, CoworkingCentre.__table__)
_MESSAGE = cast(Table, OutboxMessage.__table__)

# Every column of a booking but its id: what a new booking's row names.
BOOKING_COLUMNS = tuple(c.key for c in _BOOKING.c if c.key != "id")

# Every column of an outbox message but its id, bound as message_<column> (those the email's
# row, emails.booking_message, leaves out are bound as NULL).
MESSAGE_COLUMNS = tuple(c.key for c in _MESSAGE.c if c.key != "id")

# Built once, with bound parameters, and run on the driver's cursor (driver_statements):
# building a statement (and its cache key) costs more than running it, and every booking runs
# these. SQLite's INSERTs name every column.
_INSERT_BOOKING = DriverStatement(insert(_BOOKING).returning(_BOOKING.c.id), BOOKING_COLUMNS)
_INSERT_CLAIMS = DriverStatement(insert(_CLAIM), ["booking_id", "person", "day", "ordinal"])
_INSERT_SLOTS = DriverStatement(insert(_SLOT), ["booking_id", "seat_id", "slot_start"])
_INSERT_MESSAGE = DriverStatement(insert(_MESSAGE), MESSAGE_COLUMNS)
_RULES_VERSION = (
    select(_CENTRE.c.rules_version)
    .where(_CENTRE.c.id == bindparam("centre_id"))
    .with_for_update(read=True)
)
_READ_RULES_VERSION = DriverStatement(_RULES_VERSION)


def _folded_write(*, with_message: bool) -> Select[int, int]:
    """PostgreSQL's one statement: the version FOR SHARE, and the INSERTs in a WITH if it holds.

    Its row: the version, and the new booking's id (NULL when the version had changed and
    nothing was written).
    """
    rules = _RULES_VERSION.cte("rules")
    booking = (
        insert(_BOOKING)
        .from_select(
            list(BOOKING_COLUMNS),
            select(*(bindparam(key, type_=_BOOKING.c[key].type) for key in BOOKING_COLUMNS))
            .select_from(rules)
            .where(rules.c.rules_version == bindparam("seen_version")),
        )
        .returning(_BOOKING.c.id, _BOOKING.c.seat_id)
        .cte("new_booking")
    )
    # The claims and quarter hours come as JSON text: psycopg dumps a list to an array in
    # Python, element by element, which cost a booking more than the whole JSON round.
    claim = (
        func.json_to_recordset(sql_cast(bindparam("claims", type_=String()), JSON))
        .table_valued(
            column("person", String()), column("day", Date()), column("ordinal", Integer())
        )
        .render_derived(name="claim_row", with_types=True)
    )
    claims = insert(_CLAIM).from_select(
        ["booking_id", "person", "day", "ordinal"],
        # One booking row beside each claim row: a join on true, not a forgotten condition.
        select(booking.c.id, claim.c.person, claim.c.day, claim.c.ordinal).select_from(
            booking.join(claim, true())
        ),
    )
    quarter = (
        func.json_array_elements_text(sql_cast(bindparam("starts", type_=String()), JSON))
        .table_valued("value")
        .render_derived(name="slot_row")
    )
    slots = insert(_SLOT).from_select(
        ["booking_id", "seat_id", "slot_start"],
        select(booking.c.id, booking.c.seat_id, sql_cast(quarter.c.value, UTCDateTime)).select_from(
            booking.join(quarter, true())
        ),
    )
    writes = [claims.cte("new_claims"), slots.cte("new_slots")]
    if with_message:
        values = [
            bindparam(f"message_{key}", type_=_MESSAGE.c[key].type)
            for key in MESSAGE_COLUMNS
            if key != "about"
        ]
        # "booking:" and the new booking's id: what the worker writes the body from.
        about = bindparam("message_about", type_=String()) + sql_cast(booking.c.id, String)
        message = insert(_MESSAGE).from_select(
            [key for key in MESSAGE_COLUMNS if key != "about"] + ["about"],
            select(*values, about).select_from(booking),
        )
        writes.append(message.cte("new_message"))
    new_id = select(booking.c.id).scalar_subquery()
    return select(rules.c.rules_version, new_id).add_cte(*writes)


_FOLDED_WRITE = {
    True: DriverStatement(_folded_write(with_message=True)),
    False: DriverStatement(_folded_write(with_message=False)),
}
# Every INSERT names every column: those the booking or its email leaves empty are bound as
# NULL (none of them has a default).
_EMPTY_BOOKING = dict.fromkeys(BOOKING_COLUMNS)
_EMPTY_MESSAGE = dict.fromkeys(MESSAGE_COLUMNS)
_UTC = UTCDateTime()


def _claims_json(claims: Sequence[tuple[str, date, int]]) -> str:
    """The claims as json_to_recordset reads them."""
    return json.dumps(
        [{"person": person, "day": day.isoformat(), "ordinal": n} for person, day, n in claims]
    )


def _starts_json(quarters: Sequence[datetime], dialect: Dialect) -> str:
    """The quarter hours' starts in UTC with their offset (a naive one is refused, as ever)."""
    moments = [_UTC.process_bind_param(start, dialect) for start in quarters]
    return json.dumps([moment.isoformat() for moment in moments if moment is not None])


def write_booking(
    connection: Connection,
    row: Mapping[str, object],
    claims: Sequence[tuple[str, date, int]],
    quarters: Sequence[datetime],
    *,
    seen_version: int,
    message: Mapping[str, object] | None,
) -> tuple[int | None, int]:
    """Insert the booking `row`, its claims (person, day, ordinal), quarter hours and email.

    `message` is the email's outbox row (emails.booking_message), its `about` completed with
    the new booking's id. Returns the new booking's id and the centre's rules version read
    with the rows. When that version is not `seen_version`, PostgreSQL wrote nothing (the id
    is None) and SQLite wrote the rows, which the caller rolls back. Raises IntegrityError
    when a UNIQUE index refuses a row (nothing is written).
    """
    if connection.dialect.name == "postgresql":
        params = {
            **_EMPTY_BOOKING,
            **row,
            "seen_version": seen_version,
            "claims": _claims_json(claims),
            "starts": _starts_json(quarters, connection.dialect),
        }
        if message is not None:
            params.update({f"message_{key}": message.get(key) for key in MESSAGE_COLUMNS})
        ((version, booking_id),) = _FOLDED_WRITE[message is not None].rows(connection, params)
        return booking_id, int(version)
    booking_id = _INSERT_BOOKING.scalar(connection, {**_EMPTY_BOOKING, **row})
    _INSERT_CLAIMS.execute_many(
        connection,
        [
            {"booking_id": booking_id, "person": person, "day": day, "ordinal": ordinal}
            for person, day, ordinal in claims
        ],
    )
    _INSERT_SLOTS.execute_many(
        connection,
        [
            {"booking_id": booking_id, "seat_id": row["seat_id"], "slot_start": start}
            for start in quarters
        ],
    )
    if message is not None:
        about = f"{message['about']}{booking_id}"
        _INSERT_MESSAGE.execute_many(connection, [{**_EMPTY_MESSAGE, **message, "about": about}])
    version = _READ_RULES_VERSION.scalar(connection, {"centre_id": row["centre_id"]})
    return booking_id, version
