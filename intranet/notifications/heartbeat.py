"""The worker's heartbeat and the outbox's backlog, as the health check and metrics read them.

The heartbeat is a timestamp in the shared cache (Redis in production, so every node sees the
one worker's); the backlog and the lag come from the outbox itself.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage, OutboxStatus
from intranet.page_cache import cache

HEARTBEAT_KEY = "worker:heartbeat"
# Kept a day: a worker stopped for longer reads as "never seen", which is as alarming.
HEARTBEAT_SECONDS = 24 * 3600


def beat(now: datetime | None = None) -> None:
    """Say the worker is alive (each round of its loop)."""
    cache.set(HEARTBEAT_KEY, (now or utc_now()).timestamp(), timeout=HEARTBEAT_SECONDS)


def heartbeat_age(now: datetime | None = None) -> float | None:
    """Seconds since the worker's last round; None when it was never seen."""
    stamp = cache.get(HEARTBEAT_KEY)
    if stamp is None:
        return None
    return max(0.0, (now or utc_now()).timestamp() - float(stamp))


@dataclass(frozen=True)
class Backlog:
    """Messages due and not sent, and how long the oldest of them has waited."""

    due: int
    lag_seconds: float


def outbox_backlog(now: datetime | None = None) -> Backlog:
    """Pending messages whose time has come; the lag is the oldest one's wait."""
    now = now or utc_now()
    due, oldest = db.session.execute(
        select(func.count(OutboxMessage.id), func.min(OutboxMessage.next_attempt_dt)).where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_dt <= now,
        )
    ).one()
    lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return Backlog(due=due, lag_seconds=lag)
