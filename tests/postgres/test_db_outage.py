"""With the database gone the app answers 503 (never 500) and recovers by itself."""

import os
import time
import uuid

import pytest
from sqlalchemy.engine import make_url

from tests.liveserver import Browser, flask_cli, free_port, live_server, server_env
from tests.postgres.tcp_proxy import TcpProxy

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"
)


@pytest.fixture
def scratch_database():
    import psycopg

    base = make_url(os.environ["TEST_DATABASE_URL"])
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"intranet_outage_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield base.set(database=name)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for(check, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


def test_database_outage_gives_503_and_recovers(tmp_path, scratch_database):
    url = scratch_database
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432), free_port())
    proxy.start()
    via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    env = server_env(tmp_path, via_proxy)
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed")
    with live_server(env, workers=2, log_path=tmp_path / "gunicorn.log") as base:
        browser = Browser(base, headers={"Accept-Language": "ru"})
        assert browser.request("/healthz")[0] == 200
        assert browser.request("/")[0] == 200

        proxy.stop()  # the database goes away, open connections included
        assert wait_for(lambda: browser.request("/healthz")[0] == 503)
        # A public page already in the page cache needs no database: still served.
        assert browser.request("/")[0] == 200
        status, body = browser.request("/events?view=list")  # not cached: needs the database
        assert status == 503
        assert "Сервис временно недоступен" in body
        api_status, api_body = browser.request("/api/v1/libraries")
        assert api_status == 503
        assert '"error"' in api_body

        proxy.start()  # it comes back: no restart of the app needed
        assert wait_for(lambda: browser.request("/healthz")[0] == 200)
        assert browser.request("/")[0] == 200
    proxy.stop()
