"""The one seed of the speed benches: 20,000 events over two years, 1,000 of them in MONTH.

bench/public_speed.py and bench/events_bench.py both use it, so their figures describe the
same data: reference data (21 libraries, 5 centres with seats, event types), then the events
with one bulk INSERT, and optionally a central staff account for the staff pages.
"""

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

MONTH = "2027-04"
SLUG = "cowork-central"
EVENTS = 20_000
DENSE = 1_000
STAFF_EMAIL, STAFF_PASSWORD = "bench@demo.kz", "bench-password"
# Published (approved, held) and not (pending, draft) events, as a real calendar has both.
STATUSES = ("approved", "approved", "held", "pending", "draft")


def event_rows(libraries: list[int], types: list[int]) -> list[dict]:
    """The events as rows for one INSERT; the first is approved (the bench's event page)."""
    rng = random.Random(3)
    start = datetime(2026, 1, 1, 4, tzinfo=UTC)
    dense = datetime.fromisoformat(f"{MONTH}-01T04:00:00+00:00")
    rows = []
    for i in range(EVENTS):
        if i < DENSE:
            begin = dense + timedelta(days=rng.randrange(30), hours=rng.randrange(9))
        else:
            begin = start + timedelta(days=rng.randrange(730), hours=rng.randrange(9))
            if begin.strftime("%Y-%m") == MONTH:
                begin += timedelta(days=40)  # keep MONTH at exactly DENSE events
        rows.append(
            {
                "uid": f"bench{i:05d}",
                "type_id": rng.choice(types),
                "library_id": rng.choice(libraries),
                "room": "Оқу залы",
                "start_dt": begin,
                "end_dt": begin + timedelta(hours=2),
                "title_kk": f"Әдеби кеш № {i}",
                "title_ru": f"Литературный вечер № {i}",
                "description_kk": "Сипаттама " * 20,
                "description_ru": "Описание " * 20,
                "audience": "everyone",
                "language": "kk",
                "status": "approved" if i == 0 else rng.choice(STATUSES),
                "was_published": True,
                "sequence": 1,
                "created_dt": start,
                "updated_dt": start,
            }
        )
    return rows


def seed(database_url: str, env: dict, *, staff: bool = False) -> dict:
    """Empty the database and seed it; the facts the benches need (an event, open days)."""
    from sqlalchemy import insert, select

    from intranet.cli import seed_reference_data
    from intranet.events.models import Event, EventType
    from intranet.extensions import db
    from intranet.libraries.models import Library
    from tests.coworking.conftest import open_days

    Path(env["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    if env.get("CACHE_URL"):
        import redis

        redis.Redis.from_url(env["CACHE_URL"]).flushdb()  # the bench's own Redis database
    app = _app(database_url, env, PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_reference_data()  # event types included
        if staff:
            from intranet.auth.services import NewAccountData, create_user

            account = NewAccountData(
                email=STAFF_EMAIL, password=STAFF_PASSWORD, role="central_staff"
            )
            create_user(account, actor=None)
        db.session.commit()
        libraries = list(db.session.scalars(select(Library.id)))
        types = list(db.session.scalars(select(EventType.id)))
        db.session.execute(insert(Event), event_rows(libraries, types))
        db.session.commit()
        event = db.session.scalar(select(Event.id).where(Event.uid == "bench00000"))
        library = db.session.scalar(select(Library.slug).order_by(Library.position))
        days = [day.isoformat() for day in open_days(10, SLUG)]
        centres = booking_targets()
    return {"event": event, "library": library, "days": days, "centres": centres}


def booking_targets() -> list[dict]:
    """Each centre's next 10 open days, with the hours a 60-minute booking can start at.

    The booking POSTs are spread over every centre, by its seats, and start within each day's
    hours (a Saturday opens at 10:00): a booking line that measures bookings, not refusals.
    """
    from intranet.coworking.queries import public_centres
    from tests.coworking.conftest import open_days

    targets = []
    for centre in public_centres():
        slots = []
        for day in open_days(10, centre.slug):
            opens, closes = centre.hours_on(day)
            first = opens.hour + (1 if opens.minute else 0)  # on the hour, as wrk sends them
            slots.append((day.isoformat(), first, closes.hour - 1))
        targets.append({"slug": centre.slug, "seats": len(centre.active_seats), "slots": slots})
    return targets


def app_env(workdir: Path, database_url: str, redis_url: str | None) -> dict[str, str]:
    """The settings the benches give the app: their database, Redis if any, no mail, no limit."""
    env = {
        "INSTANCE_PATH": str(workdir / "instance"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-key-" + "x" * 32,
        "TRUSTED_HOSTS": "",
        "MAIL_SERVER": "",
        "COWORKING_BOOK_LIMIT": "1000000 per minute",
        "RATELIMIT_STORAGE_URI": redis_url or "local://",
    }
    if redis_url:
        env["CACHE_URL"] = redis_url
    return env


def _app(database_url: str, env: dict, **settings):
    """The app on the bench's database, in this process (seeding, emptying, filling)."""
    from intranet import create_app

    base = {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": env["SECRET_KEY"]}
    return create_app({**base, **settings})


def empty_bookings(database_url: str, env: dict) -> None:
    """No bookings, no mail waiting: the next booking POSTs find the open days empty."""
    from sqlalchemy import delete

    from intranet.coworking.models import Booking, BookingClaim, BookingSlot
    from intranet.extensions import db
    from intranet.notifications.models import OutboxMessage

    with _app(database_url, env).app_context():
        for model in (BookingSlot, BookingClaim, Booking, OutboxMessage):
            db.session.execute(delete(model))
        db.session.commit()


def fill_days(database_url: str, env: dict, days: list[str]) -> int:
    """Book every seat of SLUG for every hour of `days` (a rush): the next POSTs are refused.

    The bookings of the booking POSTs are removed first: their hours would be taken.
    """
    from datetime import date, time

    from sqlalchemy import select

    from intranet.coworking import services
    from intranet.coworking.models import CoworkingCentre
    from intranet.coworking.services import BookingRequest
    from intranet.extensions import db

    empty_bookings(database_url, env)
    made = 0
    with _app(database_url, env).app_context():
        centre = db.session.scalar(select(CoworkingCentre).where(CoworkingCentre.slug == SLUG))
        for day in map(date.fromisoformat, days):
            opens, closes = centre.hours_on(day)
            for seat in centre.active_seats:
                for hour in range(opens.hour, closes.hour):
                    made += 1
                    wanted = BookingRequest(
                        day=day,
                        start=time(hour),
                        duration=60,
                        seat_id=seat.id,
                        full_name="Bench Rush",
                        phone=f"+7701{made:07d}",
                        email=f"rush{made}@example.kz",
                        institution="Bench",
                        consent=True,
                    )
                    services.create_booking(centre, wanted)
            db.session.commit()
    return made


def analyze_as_in_service(database_url: str, env: dict, days: list[str]) -> None:
    """PostgreSQL: the planner's statistics of booking tables that hold bookings, then emptied.

    A database in service has bookings, and autovacuum analyzes its tables as they grow; this
    machine's PostgreSQL runs without autovacuum, and a table never analyzed is planned as
    nearly empty: each connection's prepared booking statements then keep, for the whole run,
    the plan made for an empty table (a sequential scan of the claims and the bookings, longer
    with every booking). Filling the days once, analyzing, and emptying them again gives the
    planner what a library's database would show it. SQLite plans without statistics.
    """
    if not database_url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine

    fill_days(database_url, env, days)
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    empty_bookings(database_url, env)
