"""Sign-in with a code (TOTP): enrolment, the second step, replay, recovery codes, admin reset."""

import os
import re
import time
import uuid

import pyotp
import pytest
from sqlalchemy import select

from intranet.auth.models import RecoveryCode, User
from intranet.auth.sessions import PENDING
from intranet.extensions import db
from tests.conftest import PASSWORD, csrf_token, english_client, login, make_app

SECRET_RE = re.compile(r'id="totp-secret">([A-Z2-7 ]+)<')
RECOVERY_RE = re.compile(r"<li class=\"col\">([a-z0-9-]{19})</li>")


@pytest.fixture
def app_config():
    return {"TOTP_REQUIRED_FOR_ADMINS": True, "TOTP_LIMIT_PER_ACCOUNT": "4 per minute"}


def secret_on(page: str) -> str:
    match = SECRET_RE.search(page)
    assert match, page[:2000]
    return match.group(1).replace(" ", "")


def post_code(client, path: str, code: str):
    return client.post(path, data={"code": code, "csrf_token": csrf_token(client, path)})


def enrol_on_security_page(client) -> tuple[str, list[str]]:
    secret = secret_on(client.get("/staff/security").get_data(as_text=True))
    done = post_code(client, "/staff/security", pyotp.TOTP(secret).now())
    assert done.status_code == 200
    assert done.headers["Cache-Control"] == "no-store"
    return secret, RECOVERY_RE.findall(done.get_data(as_text=True))


