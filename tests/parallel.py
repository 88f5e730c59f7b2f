"""Running the suite in parallel (pytest-xdist): each worker has its own databases, and the
figures the workers count are summed on the controller and printed once."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy.engine import make_url

from tests.security.figures import FIGURES


def worker_number() -> int | None:
    """0, 1, ... inside an xdist worker; None in a plain run."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return int(worker.removeprefix("gw")) if worker else None


def worker_database(url: str, n: int) -> str:
    """A fresh PostgreSQL database of this worker's own beside the given one."""
    import psycopg

    base = make_url(url)
    name = f"{base.database}_gw{n}"
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def worker_redis(url: str, n: int) -> str:
    """The Redis database numbered n above the given one (rate limits and caches keep apart)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{base + n}"))


def pytest_configure(config):
    # Before any test module reads the environment: subprocesses (gunicorn, the worker) inherit it.
    n = worker_number()
    if n is None:
        return
    if url := os.environ.get("TEST_DATABASE_URL"):
        os.environ["TEST_DATABASE_URL"] = worker_database(url, n)
    if url := os.environ.get("TEST_REDIS_URL"):
        os.environ["TEST_REDIS_URL"] = worker_redis(url, n)


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["figures"] = dict(FIGURES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    FIGURES.update(getattr(node, "workeroutput", {}).get("figures", {}))


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.write_sep("-", "security figures")
        for key, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{key}: {value}")
