"""/healthz (readiness), /healthz/live (liveness) and /metrics, as an operator reads them."""

import os
from datetime import timedelta

import pytest

from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from tests.coworking.conftest import make_booking  # noqa: F401 - a fixture used here


def _late_message(app, minutes: int) -> None:
    with app.app_context():
        db.session.add(
            OutboxMessage(
                message_id=f"<late-{minutes}@test>",
                kind="test",
                recipient="late@example.kz",
                language="kk",
                subject="Late",
                body_text="Late",
                next_attempt_dt=utc_now() - timedelta(minutes=minutes),
            )
        )
        db.session.commit()


def test_liveness_asks_nothing_but_the_process(client):
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-cache"


def test_readiness_is_degraded_until_the_worker_has_run(app, client, runner):
    app.config["READINESS_CACHE_SECONDS"] = 0  # the second probe asks again
    before = client.get("/healthz")
    assert before.status_code == 200  # the node itself can serve: keep it in the pool
    assert before.get_json() == {
        "status": "degraded",
        "database": "ok",
        "redis": "not used",
        "worker": "never seen",
        "outbox_due": 0,
        "outbox_lag_seconds": 0,
        "outbox": "ok",
    }
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    after = client.get("/healthz").get_json()
    assert after["status"] == "ok"
    assert after["worker"] == "ok"
    assert after["worker_seconds"] <= 5


def test_an_outbox_that_is_not_sent_makes_readiness_degraded(app, client, runner):
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    _late_message(app, minutes=20)
    with app.app_context():
        # The worker ran before the message was due: it waits, as if SMTP were down.
        report = client.get("/healthz").get_json()
    assert report["outbox"] == "late"
    assert report["outbox_due"] == 1
    assert report["outbox_lag_seconds"] >= 20 * 60
    assert report["status"] == "degraded"


def test_a_node_without_redis_is_not_ready(app, client):
    # Redis that never answers (port 1), only for the probe: the tests' page cache stays on files.
    app.config["CACHE_URL"] = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "error",
        "database": "ok",
        "redis": "unavailable",
    }


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_a_node_with_its_redis_is_ready(app, client):
    app.config["CACHE_URL"] = os.environ["TEST_REDIS_URL"]
    app.config["RATELIMIT_STORAGE_URI"] = os.environ["TEST_REDIS_URL"]
    assert client.get("/healthz").get_json()["redis"] == "ok"


def _metric(text: str, line_start: str) -> float:
    values = [
        float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(line_start)
    ]
    assert values, line_start
    return values[0]


def test_metrics_count_requests_by_route_and_status_and_tell_the_state(
    app,
    client,
    runner,
    make_booking,  # noqa: F811 - a fixture imported above
):
    make_booking()
    _late_message(app, minutes=3)
    requests = 'intranet_http_requests_total{endpoint="public.home",method="GET",status="200"}'
    first = client.get("/metrics").get_data(as_text=True)
    start = _metric(first, requests) if requests in first else 0.0
    for _ in range(3):
        client.get("/")
    client.get("/no-such-page")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert _metric(text, requests) == start + 3
    assert 'endpoint="unmatched",method="GET",status="404"' in text
    assert 'intranet_http_request_duration_seconds_bucket{endpoint="public.home",le="+Inf"}' in text
    assert _metric(text, 'intranet_coworking_bookings{status="') == 1
    assert _metric(text, "intranet_outbox_due_messages") >= 1
    assert _metric(text, "intranet_outbox_lag_seconds") >= 180
    assert _metric(text, "intranet_worker_heartbeat_age_seconds") == -1  # never seen
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    after = client.get("/metrics").get_data(as_text=True)
    assert 0 <= _metric(after, "intranet_worker_heartbeat_age_seconds") < 5


def test_metrics_are_not_answered_through_the_reverse_proxy(client):
    response = client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.status_code == 404
    assert "intranet_" not in response.get_data(as_text=True)


def test_the_static_build_holds_hashed_names_and_gzip_beside_text(app, runner, tmp_path):
    result = runner.invoke(args=["build-static", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    with app.test_request_context():
        from flask import url_for

        css = url_for("static", filename="css/app.css")
    built = tmp_path / "build" / css.removeprefix("/static/")
    assert built.is_file()
    assert built.with_name(built.name + ".gz").is_file()
    assert app.test_client().get(css).get_data() == built.read_bytes()