def next_step_code(secret: str) -> str:
    """The code of the step after now: accepted (a phone a little ahead), after enrolment's."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def test_enrol_then_sign_in_with_the_second_step(app, client, login_as):
    _user_id, email = login_as("branch_staff", library="no-6")
    secret, codes = enrol_on_security_page(client)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10
        assert not set(codes) & set(stored)  # only digests are kept

    person = english_client(app)
    step = login(person, email)
    assert step.headers["Location"].endswith("/login/code")
    assert person.get("/staff/").status_code == 302  # not signed in between the two steps
    wrong = post_code(person, "/login/code", "000000")
    assert wrong.status_code == 400
    assert "This code is not correct or has been used already" in wrong.get_data(as_text=True)
    code = next_step_code(secret)
    assert post_code(person, "/login/code", code).status_code == 302
    assert person.get("/staff/").status_code == 200

    # The same code again, from another browser within its window: refused.
    replay = english_client(app)
    login(replay, email)
    assert post_code(replay, "/login/code", code).status_code == 400
    assert replay.get("/staff/").status_code == 302


def test_a_recovery_code_works_once(app, client, login_as):
    _user_id, email = login_as("central_staff")
    _secret, codes = enrol_on_security_page(client)
    first = english_client(app)
    login(first, email)
    assert post_code(first, "/login/code", codes[3].upper()).status_code == 302
    again = english_client(app)
    login(again, email)
    assert post_code(again, "/login/code", codes[3]).status_code == 400


def test_an_admin_without_the_second_step_is_sent_to_enrol_first(app, client, make_user):
    _user_id, email = make_user("admin")
    assert login(client, email).headers["Location"].endswith("/login/enrol")
    assert client.get("/staff/admin/users").status_code == 302  # nothing else until enrolled
    page = client.get("/login/enrol").get_data(as_text=True)
    assert "<svg" in page
    assert "<title>" in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
    wrong = post_code(client, "/login/enrol", "123456")
    assert wrong.status_code == 400
    done = post_code(client, "/login/enrol", pyotp.TOTP(secret_on(page)).now())
    assert len(RECOVERY_RE.findall(done.get_data(as_text=True))) == 10
    assert client.get("/staff/admin/users").status_code == 200
    # Administrators cannot turn it off.
    assert "Turn off" not in client.get("/staff/security").get_data(as_text=True)


def test_the_pending_step_expires(app, client, login_as):
    _user_id, email = login_as("branch_staff", library="no-6")
    secret, _codes = enrol_on_security_page(client)
    person = english_client(app)
    login(person, email)
    with person.session_transaction() as session:
        session[PENDING] = {**session[PENDING], "until": int(time.time()) - 1}
    late = post_code(person, "/login/code", next_step_code(secret))
    assert late.headers["Location"].endswith("/login")
    assert person.get("/staff/").status_code == 302


def test_code_attempts_are_throttled_per_account(app, client, login_as):
    _user_id, email = login_as("branch_staff", library="no-6")
    secret, _codes = enrol_on_security_page(client)
    statuses = []
    for _ in range(4):
        browser = english_client(app)  # a new browser each time, as an attacker would
        login(browser, email)
        statuses.append(post_code(browser, "/login/code", "111111").status_code)
    assert statuses == [400, 400, 400, 400]
    browser = english_client(app)
    login(browser, email)
    assert post_code(browser, "/login/code", next_step_code(secret)).status_code == 429


def test_wrong_code_is_said_in_kazakh(app, client, login_as):
    _user_id, email = login_as("branch_staff", library="no-6", language="kk")
    enrol_on_security_page(client)
    person = app.test_client()
    person.get("/?lang=kk")
    login(person, email)
    page = post_code(person, "/login/code", "999999").get_data(as_text=True)
    assert "Код дұрыс емес" in page


def test_turn_off_and_an_admin_reset(app, client, login_as, make_user):
    user_id, email = make_user("central_staff")
    person = english_client(app)
    assert login(person, email).status_code == 302
    secret, _codes = enrol_on_security_page(person)
    off = post_code(person, "/staff/security", "000000")
    assert off.status_code == 400
    off = post_code(person, "/staff/security", next_step_code(secret))
    assert off.status_code == 302
    secret, _codes = enrol_on_security_page(person)

    admin_id, admin_email = make_user("admin")
    with app.app_context():  # the admin has their own second step already
        admin = db.session.get(User, admin_id)
        admin.totp_secret, admin.totp_enabled_dt = pyotp.random_base32(), admin.created_dt
        db.session.commit()
        admin_secret = admin.totp_secret
    login(client, admin_email)
    assert post_code(client, "/login/code", pyotp.TOTP(admin_secret).now()).status_code == 302
    page = client.get(f"/staff/admin/users/{user_id}").get_data(as_text=True)
    assert "Reset the sign-in code" in page
    done = client.post(
        f"/staff/admin/users/{user_id}/two-factor/reset",
        data={"csrf_token": csrf_token(client, f"/staff/admin/users/{user_id}")},
        follow_redirects=True,
    )
    assert "is reset and the account is signed out" in done.get_data(as_text=True)
    assert person.get("/staff/").status_code == 302  # its sessions ended
    assert login(english_client(app), email, PASSWORD).headers["Location"].endswith("/staff/")
    audit = client.get("/staff/admin/audit").get_data(as_text=True)
    assert "reset the sign-in code of" in audit
    assert "turned on sign-in with a code" in audit
    assert "the sign-in code was asked next" in audit  # signed in only after the code


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL not set")
def test_the_code_limit_is_shared_by_two_app_instances(app, make_user, tmp_path):
    """Two workers sharing Redis count one account's codes together."""
    shared = {
        "RATELIMIT_STORAGE_URI": os.environ["TEST_REDIS_URL"],
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "TOTP_LIMIT_PER_ACCOUNT": "3 per minute",
    }
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    workers = [make_app(url, tmp_path / f"w{n}", **shared) for n in range(2)]
    user_id, email = make_user("central_staff")
    with app.app_context():
        user = db.session.get(User, user_id)
        user.totp_secret, user.totp_enabled_dt = pyotp.random_base32(), user.created_dt
        db.session.commit()
    statuses = []
    for n in range(5):
        browser = english_client(workers[n % 2])
        login(browser, email)
        statuses.append(post_code(browser, "/login/code", "222222").status_code)
    for worker in workers:
        with worker.app_context():
            db.session.remove()
            db.engine.dispose()
    assert statuses == [400, 400, 400, 429, 429]
