"""Prometheus metrics: requests by route and status, their latency, and the system's state.

Counters live in this process, or, when PROMETHEUS_MULTIPROC_DIR is set (gunicorn with several
workers), in files there that every worker adds to. The state (bookings, outbox backlog,
worker lag) is read from the database at each scrape, so every node tells the same.
`/metrics` answers only requests that did not come through the reverse proxy.
"""

import os
import time
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, abort, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from intranet.coworking.models import Booking
from intranet.extensions import db
from intranet.fast_path import SERVED_WITHOUT_FLASK
from intranet.notifications.heartbeat import heartbeat_age, outbox_backlog

_registry = CollectorRegistry()
REQUESTS = Counter(
    "intranet_http_requests",
    "HTTP requests answered, by route (Flask endpoint), method and status.",
    ["endpoint", "method", "status"],
    registry=_registry,
)
LATENCY = Histogram(
    "intranet_http_request_duration_seconds",
    "Time to answer a request, by route.",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=_registry,
)


class StateCollector(Collector):
    """What the database says now: bookings by status, the outbox, the worker."""

    def collect(self) -> Iterator[Metric]:
        bookings = GaugeMetricFamily(
            "intranet_coworking_bookings", "Coworking bookings by status.", labels=["status"]
        )
        rows = db.session.execute(
            select(Booking.status, func.count(Booking.id)).group_by(Booking.status)
        )
        for status, count in rows:
            bookings.add_metric([status], count)
        yield bookings
        backlog = outbox_backlog()
        yield GaugeMetricFamily(
            "intranet_outbox_due_messages", "Emails due and not yet sent.", value=backlog.due
        )
        yield GaugeMetricFamily(
            "intranet_outbox_lag_seconds",
            "How long the oldest email due has waited.",
            value=backlog.lag_seconds,
        )
        age = heartbeat_age()
        yield GaugeMetricFamily(
            "intranet_worker_heartbeat_age_seconds",
            "Seconds since the worker's last round (-1: never seen).",
            value=-1 if age is None else age,
        )


def _counters() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(_registry)


def metrics() -> Response:
    """The Prometheus text format; 404 through the reverse proxy (the public never sees it)."""
    if "X-Forwarded-For" in request.headers:
        abort(404)
    state = CollectorRegistry()
    state.register(StateCollector())
    body = _counters() + generate_latest(state)
    return Response(body, content_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


# (endpoint, method, status) -> its counter and histogram: labels() costs more than counting,
# and the fast path counts thousands of answers a second.
_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def _record(endpoint: str, method: str, status: int, seconds: float) -> None:
    children = _children.get((endpoint, method, status))
    if children is None:
        children = (REQUESTS.labels(endpoint, method, str(status)), LATENCY.labels(endpoint))
        _children[(endpoint, method, status)] = children
    children[0].inc()
    children[1].observe(seconds)


def init_app(app: Flask) -> None:
    """Time and count every request, those the fast path answers without Flask too."""
    app.extensions.setdefault(SERVED_WITHOUT_FLASK, []).append(_record)

    @app.before_request
    def start_clock() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def count_request(response: Response) -> Response:
        started = g.get("metrics_started")
        seconds = time.perf_counter() - started if started is not None else 0.0
        _record(request.endpoint or "unmatched", request.method, response.status_code, seconds)
        return response
