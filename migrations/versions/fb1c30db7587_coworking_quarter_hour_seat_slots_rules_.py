"""coworking: quarter-hour seat-slots, rules version, cancel reason

The seat-slot guard rows (booking_slot) were one row per slot of the centre's slot length at the
time of booking, so after a change of slot length or opening time two bookings could overlap
without colliding. From here on every row is a quarter hour: each active booking holds every
quarter hour its span touches. Opening hours are moved onto quarter hours (inwards).

Revision ID: fb1c30db7587
Revises: 87b0c9ef24b0
Create Date: 2026-11-30 12:44:51.043073

"""
import json
import logging
from datetime import UTC, datetime, time, timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fb1c30db7587'
down_revision = '87b0c9ef24b0'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
QUARTER = timedelta(minutes=15)
QUARTER_CHECK = {
    "sqlite": "CAST(strftime('%M', slot_start) AS INTEGER) % 15 = 0 "
    "AND strftime('%f', slot_start) = '00.000'",
    "postgresql": "mod(CAST(EXTRACT(EPOCH FROM slot_start) AS NUMERIC), 900) = 0",
}

booking = sa.table(
    "booking",
    sa.column("id", sa.Integer),
    sa.column("centre_id", sa.Integer),
    sa.column("seat_id", sa.Integer),
    sa.column("start_dt", sa.DateTime(timezone=True)),
    sa.column("end_dt", sa.DateTime(timezone=True)),
    sa.column("created_dt", sa.DateTime(timezone=True)),
)
booking_slot = sa.table(
    "booking_slot",
    sa.column("booking_id", sa.Integer),
    sa.column("seat_id", sa.Integer),
    sa.column("slot_start", sa.DateTime(timezone=True)),
)
centre = sa.table(
    "coworking_centre",
    sa.column("id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("opening_hours", sa.JSON),
    sa.column("slot_minutes", sa.Integer),
)


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive UTC; PostgreSQL an aware datetime.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _holding_bookings(bind) -> list:
    """Bookings that hold seat-slots now (the active ones), oldest first."""
    holders = sa.select(booking_slot.c.booking_id).distinct()
    return bind.execute(
        sa.select(
            booking.c.id, booking.c.centre_id, booking.c.seat_id, booking.c.start_dt,
            booking.c.end_dt,
        )
        .where(booking.c.id.in_(holders))
        .order_by(booking.c.created_dt, booking.c.id)
    ).all()


def _rewrite_slots(bind, starts_of) -> None:
    """Replace every seat-slot row by the rows starts_of(booking) gives, first come first kept."""
    bookings = _holding_bookings(bind)
    bind.execute(booking_slot.delete())
    held: dict[tuple[int, datetime], int] = {}
    rows = []
    for row in bookings:
        for moment in starts_of(row):
            key = (row.seat_id, moment)
            if key in held:
                # Two active bookings already overlapping (the bug this revision closes): the
                # older keeps the quarter; staff must settle the pair.
                log.warning(
                    "bookings %s and %s overlap on seat %s at %s", held[key], row.id,
                    row.seat_id, moment.isoformat(),
                )
                continue
            held[key] = row.id
            rows.append({"booking_id": row.id, "seat_id": row.seat_id, "slot_start": moment})
    if rows:
        op.bulk_insert(booking_slot, rows)


def _quarters(row) -> list[datetime]:
    start, end = _utc(row.start_dt), _utc(row.end_dt)
    moment = start.replace(second=0, microsecond=0) - timedelta(minutes=start.minute % 15)
    moments = []
    while moment < end:
        moments.append(moment)
        moment += QUARTER
    return moments


def _round_hours(bind) -> None:
    """Opening and closing times on quarter hours: opening rounded up, closing down."""
    for row in bind.execute(sa.select(centre.c.id, centre.c.slug, centre.c.opening_hours)).all():
        hours = row.opening_hours
        if isinstance(hours, str):
            hours = json.loads(hours)
        changed = dict(hours or {})
        for day, pair in (hours or {}).items():
            if not pair:
                continue
            opens, closes = (time.fromisoformat(value) for value in pair)
            up = (opens.hour * 60 + opens.minute + 14) // 15 * 15
            down = (closes.hour * 60 + closes.minute) // 15 * 15
            new = [f"{up // 60:02d}:{up % 60:02d}", f"{down // 60:02d}:{down % 60:02d}"]
            if new != pair:
                changed[day] = new if up < down else None
                log.warning("centre %s: %s hours %s moved to %s", row.slug, day, pair, new)
        if changed != (hours or {}):
            bind.execute(
                centre.update().where(centre.c.id == row.id).values(opening_hours=changed)
            )


# Only ADD/DROP COLUMN on booking and coworking_centre, never a batch copy: on SQLite a copy
# drops the old table, and with foreign keys on that DROP cascades to seats, slots and claims.
# booking_slot is copied (for its CHECK), which is safe: no table refers to it.


def upgrade():
    op.add_column('booking', sa.Column('cancel_reason', sa.String(length=500), nullable=True))
    op.add_column(
        'coworking_centre',
        sa.Column('rules_version', sa.Integer(), server_default='0', nullable=False),
    )

    bind = op.get_bind()
    _round_hours(bind)
    _rewrite_slots(bind, _quarters)
    with op.batch_alter_table('booking_slot', schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f('ck_booking_slot_slot_on_quarter_hour'), QUARTER_CHECK[bind.dialect.name]
        )


def downgrade():
    bind = op.get_bind()
    with op.batch_alter_table('booking_slot', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_booking_slot_slot_on_quarter_hour'), type_='check')
    slot_minutes = dict(bind.execute(sa.select(centre.c.id, centre.c.slot_minutes)).all())

    def slots(row) -> list[datetime]:
        # One row per slot of the centre's slot length from the booking's start, as before.
        start, end = _utc(row.start_dt), _utc(row.end_dt)
        step = timedelta(minutes=slot_minutes[row.centre_id])
        return [start + step * i for i in range(-(-(end - start) // step))]

    _rewrite_slots(bind, slots)
    op.drop_column('coworking_centre', 'rules_version')
    op.drop_column('booking', 'cancel_reason')
