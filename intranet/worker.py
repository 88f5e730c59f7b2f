"""`flask worker`: delivers the outbox and runs the timers until stopped.

Each round (every few seconds), the coordinators of new requests are told. The timers, each
minute: the coworking sweep (expiries, no-shows, reminders, requests about to expire,
coordinators' digests), the monthly reports due (1st and 5th), the daily queue digest, event
registration offers that ran out (the place passes on) and the reminders the day before.
Each marks its work in the database once, so two workers or a restart never repeat it.

`flask worker --once` does one round and exits (cron, tests). The loop stops cleanly on
SIGINT or SIGTERM after the message it is sending.
"""

import os
import signal
import socket
import time
from datetime import datetime
from types import FrameType

import click
from flask.cli import with_appcontext

from intranet.coworking.services import (
    send_request_digests,
    sweep,
    tell_new_requests,
    warn_expiring,
)
from intranet.events.services import expire_offers, send_queue_digest, send_reminders
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.heartbeat import beat
from intranet.notifications.services import Delivery, deliver_due
from intranet.reports.services import remind_months_due

SWEEP_EVERY = 60.0


def worker_id() -> str:
    """Who holds a claim: host and process, for an admin reading the outbox."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run_timers(now: datetime | None = None) -> None:
    """Every timer once; what they tell lands in the outbox, committed with their marks."""
    now = now or utc_now()
    sweep(now)
    db.session.commit()
    warn_expiring(now)
    send_request_digests(now)
    db.session.commit()
    remind_months_due(now)
    db.session.commit()
    send_queue_digest(now)
    db.session.commit()
    expire_offers(now)
    db.session.commit()
    send_reminders(now)
    db.session.commit()


def one_round(*, run_sweep: bool) -> Delivery:
    """New requests told, the timers (when due), then every message due now."""
    # Each round, not each minute: coordinators hear of a request within seconds.
    tell_new_requests(utc_now())
    db.session.commit()
    if run_sweep:
        run_timers()
    beat()
    return deliver_due(worker_id=worker_id())


@click.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due, run the sweep once, and exit.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=2.0,
    show_default=True,
    help="Seconds between looks at the outbox.",
)
@with_appcontext
def worker_command(once: bool, interval: float) -> None:
    """Send the outbox's messages and run the coworking sweep, until stopped."""
    if once:
        delivery = one_round(run_sweep=True)
        click.echo(
            f"Sent: {delivery.sent}, retry later: {delivery.retried}, failed: {delivery.failed}."
        )
        return
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    last_sweep = float("-inf")
    while not stopping:
        now = time.monotonic()
        run_sweep = now - last_sweep >= SWEEP_EVERY
        if run_sweep:
            last_sweep = now
        one_round(run_sweep=run_sweep)
        db.session.remove()  # a fresh session each round: nothing stale is kept between rounds
        deadline = time.monotonic() + interval
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
