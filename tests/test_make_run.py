"""`make run` starts gunicorn and the mail worker side by side; Ctrl-C stops both."""

import os
import signal
import subprocess
import time
import urllib.request
from email import message_from_bytes, policy

from intranet.extensions import db
from tests.conftest import make_app
from tests.coworking.conftest import open_days
from tests.coworking.live import Browser, visitor_books
from tests.liveserver import ROOT, free_port, server_env


def _processes_in_group(group: int) -> list[str]:
    """The command lines of the processes still in a process group."""
    found = []
    for stat in os.listdir("/proc"):
        if not stat.isdigit():
            continue
        try:
            with open(f"/proc/{stat}/stat") as fields_file:
                fields = fields_file.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{stat}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(command)
    return found


def _wait_for(check, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    return None


def test_make_run_serves_sends_mail_and_stops_both_on_ctrl_c(tmp_path):
    port = free_port()
    database_url = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    env = server_env(tmp_path, database_url, MAIL_SERVER="", PORT=str(port), WORKERS="1")
    env.pop("BASE_URL", None)
    make = subprocess.Popen(
        ["make", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def up() -> bool:
            try:
                return urllib.request.urlopen(base + "/healthz", timeout=2).status == 200
            except OSError:
                return False

        assert _wait_for(up, 120), "make run did not serve"
        running = _processes_in_group(make.pid)
        assert any("gunicorn" in command for command in running)
        assert any("wsgi worker" in command for command in running)

        app = make_app(database_url, tmp_path / "instance")
        with app.app_context():
            day = open_days(1)[0].isoformat()
            db.engine.dispose()
        assert visitor_books(Browser(base), day) == 302

        def mailed() -> bool:  # the worker `make run` started writes it within seconds
            for eml in (tmp_path / "instance" / "outbox").glob("*.eml"):
                message = message_from_bytes(eml.read_bytes(), policy=policy.default)
                if message["To"] == "live@example.kz":
                    return True
            return False

        assert _wait_for(mailed, 30), "the worker did not send the booking's email"

        os.killpg(make.pid, signal.SIGINT)  # Ctrl-C in the terminal
        make.wait(timeout=30)
        assert _wait_for(lambda: not _processes_in_group(make.pid), 15), _processes_in_group(
            make.pid
        )
    finally:
        if make.poll() is None or _processes_in_group(make.pid):
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
