"""A live app under gunicorn, and Playwright driving Debian's Chromium against it.

The server is started once per session: its own SQLite file in a temporary folder, migrated
and seeded through the real CLI (`flask db upgrade`, `seed --demo`, `user create`), served by
gunicorn with two sync workers on a free port of 127.0.0.1, and killed at the end.
Browser tests skip, saying why, where Chromium or the playwright package is missing.
"""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.helpers import (
    ADMINS,
    BRANCH_STAFF,
    CENTRAL_STAFF,
    CENTRE,
    COORDINATORS,
    DESKTOP,
    PASSWORD,
    PHONE,
    ROOT,
    screenshot,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LiveServer:
    url: str
    env: dict
    log: Path

    def cli(self, *args: str) -> None:
        """Run `flask --app wsgi ARGS` against the live server's database."""
        self.cli_together(list(args))

    def cli_together(self, *commands: list[str]) -> None:
        """Run several `flask --app wsgi ...` commands at once; fail if any fails."""
        procs = [
            (
                args,
                subprocess.Popen(
                    [sys.executable, "-m", "flask", "--app", "wsgi", *args],
                    cwd=ROOT,
                    env=self.env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                ),
            )
            for args in commands
        ]
        for args, proc in procs:
            output, _ = proc.communicate(timeout=120)
            if proc.returncode != 0:
                raise RuntimeError(f"flask {' '.join(args)} failed:\n{output}")


def gunicorn_command() -> list[str]:
    """gunicorn with 2 sync workers, without the shared control socket of gunicorn >= 27."""
    import gunicorn

    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--worker-class", "sync"]
    if gunicorn.version_info >= (27,):
        # Its default path (~/.gunicorn/gunicorn.ctl) is one for every server on the machine.
        command.append("--no-control-socket")
    return command


def _server_env(folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "FLASK_"))}
    env.update(
        INTRANET_ENV="development",
        INSTANCE_PATH=str(folder),
        DATABASE_URL=f"sqlite:///{folder / 'browser.sqlite3'}",
        SECRET_KEY=secrets.token_hex(32),
        RATELIMIT_STORAGE_URI="local://",
        # Journeys type wrong passwords on purpose, in three languages.
        LOGIN_LIMIT_PER_ACCOUNT="100 per minute",
        LOGIN_LIMIT_PER_IP="300 per minute",
        # The journeys sign admins in with a password; test_two_factor enrols a branch account.
        TOTP_REQUIRED_FOR_ADMINS="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def _wait_for_port(log: Path, proc: subprocess.Popen, deadline: float) -> int:
    """Gunicorn was told to bind port 0; read the port the kernel gave it from its log."""
    pattern = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{log.read_text()}")
        match = pattern.search(log.read_text())
        if match:
            return int(match.group(1))
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start in time:\n{log.read_text()}")


def _wait_healthy(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url}/healthz did not answer 200 in time")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> LiveServer:
    """The app served by gunicorn (2 sync workers) on 127.0.0.1 and a free port."""
    folder = tmp_path_factory.mktemp("live")
    env = _server_env(folder)
    log = folder / "gunicorn.log"
    server = LiveServer(url="", env=env, log=log)
    server.cli("db", "upgrade")
    server.cli("seed", "--demo")
    accounts = [
        *(["--role", "admin", "--email", e, "--name", f"Browser {lang.upper()}", "--language", lang]
          for lang, e in ADMINS.items()),
        *(["--role", "coordinator", "--centre", CENTRE, "--email", e, "--name",
           f"Coordinator {lang.upper()}", "--language", lang] for lang, e in COORDINATORS.items()),
        *(["--role", "branch_staff", "--library", "no-6", "--email", e, "--name",
           f"Branch {lang.upper()}", "--language", lang] for lang, e in BRANCH_STAFF.items()),
        *(["--role", "central_staff", "--email", e, "--name", f"Central {lang.upper()}",
           "--language", lang] for lang, e in CENTRAL_STAFF.items()),
    ]  # fmt: skip
    # Each account costs a 600k-round password hash: make them side by side.
    server.cli_together(*(["user", "create", "--password", PASSWORD, *a] for a in accounts))
    gunicorn = gunicorn_command()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*gunicorn, "--bind", "127.0.0.1:0", "--access-logfile", "-", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        port = _wait_for_port(log, proc, deadline)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, deadline)
        yield LiveServer(url=url, env=env, log=log)
    finally:
        # Its own process group (start_new_session): the master and both workers go.
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _unavailable(reason: str):
    # .ci/run sets BROWSER_TESTS_REQUIRED=1 for its SQLite run: no silent skip there.
    if os.environ.get("BROWSER_TESTS_REQUIRED") == "1":
        pytest.fail(f"browser tests required, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skips with the reason when either is missing."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell that it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(lang, phone=False): a fresh context (no cookies) with Accept-Language set."""
    contexts = []

    def make(lang: str = "kk", *, phone: bool = False):
        context = browser.new_context(
            base_url=live_server.url,
            locale={"kk": "kk-KZ", "ru": "ru-RU", "en": "en-US"}[lang],
            viewport=PHONE if phone else DESKTOP,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=1,
            # No CSS transitions: axe must not measure a colour halfway through a hover fade.
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            # What the browser showed when the test failed, for the CI log reader.
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            for page in context.pages:
                screenshot(page, f"FAILED-{name}-{number}", full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop page in Kazakh."""
    return new_page("kk")


@pytest.fixture
def phone_page(new_page):
    """A 390x844 phone page in Kazakh."""
    return new_page("kk", phone=True)


@pytest.fixture(scope="session")
def live_app(live_server):
    """The app in this process, on the live server's database: to arrange what a browser can't.

    (A booking that starts in a few minutes, say: the public form asks for more notice.)
    """
    from intranet import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": live_server.env["DATABASE_URL"],
            "SECRET_KEY": live_server.env["SECRET_KEY"],
        }
    )
