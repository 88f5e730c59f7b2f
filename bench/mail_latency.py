"""Booking POST latency while the mail server takes 5 s per message (target: median < 100 ms).

    .venv/bin/python bench/mail_latency.py            # a fresh SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/mail_latency.py

gunicorn (2 sync workers) serves the app; an aiosmtpd server answers each message after 5 s.
The booking POST only writes its email to the outbox, so it must not wait on that server.
Prints the median and slowest POST, how many messages wait in the outbox, and how long the
worker then takes to send two of them (about 10 s: the wait moved to the worker).
"""

import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from intranet import create_app  # noqa: E402
from intranet.cli import seed_reference_data  # noqa: E402
from intranet.extensions import db  # noqa: E402
from intranet.notifications.models import OutboxMessage  # noqa: E402
from intranet.notifications.services import deliver_due  # noqa: E402
from tests.coworking.conftest import SLUG, open_days  # noqa: E402
from tests.coworking.live import Browser, free_port, gunicorn  # noqa: E402

BOOKINGS = 30
SMTP_DELAY = 5.0


class SlowServer:
    """Accepts every message after SMTP_DELAY seconds."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        await asyncio.sleep(SMTP_DELAY)
        return "250 OK"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="mail-latency-"))
    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    smtp = Controller(SlowServer(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    mail = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp.port}
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "TESTING": True, **mail})
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_reference_data()
        db.session.commit()
        days = [day.isoformat() for day in open_days(BOOKINGS // 5 + 1)]
    settings = {key: str(value) for key, value in mail.items()}
    latencies = []
    with gunicorn(database, folder, workers=2, **settings) as base:
        for number in range(BOOKINGS):
            browser = Browser(base)
            form = {
                "csrf_token": browser.csrf_token(f"/coworking/{SLUG}/book"),
                "day": days[number // 5],
                "start": f"{10 + number % 5}:00",
                "duration": "60",
                "full_name": f"Bench Visitor {chr(65 + number % 26)}",
                "phone": f"+7702{number:07d}",
                "email": f"bench{number}@example.kz",
                "institution": "Korkyt Ata University",
                "consent": "y",
            }
            started = time.perf_counter()
            status, page = browser.request(f"/coworking/{SLUG}/book", form)
            latencies.append((time.perf_counter() - started) * 1000)
            assert status == 302, (
                status,
                re.findall(r'-error" class="invalid-feedback d-block">\s*<div>([^<]+)', page),
            )
    with app.app_context():
        waiting = db.session.scalar(select(func.count()).select_from(OutboxMessage))
        for message in db.session.scalars(select(OutboxMessage).offset(2)):
            message.status = "discarded"  # the worker's timing below: two messages only
        db.session.commit()
        started = time.perf_counter()
        sent = deliver_due(worker_id="bench").sent
        worker_seconds = time.perf_counter() - started
    smtp.stop()
    print(f"Booking POSTs with a mail server taking {SMTP_DELAY:g} s per message: {BOOKINGS}")
    median, slowest = statistics.median(latencies), max(latencies)
    print(f"  median {median:.1f} ms (target < 100 ms), slowest {slowest:.1f} ms")
    print(f"  messages waiting in the outbox afterwards: {waiting}")
    print(f"  the worker then sent {sent} of them in {worker_seconds:.1f} s")


if __name__ == "__main__":
    main()
