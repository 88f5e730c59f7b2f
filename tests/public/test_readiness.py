"""Readiness kept for READINESS_CACHE_SECONDS: a node that breaks is reported 503 after it."""

import os
import time
from urllib.parse import urlsplit

import pytest

from intranet.extensions import db
from tests.conftest import make_app
from tests.liveserver import free_port
from tests.postgres.tcp_proxy import TcpProxy
from tests.test_request_overhead import statements_of

KEPT = 0.3  # seconds: short, so the tests wait little


def served(app) -> int:
    return app.extensions["fast_path"].served


def probe(app) -> tuple[int, dict]:
    """What a load balancer sees: a new connection without a cookie."""
    response = app.test_client().get("/healthz")
    return response.status_code, response.get_json()


@pytest.fixture
def own_sqlite(tmp_path):
    """An app on a SQLite file of its own (the tests' shared database must stay whole)."""
    app = make_app(
        f"sqlite:///{tmp_path / 'own.sqlite3'}",
        tmp_path / "instance",
        READINESS_CACHE_SECONDS=KEPT,
    )
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_probe_with_other_headers_gets_the_same_finding_without_a_query(app):
    app.config["READINESS_CACHE_SECONDS"] = 60  # the test's requests all fall inside it
    first = probe(app)
    with statements_of(app) as sent:
        # Another language, another tag: not the fast path's kept answer, but Flask's, from
        # this worker's last finding.
        other = app.test_client().get(
            "/healthz", headers={"Accept-Language": "ru", "If-None-Match": '"other"'}
        )
    assert (other.status_code, other.get_json()) == first
    assert sent == []


def test_a_database_file_that_goes_bad_is_reported_once_the_kept_answer_expires(
    own_sqlite, tmp_path
):
    app = own_sqlite
    assert probe(app)[0] == 200
    before = served(app)
    assert probe(app)[0] == 200
    assert served(app) == before + 1  # the kept answer: no query
    # The disk goes bad under the open connection: every byte of the database is lost.
    for path in tmp_path.glob("own.sqlite3*"):
        size = path.stat().st_size
        with path.open("r+b") as damaged:
            damaged.write(b"\0" * size)
    time.sleep(KEPT)
    status, report = probe(app)
    assert status == 503
    assert report == {"status": "error", "database": "unavailable", "redis": "not used"}
    assert probe(app)[0] == 503  # a 503 is never kept: each probe asks again


def test_a_redis_on_a_closed_port_is_reported_once_the_kept_answer_expires(app):
    app.config["READINESS_CACHE_SECONDS"] = KEPT
    assert probe(app)[0] == 200
    # The rate limits move to a Redis that is not there (port 1; the page cache stays on files).
    app.config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:1/0"
    time.sleep(KEPT)
    status, report = probe(app)
    assert status == 503
    assert report["redis"] == "unavailable"


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_a_redis_that_stops_is_reported_and_its_return_at_the_next_probe(app):
    real = urlsplit(os.environ["TEST_REDIS_URL"])
    proxy = TcpProxy((real.hostname or "127.0.0.1", real.port or 6379), free_port())
    proxy.start()
    try:
        app.config["READINESS_CACHE_SECONDS"] = KEPT
        app.config["CACHE_URL"] = f"redis://127.0.0.1:{proxy.port}{real.path or '/0'}"
        status, report = probe(app)
        assert (status, report["redis"]) == (200, "ok")
        proxy.stop()  # Redis goes away, open connections included
        time.sleep(KEPT)
        status, report = probe(app)
        assert (status, report["redis"]) == (503, "unavailable")
        proxy.start()
        status, report = probe(app)
        assert (status, report["redis"]) == (200, "ok")
    finally:
        proxy.stop()


@pytest.mark.parametrize(("given", "kept"), [("2.5", 2.5), ("0", 0.0), ("", 1.0)])
def test_the_kept_time_is_a_setting(monkeypatch, tmp_path, given, kept):
    from intranet import create_app

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("READINESS_CACHE_SECONDS", given)
    assert create_app().config["READINESS_CACHE_SECONDS"] == kept


@pytest.mark.parametrize("given", ["-1", "soon", "nan"])
def test_a_kept_time_that_is_no_time_is_refused(monkeypatch, tmp_path, given):
    from intranet import create_app
    from intranet.config import ConfigError

    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("READINESS_CACHE_SECONDS", given)
    with pytest.raises(ConfigError, match="READINESS_CACHE_SECONDS"):
        create_app()
