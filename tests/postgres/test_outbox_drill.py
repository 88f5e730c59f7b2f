"""The drill: two workers on PostgreSQL and 500 queued messages; each arrives exactly once."""

import os
import re
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import func, select

from intranet.extensions import db
from intranet.mail import new_message_id
from intranet.notifications.models import OutboxMessage
from tests.liveserver import ROOT, server_env
from tests.notifications.mailserver import MailServer

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"
)
QUEUED = 500


def test_two_workers_send_500_messages_each_exactly_once(app, database_url, tmp_path):
    smtp = MailServer()
    smtp.start()
    with app.app_context():
        for number in range(QUEUED):
            db.session.add(
                OutboxMessage(
                    message_id=new_message_id(),
                    kind="drill",
                    recipient=f"reader{number}@example.kz",
                    language="kk",
                    subject=f"Сынақ №{number}",
                    body_text="Сәлеметсіз бе!",
                )
            )
        db.session.commit()
        queued = set(db.session.scalars(select(OutboxMessage.message_id)))
    env = server_env(tmp_path, database_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp.port))
    try:
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--once"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    finally:
        smtp.stop()
    sent_by = [int(re.search(r"Sent: (\d+)", output).group(1)) for output in outputs]
    received = Counter(smtp.message_ids())
    print(
        f"\nOutbox drill on PostgreSQL: {QUEUED} queued, 2 workers sent {sent_by[0]} + "
        f"{sent_by[1]}, {len(smtp.messages)} received, {len(received)} distinct Message-IDs, "
        f"{sum(1 for n in received.values() if n > 1)} duplicates."
    )
    assert [worker.returncode for worker in workers] == [0, 0]
    assert sum(sent_by) == QUEUED
    assert set(received) == queued
    assert max(received.values()) == 1
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            ).all()
        )
    assert statuses == {"sent": QUEUED}
