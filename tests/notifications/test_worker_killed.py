"""A real worker process killed with SIGKILL while the mail server holds its message.

The server has the message, but the worker dies before the server's "250 OK" reaches it, so
the row stays claimed. When the claim runs out another worker sends it once more, with the
same Message-ID, and nobody sends it a third time.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from tests.liveserver import ROOT, flask_cli, server_env
from tests.notifications.conftest import outbox, queue
from tests.notifications.mailserver import MailServer


class SlowMailServer(MailServer):
    """Keeps each message a while before it answers, as a loaded server may."""

    answer_after = 20.0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(self.answer_after)
        return "250 OK"


@pytest.fixture
def smtp():
    server = SlowMailServer()
    server.start()
    yield server
    server.stop()


def wait_for(condition, seconds: float = 30.0) -> None:
    """Poll until `condition()` holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_worker_killed_mid_send_sends_again_once_with_the_same_message_id(app, smtp, tmp_path):
    queue(app)
    env = server_env(
        tmp_path,
        app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp.port),
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--interval", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(lambda: len(smtp.messages) == 1)  # the server holds it, not yet answered
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    (held,) = outbox(app)
    assert (held.status, held.attempts) == ("sending", 1)  # claimed, never marked sent
    smtp.answer_after = 0.0
    assert "Sent: 0," in flask_cli(env, "worker", "--once").stdout  # the claim still holds
    with app.app_context():  # five minutes on: the dead worker's claim has run out
        db.session.execute(
            update(OutboxMessage).values(claimed_until=utc_now() - timedelta(seconds=1))
        )
        db.session.commit()
    assert "Sent: 1," in flask_cli(env, "worker", "--once").stdout
    assert "Sent: 0," in flask_cli(env, "worker", "--once").stdout  # never a third time
    (sent,) = outbox(app)
    assert (sent.status, sent.attempts) == ("sent", 2)
    first, second = smtp.message_ids()
    assert first == second == sent.message_id  # the receiver can tell it is the same mail
