"""A real gunicorn serving the app on a free local port, for tests that need a live server."""

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A page's CSRF token, as its form draws it.
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask_cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run `flask --app wsgi ...` as an operator would, with this environment."""
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def server_env(tmp_path: Path, database_url: str, **extra: str) -> dict:
    """Environment of a live server: its own instance folder, key and database."""
    env = dict(os.environ)
    env.update(
        INSTANCE_PATH=str(tmp_path / "instance"),
        DATABASE_URL=database_url,
        SECRET_KEY="live-server-test-key-" + "x" * 32,
        RATELIMIT_STORAGE_URI="local://",
    )
    env.update(extra)
    return env


class LiveServer(str):
    """The base URL of a running server (a str), with the gunicorn master's pid."""

    pid: int

    def worker_pids(self) -> list[int]:
        """The pids of the workers the master runs right now."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended while we looked
            if int(fields[1]) == self.pid:
                children.append(int(stat.parent.name))
        return children


def make_run_options() -> tuple[str, ...]:
    """The options `make run` gives gunicorn, from the Makefile (its port and workers aside)."""
    dry_run = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.replace("\\\n", " ")
    (command,) = [line for line in dry_run.splitlines() if "gunicorn" in line]
    words = shlex.split(command)
    # gunicorn's own options: after the program (the worker starts before it), before wsgi:app
    words = words[next(i for i, w in enumerate(words) if w.endswith("/gunicorn")) + 1 : -1]
    options = []
    while words:
        word = words.pop(0)
        if word in ("--workers", "--bind"):
            words.pop(0)  # live_server picks a free port
        else:
            options.append(word)
    assert "--access-logfile" in options
    return tuple(options)


@contextmanager
def live_server(
    env: dict, workers: int = 2, log_path: Path | None = None, args: tuple = (), port: int = 0
):
    """Serve wsgi:app with gunicorn sync workers (and `args`); yields the base URL; stops it."""
    port = port or free_port()
    log = open(log_path or os.devnull, "w")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "2",
            *args,
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = LiveServer(f"http://127.0.0.1:{port}")
    base.pid = process.pid
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start (exit {process.poll()})") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client for a live server; answers (status, body), never raises."""

    def __init__(self, base: str, headers: dict | None = None):
        import http.cookiejar

        self.base = base
        self.headers = headers or {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        import urllib.error
        import urllib.parse

        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def csrf_token(self, path: str = "/login") -> str:
        _, page = self.request(path)
        return CSRF_RE.search(page).group(1)
