"""`flask worker`: delivers the outbox and runs the timers (the coworking sweep) until stopped.

`flask worker --once` does one round and exits (cron, tests). The loop stops cleanly on
SIGINT or SIGTERM after the message it is sending.
"""

import os
import signal
import socket
import time
from types import FrameType

import click
from flask.cli import with_appcontext

from intranet.coworking.services import sweep
from intranet.extensions import db
from intranet.notifications.services import Delivery, deliver_due

SWEEP_EVERY = 60.0


def worker_id() -> str:
    """Who holds a claim: host and process, for an admin reading the outbox."""
    return f"{socket.gethostname()}:{os.getpid()}"


def one_round(*, run_sweep: bool) -> Delivery:
    """The timers (when due), then every message due now."""
    if run_sweep:
        sweep()  # expiries, no-shows, reminders: the reminders land in the outbox
        db.session.commit()
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
