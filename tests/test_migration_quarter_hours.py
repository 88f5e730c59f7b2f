"""The quarter-hour revision converts the seat-slots of existing bookings, both ways, on
SQLite and PostgreSQL: the data migration, not only the schema."""

import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from intranet.extensions import db
from tests.conftest import make_app

BEFORE = "87b0c9ef24b0"
DAY = datetime(2030, 3, 4, tzinfo=UTC)  # a Monday; 05:00 UTC is 10:00 in Kyzylorda
HOUR = timedelta(hours=1)

library = sa.table(
    "library",
    *(sa.column(n) for n in ("id", "slug", "kind", "is_model_library", "name_kk", "name_ru")),
    sa.column("position"),
)
centre = sa.table(
    "coworking_centre",
    *(sa.column(n) for n in ("id", "slug", "library_id", "slot_minutes")),
    sa.column("opening_hours", sa.JSON),
)
seat = sa.table(
    "seat",
    *(sa.column(n) for n in ("id", "centre_id", "label", "has_power", "has_computer")),
    *(sa.column(n) for n in ("is_quiet_zone", "is_group_table", "is_active")),
)
booking = sa.table(
    "booking",
    *(sa.column(n) for n in ("id", "token", "code", "centre_id", "seat_id", "status")),
    *(sa.column(n, sa.DateTime(timezone=True)) for n in ("start_dt", "end_dt")),
    *(sa.column(n) for n in ("full_name", "phone", "email", "institution", "language")),
    sa.column("consent_version"),
    *(sa.column(n, sa.DateTime(timezone=True)) for n in ("consent_dt", "created_dt")),
    sa.column("is_demo"),
)
slot = sa.table(
    "booking_slot",
    sa.column("booking_id"),
    sa.column("seat_id"),
    sa.column("slot_start", sa.DateTime(timezone=True)),
)


def add_library(connection) -> None:
    """Library 1, the central one, which the revision tests' centres and accounts belong to."""
    connection.execute(
        library.insert().values(
            id=1,
            slug="central",
            kind="central",
            is_model_library=False,
            name_kk="Орталық",
            name_ru="Центральная",
            position=1,
        )
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """An empty database of each kind (PostgreSQL only when TEST_DATABASE_URL is set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'quarters.sqlite3'}"
        return
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("TEST_DATABASE_URL not set")
    import psycopg

    base = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"intranet_quarters_{uuid.uuid4().hex[:8]}"
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _booking(n: int, start: datetime, end: datetime, status: str = "confirmed") -> dict:
    return {
        "id": n,
        "token": f"token-{n}",
        "code": f"CODE{n:04d}",
        "centre_id": 1,
        "seat_id": 1,
        "status": status,
        "start_dt": start,
        "end_dt": end,
        "full_name": "Visitor",
        "phone": f"+7701000{n:04d}",
        "email": f"v{n}@example.kz",
        "institution": "",
        "language": "kk",
        "consent_version": "2026-11",
        "consent_dt": DAY,
        "created_dt": DAY + timedelta(minutes=n),
        "is_demo": False,
    }


def _slots(connection) -> dict[int, list[datetime]]:
    rows = connection.execute(sa.select(slot.c.booking_id, slot.c.slot_start)).all()
    held: dict[int, list[datetime]] = {}
    for booking_id, moment in rows:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
        held.setdefault(booking_id, []).append(moment.astimezone(UTC))
    return {key: sorted(value) for key, value in held.items()}


def test_seat_slots_become_quarter_hours_and_back(empty_url, tmp_path):
    app = make_app(empty_url, tmp_path / "instance")
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            add_library(connection)
            hours = {"mon": ["09:10", "17:50"], "tue": ["09:00", "18:00"], "sun": None}
            connection.execute(
                centre.insert().values(
                    id=1, slug="c", library_id=1, slot_minutes=60, opening_hours=hours
                )
            )
            connection.execute(
                seat.insert().values(
                    id=1,
                    centre_id=1,
                    label="1",
                    has_power=False,
                    has_computer=False,
                    is_quiet_zone=False,
                    is_group_table=False,
                    is_active=True,
                )
            )
            ten = DAY + timedelta(hours=5)
            connection.execute(
                booking.insert(),
                [
                    _booking(1, ten, ten + 2 * HOUR),  # 10:00-12:00 under 60-minute slots
                    # 11:30-12:30, booked after a change to 30 minutes: the overlap of the bug
                    _booking(2, ten + 1.5 * HOUR, ten + 2.5 * HOUR),
                    _booking(3, ten + 3 * HOUR, ten + 4 * HOUR, status="cancelled"),
                ],
            )
            connection.execute(
                slot.insert(),
                [
                    {"booking_id": 1, "seat_id": 1, "slot_start": ten},
                    {"booking_id": 1, "seat_id": 1, "slot_start": ten + HOUR},
                    {"booking_id": 2, "seat_id": 1, "slot_start": ten + 1.5 * HOUR},
                    {"booking_id": 2, "seat_id": 1, "slot_start": ten + 2 * HOUR},
                ],
            )

        upgrade()
        quarter = timedelta(minutes=15)
        with db.engine.begin() as connection:
            held = _slots(connection)
            saved_hours = connection.execute(sa.select(centre.c.opening_hours)).scalar_one()
        assert held[1] == [ten + quarter * i for i in range(8)]
        # The older booking keeps the quarters both claimed; the later one keeps the rest.
        assert held[2] == [ten + 2 * HOUR, ten + 2 * HOUR + quarter]
        assert 3 not in held
        assert saved_hours["mon"] == ["09:15", "17:45"]
        assert saved_hours["tue"] == ["09:00", "18:00"]
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(
                slot.insert().values(
                    booking_id=1, seat_id=1, slot_start=ten + 5 * HOUR + timedelta(minutes=5)
                )
            )

        downgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            held = _slots(connection)
        assert held[1] == [ten, ten + HOUR]
        assert held[2] == [ten + 1.5 * HOUR]
        db.session.remove()
        db.engine.dispose()
