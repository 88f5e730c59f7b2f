"""Simultaneous wrong passwords for one account get no more password checks than the limit."""

import os
import threading
import uuid

import pytest
from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.extensions import db
from tests.conftest import PASSWORD, csrf_token

ATTEMPTS = 20
LIMIT = 5


@pytest.fixture(params=["memory", "redis"])
def app_config(request):
    config = {
        "LOGIN_LIMIT_PER_ACCOUNT": f"{LIMIT} per 5 minutes",
        "LOGIN_LIMIT_PER_IP": "1000 per minute",
        # A real hash cost: the check takes long enough for the attempts to overlap.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:60000",
    }
    if request.param == "redis":
        if not os.environ.get("TEST_REDIS_URL"):
            pytest.skip("TEST_REDIS_URL not set")
        config["RATELIMIT_STORAGE_URI"] = os.environ["TEST_REDIS_URL"]
        config["RATELIMIT_KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    return config


def all_at_once(app, email: str, password: str, count: int = ATTEMPTS) -> list[int]:
    """`count` browsers send the sign-in form at the same moment; their status codes."""
    clients = [app.test_client() for _ in range(count)]
    forms = [{"email": email, "password": password, "csrf_token": csrf_token(c)} for c in clients]
    barrier = threading.Barrier(count)
    codes = [0] * count

    def send(i: int) -> None:
        barrier.wait()
        codes[i] = clients[i].post("/login", data=forms[i]).status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def password_checks(app, email: str) -> int:
    """Failed checks of this account's password, as the audit log recorded them."""
    with app.app_context():
        return db.session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.action == "login.failure", AuditLog.target == email)
        )


def test_twenty_simultaneous_wrong_passwords_get_five_checks(app, make_user):
    _, email = make_user("admin")
    codes = all_at_once(app, email, "wrong password")
    assert sorted(codes) == [200] * LIMIT + [429] * (ATTEMPTS - LIMIT)
    assert password_checks(app, email) == LIMIT
    # The right password is not even checked now: the account waits out the window.
    assert all_at_once(app, email, PASSWORD, count=1) == [429]


def test_an_unknown_account_is_throttled_the_same_way(app):
    codes = all_at_once(app, "nobody@test.kz", "wrong password")
    assert codes.count(200) == LIMIT
    assert password_checks(app, "nobody@test.kz") == LIMIT


def test_a_right_password_clears_the_count(app, make_user):
    _, email = make_user("admin")
    assert all_at_once(app, email, "wrong password", count=LIMIT - 1) == [200] * (LIMIT - 1)
    assert all_at_once(app, email, PASSWORD, count=1) == [302]
    # Mistakes before a successful sign-in no longer count against the account.
    assert all_at_once(app, email, "wrong password", count=LIMIT) == [200] * LIMIT
