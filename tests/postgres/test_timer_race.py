"""Two workers run the monthly reminder timer at the same moment on PostgreSQL: each library's
staff are reminded once (the timer's mark has a unique key; the loser waits, then skips)."""

import os
import threading
from datetime import date, time

import pytest
from sqlalchemy import func, select

from intranet.clock import from_local
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.notifications.models import OutboxMessage, TimerMark
from intranet.reports.services import remind_months_due

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"
)


def test_two_workers_remind_each_library_once(app, make_user):
    make_user("branch_staff", library="no-6")
    make_user("branch_staff", library="no-8")
    first = from_local(date(2026, 12, 1), time(0, 1))
    start = threading.Barrier(2)
    told: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with app.app_context():
                start.wait()
                told.append(remind_months_due(first))
                db.session.commit()
        except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(told) == [0, 2]
    with app.app_context():
        libraries = db.session.scalar(select(func.count(Library.id)))
        assert db.session.scalar(select(func.count(TimerMark.id))) == libraries
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 2
