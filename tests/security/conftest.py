"""A small world for security tests: two branches, two centres, one account per actor."""

import time
from datetime import date

import pytest
from sqlalchemy import select

from intranet.admin.services import NewAccountRequest, create_account
from intranet.auth.services.user_sessions import open_session
from intranet.auth.sessions import SIGNED_IN_AT
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Club, Library, WorkingDay
from intranet.notifications.models import OutboxMessage
from tests.conftest import CSRF_RE
from tests.coworking.conftest import make_booking  # noqa: F401 - a fixture the drills use

ACTOR_ACCOUNTS = {
    "branch_a": {"role": "branch_staff", "library": "no-6"},
    "branch_b": {"role": "branch_staff", "library": "no-8"},
    "coordinator_x": {"role": "coordinator", "centres": ("cowork-no-6",)},
    "coordinator_y": {"role": "coordinator", "centres": ("cowork-no-8",)},
    "central": {"role": "central_staff"},
    "admin": {"role": "admin"},
}


class World:
    """Accounts per actor and builders of objects that routes act on."""

    def __init__(self, app):
        self.app = app
        self.tokens: dict[str, str] = {}
        self.user_ids: dict[str, int] = {}
        self._n = 0
        with app.app_context():
            for actor, spec in ACTOR_ACCOUNTS.items():
                request = NewAccountRequest(
                    email=f"{actor}@test.kz", password="long enough pw", language="en", **spec
                )
                user = create_account(request, actor=None)
                db.session.flush()
                # Signed in as the sign-in form would: a session row, its token in the cookie.
                self.tokens[actor], self.user_ids[actor] = open_session(user, "pytest"), user.id
            db.session.commit()

    def client(self, actor: str):
        """A browser signed in as this actor (or anonymous)."""
        client = self.app.test_client()
        client.get("/?lang=en")
        if actor != "anonymous":
            with client.session_transaction() as session:
                session["_user_id"] = self.tokens[actor]
                session["_fresh"] = True
                session[SIGNED_IN_AT] = int(time.time())  # as the sign-in form records it
        return client

    def csrf(self, client) -> str:
        for path in ("/staff/", "/login"):
            page = client.get(path, follow_redirects=True).get_data(as_text=True)
            match = CSRF_RE.search(page)
            if match:
                return match.group(1)
        raise AssertionError("no CSRF token found")

    def other_user(self) -> int:
        with self.app.app_context():
            self._n += 1
            request = NewAccountRequest(
                email=f"target{self._n}@test.kz", password="long enough pw", role="central_staff"
            )
            user = create_account(request, actor=None)
            db.session.commit()
            return user.id

    def closed_day(self) -> int:
        with self.app.app_context():
            self._n += 1
            library = db.session.scalar(select(Library).where(Library.slug == "no-8"))
            row = ClosedDay(
                day=date(2030, 1, 1 + self._n),
                library=library,
                kind="closure",
                reason_kk="x",
                reason_ru="x",
            )
            db.session.add(row)
            db.session.commit()
            return row.id

    def working_day(self) -> int:
        with self.app.app_context():
            self._n += 1
            row = WorkingDay(
                day=date(2031, 1, 1 + self._n), works_as="mon", reason_kk="x", reason_ru="x"
            )
            db.session.add(row)
            db.session.commit()
            return row.id

    def club_of_branch_a(self) -> str:
        """A club that meets at branch_a's library (no-6)."""
        with self.app.app_context():
            self._n += 1
            library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
            slug = f"matrix-club-{self._n}"
            db.session.add(Club(slug=slug, name_kk="Үйірме", name_ru="Клуб", library=library))
            db.session.commit()
            return slug

    def outbox_message(self) -> int:
        """A failed message an admin may send again or discard."""
        with self.app.app_context():
            self._n += 1
            row = OutboxMessage(
                message_id=f"<matrix-{self._n}@test.kz>",
                kind="test",
                recipient=f"reader{self._n}@test.kz",
                language="kk",
                subject="x",
                body_text="x",
                status="failed",
            )
            db.session.add(row)
            db.session.commit()
            return row.id


@pytest.fixture
def world(app):
    return World(app)
