"""Readiness: can this node serve, and is the background work keeping up.

The database and Redis decide the status code (a node without them cannot serve, and a load
balancer should skip it); the worker and the outbox are the whole system's, so they only turn
the body's status to "degraded", which monitoring alerts on.

One query asks the database: the outbox's backlog, whose answer is the proof the database
answers (no separate `SELECT 1`). Each worker keeps its last 200 for READINESS_CACHE_SECONDS
(kept_readiness; the view lets the fast path send it for that long too): a load balancer polls
every few seconds, so a database or Redis that stops answering is still reported at its next
poll, and a 503 is never kept, so a node that mends is back at the very next probe.
"""

import time
from typing import Any

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from intranet.extensions import db
from intranet.notifications.heartbeat import Backlog, heartbeat_age, outbox_backlog

# The worker beats every few seconds and sweeps every minute: three minutes silent is a fault.
WORKER_LATE_SECONDS = 180
# A message due this long and still not sent: SMTP or the worker is failing.
OUTBOX_LATE_SECONDS = 900

_clients: dict[str, Any] = {}
# Where the app keeps its last 200: (when it was found, the report).
KEPT = "intranet.public.health.kept"


def redis_urls() -> list[str]:
    """The Redis servers this node uses: the page cache and the rate limits."""
    urls = (current_app.config.get("CACHE_URL"), current_app.config["RATELIMIT_STORAGE_URI"])
    return sorted({u for u in urls if u and u.startswith(("redis://", "rediss://"))})


def _redis_answers(url: str) -> bool:
    import redis  # only installed where Redis is used

    client = _clients.get(url)
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        _clients[url] = client
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


def readiness() -> tuple[dict[str, Any], int]:
    """Each check's finding, and 200 or 503."""
    report: dict[str, Any] = {}
    backlog: Backlog | None = None
    try:
        backlog = outbox_backlog()  # the one query: answered, the database is there
        report["database"] = "ok"
    except SQLAlchemyError:
        db.session.rollback()
        report["database"] = "unavailable"
    urls = redis_urls()
    if not urls:
        report["redis"] = "not used"
    else:
        report["redis"] = "ok" if all(_redis_answers(u) for u in urls) else "unavailable"
    serving = report["database"] == "ok" and report["redis"] != "unavailable"
    late = False
    if serving and backlog is not None:
        age = heartbeat_age()
        report["worker"] = "never seen" if age is None else "ok"
        if age is not None:
            report["worker_seconds"] = round(age)
            report["worker"] = "late" if age > WORKER_LATE_SECONDS else "ok"
        report["outbox_due"] = backlog.due
        report["outbox_lag_seconds"] = round(backlog.lag_seconds)
        report["outbox"] = "late" if backlog.lag_seconds > OUTBOX_LATE_SECONDS else "ok"
        late = report["worker"] != "ok" or report["outbox"] != "ok"
    report["status"] = "error" if not serving else "degraded" if late else "ok"
    return report, 200 if serving else 503


def kept_readiness() -> tuple[dict[str, Any], int, float]:
    """readiness(), or the last 200 while younger than READINESS_CACHE_SECONDS; and its time."""
    seconds = current_app.config["READINESS_CACHE_SECONDS"]
    kept = current_app.extensions.get(KEPT)
    now = time.time()
    if kept is not None and now < kept[0] + seconds:
        return kept[1], 200, kept[0]
    report, status = readiness()
    if status == 200 and seconds > 0:
        current_app.extensions[KEPT] = (now, report)
    else:
        current_app.extensions.pop(KEPT, None)
    return report, status, now
