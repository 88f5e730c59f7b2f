"""Work diary benchmark: the annual city-wide export over 21 libraries x 365 days of diary.

    .venv/bin/python bench/diary_bench.py          # SQLite in a temporary file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/feat_diary \
        .venv/bin/python bench/diary_bench.py      # PostgreSQL (the database is emptied)

Fills 2024 and 2025 with a diary every day for the 21 libraries (with age bands and fund
sections), their funds, and every month of 2025 accepted. Prints the median of 5 builds of
the СРДГОБ-1 workbook (queries + XLSX) and the queries it ran. Target: <= 2 s.
"""

import os
import statistics
import sys
import tempfile
import time as clock
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event as sa_event  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from intranet import create_app  # noqa: E402
from intranet.cli import seed_reference_data  # noqa: E402
from intranet.extensions import db  # noqa: E402
from intranet.libraries.models import DiaryDay, Library, MonthlyReport  # noqa: E402
from intranet.libraries.seed_diary import seed_demo_diary  # noqa: E402
from intranet.models import utc_now  # noqa: E402
from intranet.reports.queries.annual import annual_sheets  # noqa: E402
from intranet.spreadsheets import to_xlsx  # noqa: E402

YEAR = 2025


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    )
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MAIL_SERVER": ""})
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_reference_data()
        db.session.commit()
        started = clock.perf_counter()
        seed_demo_diary(date(YEAR - 1, 1, 1), date(YEAR, 12, 31), sundays=True)
        for library_id in db.session.scalars(select(Library.id)):
            for month in range(1, 13):
                db.session.add(
                    MonthlyReport(
                        library_id=library_id,
                        year=YEAR,
                        month=month,
                        status="accepted",
                        decided_dt=utc_now(),
                    )
                )
        db.session.commit()
        days = db.session.scalar(
            select(func.count()).where(DiaryDay.day.between(date(YEAR, 1, 1), date(YEAR, 12, 31)))
        )
        print(
            f"data: {days:,} library days in {YEAR} (and {YEAR - 1}) in "
            f"{clock.perf_counter() - started:.1f} s"
        )

    queries: list[int] = []
    with app.test_request_context("/?lang=ru"):
        app.preprocess_request()
        sa_event.listen(db.engine, "before_cursor_execute", lambda *a: queries.append(1))
        times = []
        for _ in range(5):
            queries.clear()
            started = clock.perf_counter()
            body = to_xlsx(annual_sheets(YEAR, date(YEAR + 1, 2, 1)))
            times.append(clock.perf_counter() - started)
        median = statistics.median(times)
        print(
            f"annual city-wide export: {median * 1000:.0f} ms median of 5 "
            f"({len(queries)} queries, {len(body):,} bytes); target <= 2000 ms: "
            f"{'OK' if median <= 2 else 'OVER'}"
        )


if __name__ == "__main__":
    main()
