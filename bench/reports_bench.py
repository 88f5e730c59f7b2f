"""Reports benchmark: the city-wide yearly report over 20,000 events and 50,000 bookings.

    .venv/bin/python bench/reports_bench.py

A fresh SQLite file gets the reference data, 20,000 events (with attendance for the held ones)
and 50,000 one-hour bookings in 2025, plus 5,000 events and 10,000 bookings in 2024 for the
year-earlier figures. Prints: the time to build the report and the number of SQL queries it
ran (a before_cursor_execute listener), then the full page (GET /staff/reports/ for the whole
system and the year) and the XLSX export through the test client, beside a bare Flask
hello-world served the same way, as ratios. Target: the report builds in <= 2 s.
"""

import random
import statistics
import sys
import tempfile
import time as clock
from datetime import date, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from sqlalchemy import event as sa_event  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from intranet import create_app  # noqa: E402
from intranet.auth.services import NewAccountData, create_user  # noqa: E402
from intranet.cli import seed_reference_data  # noqa: E402
from intranet.clock import from_local  # noqa: E402
from intranet.coworking.models import (  # noqa: E402
    Booking,
    BookingSlot,
    CoworkingCentre,
    Seat,
    granule_starts,
)
from intranet.events.models import (  # noqa: E402
    AUDIENCES,
    Attendance,
    Campaign,
    Event,
    EventType,
)
from intranet.events.seed import seed_event_types  # noqa: E402
from intranet.extensions import db  # noqa: E402
from intranet.libraries.models import Library  # noqa: E402
from intranet.reports.queries import Period, build_report  # noqa: E402

YEAR = 2025
STATUSES = ["held"] * 6 + ["approved", "cancelled", "pending", "draft"]
PARTNERS = ["", "", "Akimat", "Korkyt Ata University", "Akimat, Youth centre", "School 12"]
INSTITUTIONS = ["", "Korkyt Ata University", "Polytechnic college", "School 12", "Freelance"]


