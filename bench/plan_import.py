"""Annual plan import benchmark: a 600-row plan with 20 bad rows, imported by branch No. 6.

    .venv/bin/python bench/plan_import.py          # SQLite in a temporary file
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/feat_plan \
        .venv/bin/python bench/plan_import.py      # PostgreSQL (the database is emptied)

Prints the drafts, planned entries and refusals (target: 580 added, 20 reasons), the time of
the import (parsing, checks, 600 savepoints, the drafts and their audit rows; target <= 5 s),
wall and CPU (a busy machine stretches the wall time), and the time of uploading the same file
again (nothing added).
"""

import os
import sys
import tempfile
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intranet import create_app  # noqa: E402
from intranet.admin.services import NewAccountRequest, create_account  # noqa: E402
from intranet.cli import seed_reference_data  # noqa: E402
from intranet.clock import local_today  # noqa: E402
from intranet.events.seed import seed_event_types  # noqa: E402
from intranet.events.services import import_plan  # noqa: E402
from intranet.extensions import db  # noqa: E402
from tests.events.plans import generated_rows, plan_file  # noqa: E402

YEAR = local_today().year + 1


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    )
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MAIL_SERVER": ""})
    content = plan_file(generated_rows(580, 20, YEAR))
    with app.test_request_context("/?lang=kk"):
        db.drop_all()
        db.create_all()
        seed_reference_data()
        seed_event_types()
        branch = create_account(
            NewAccountRequest(
                email="branch6@bench.kz",
                password="bench-password-2026",
                role="branch_staff",
                library="no-6",
            ),
            actor=None,
        )
        db.session.commit()
        started, cpu = clock.perf_counter(), clock.process_time()
        result = import_plan(content, "plan.xlsx", year=YEAR, actor=branch)
        db.session.commit()
        took, cpu = clock.perf_counter() - started, clock.process_time() - cpu
        print(
            f"plan of 600 rows ({len(content):,} bytes): {result.drafts} drafts + "
            f"{result.planned} planned entries = {result.drafts + result.planned} added, "
            f"{len(result.refusals)} refused with reasons, in {took:.2f} s ({cpu:.2f} s of CPU; "
            f"load average {os.getloadavg()[0]:.1f}); target <= 5 s: "
            f"{'OK' if took <= 5 else 'OVER'}"
        )
        started = clock.perf_counter()
        again = import_plan(content, "plan.xlsx", year=YEAR, actor=branch)
        db.session.commit()
        print(
            f"the same file again: {again.drafts + again.planned} added, {again.repeated} "
            f"already there, in {clock.perf_counter() - started:.2f} s"
        )


if __name__ == "__main__":
    main()