def fill(year: int, events: int, bookings: int, first_id: int, rng: random.Random) -> None:
    libraries = list(db.session.scalars(select(Library.id)))
    types = list(db.session.scalars(select(EventType.id)))
    campaign = db.session.scalar(select(Campaign.id))
    rows, attendance = [], []
    for n in range(events):
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        start = from_local(day, time(rng.randrange(9, 19)))
        status = rng.choice(STATUSES)
        event_id = first_id + n
        rows.append(
            {
                "id": event_id,
                "uid": f"bench-{event_id}",
                "type_id": rng.choice(types),
                "library_id": rng.choice(libraries),
                "start_dt": start,
                "end_dt": start + timedelta(hours=2),
                "title_kk": "Кеш",
                "audience": rng.choice(AUDIENCES),
                "partners": rng.choice(PARTNERS),
                "campaign_id": campaign if rng.random() < 0.2 else None,
                "status": status,
                "cancel_reason": "—" if status == "cancelled" else None,
            }
        )
        if status == "held":
            total = rng.randrange(5, 80)
            attendance.append(
                {"event_id": event_id, "total": total, "children": total // 4, "youth": total // 3}
            )
    db.session.execute(insert(Event), rows)
    db.session.execute(insert(Attendance), attendance)

    candidates = []
    for centre in db.session.scalars(select(CoworkingCentre)):
        seats = list(db.session.scalars(select(Seat.id).where(Seat.centre_id == centre.id)))
        day = date(year, 1, 1)
        while day.year == year:
            hours = centre.hours_on(day)
            if hours:
                for hour in range(hours[0].hour, hours[1].hour):
                    candidates += [(centre.id, seat, day, hour) for seat in seats]
            day += timedelta(days=1)
    rng.shuffle(candidates)
    booking_rows, slot_rows = [], []
    for n, (centre_id, seat_id, day, hour) in enumerate(candidates[:bookings]):
        booking_id = first_id + n
        start = from_local(day, time(hour))
        status = rng.choice(["checked_in"] * 5 + ["confirmed", "no_show", "cancelled"])
        booking_rows.append(
            {
                "id": booking_id,
                "token": f"bench-token-{booking_id}",
                "code": f"B{booking_id:07d}",
                "centre_id": centre_id,
                "seat_id": seat_id,
                "status": status,
                "start_dt": start,
                "end_dt": start + timedelta(hours=1),
                "anonymized_dt": start,
                "institution": rng.choice(INSTITUTIONS),
                "consent_version": "2025-01",
            }
        )
        if status in ("checked_in", "confirmed"):
            slot_rows += [
                {"booking_id": booking_id, "seat_id": seat_id, "slot_start": moment}
                for moment in granule_starts(start, start + timedelta(hours=1))
            ]
    db.session.execute(insert(Booking), booking_rows)
    db.session.execute(insert(BookingSlot), slot_rows)
    db.session.commit()


def timed(call, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = clock.perf_counter()
        call()
        times.append(clock.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "MAIL_SERVER": ""})
    rng = random.Random(5)
    with app.app_context():
        db.create_all()
        seed_reference_data()
        seed_event_types()
        db.session.add(
            Campaign(
                slug="one-country-one-book",
                name_kk="Бір ел – бір кітап",
                name_ru="Одна страна – одна книга",
                start_date=date(YEAR - 1, 1, 1),
                end_date=date(YEAR, 12, 31),
                target_per_library=12,
            )
        )
        db.session.commit()
        started = clock.perf_counter()
        fill(YEAR, 20_000, 50_000, 1, rng)
        fill(YEAR - 1, 5_000, 10_000, 100_000, rng)
        print(f"data: 25,000 events and 60,000 bookings in {clock.perf_counter() - started:.1f} s")
        user = create_user(
            NewAccountData(email="bench@test.kz", password="long enough pw", role="central_staff"),
            actor=None,
        )
        db.session.commit()
        token = user.session_token

    queries = []
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        listener = lambda *args: queries.append(1)  # noqa: E731
        sa_event.listen(db.engine, "before_cursor_execute", listener)
        report_s = timed(lambda: build_report(Period("year", YEAR), None, date(2026, 1, 15)), 1)
        sa_event.remove(db.engine, "before_cursor_execute", listener)
        build_s = timed(lambda: build_report(Period("year", YEAR), None, date(2026, 1, 15)), 3)
    print(
        f"city-wide yearly report built in {report_s:.2f} s (first run), median of 3: "
        f"{build_s:.2f} s, {len(queries)} SQL queries; target <= 2 s: "
        f"{'OK' if max(report_s, build_s) <= 2 else 'TOO SLOW'}"
    )

    client = app.test_client()
    client.get("/?lang=en")
    with client.session_transaction() as session:
        session["_user_id"] = token
    url = f"/staff/reports/?library=all&period=year&year={YEAR}"
    assert client.get(url).status_code == 200
    page_s = timed(lambda: client.get(url), 3)
    xlsx_s = timed(
        lambda: client.get(f"/staff/reports/export.xlsx?library=all&period=year&year={YEAR}"), 3
    )
    dash_s = timed(lambda: client.get(f"/staff/reports/dashboard?year={YEAR}"), 3)

    bare = Flask("bare")
    bare.add_url_rule("/", "hello", lambda: "Hello, world!")
    bare_client = bare.test_client()
    bare_s = timed(lambda: bare_client.get("/"), 200)
    print(f"bare Flask hello-world (test client): {bare_s * 1000:.2f} ms")
    for name, seconds in (("report page", page_s), ("XLSX export", xlsx_s), ("dashboard", dash_s)):
        print(f"{name}: {seconds * 1000:.0f} ms = {seconds / bare_s:,.0f} x bare Flask")


if __name__ == "__main__":
    main()
