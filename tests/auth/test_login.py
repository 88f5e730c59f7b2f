"""Sign-in, sign-out and the life of a session cookie."""

import pytest
from werkzeug.security import generate_password_hash

from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.extensions import db
from tests.conftest import PASSWORD, csrf_token, english_client, login

WRONG = "Wrong email or password."


@pytest.fixture(autouse=True)
def english(client):
    client.get("/?lang=en")


def test_login_success_redirects_to_staff_desk(client, make_user):
    _, email = make_user("central_staff")
    response = login(client, email)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/")
    assert "Welcome" in client.get("/staff/").get_data(as_text=True)


def test_email_is_case_insensitive(client, make_user):
    make_user("admin", email="Aigul@Library.KZ")
    assert login(client, "  AIGUL@library.kz ").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("nobody@test.kz", PASSWORD),  # unknown account
        ("KNOWN", "wrong password"),  # wrong password
        ("x" * 10_000, "y" * 10_000),
        ("nul\x00@test.kz", "pass\x00word"),
        ("😀@test.kz", "😀😀😀😀😀😀😀😀"),
    ],
)
def test_bad_credentials_say_the_same_thing(client, make_user, email, password):
    _, known = make_user("admin")
    token = csrf_token(client)
    response = client.post(
        "/login",
        data={
            "email": known if email == "KNOWN" else email,
            "password": password,
            "csrf_token": token,
        },
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert WRONG in body
    assert "Welcome" not in body


def test_empty_fields_are_a_form_error(client):
    token = csrf_token(client)
    response = client.post("/login", data={"email": "", "password": "", "csrf_token": token})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


def test_login_without_csrf_is_refused(client, make_user):
    _, email = make_user("admin")
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 400
    assert "/staff/" not in response.headers.get("Location", "")


def test_logout_is_post_only(client, login_as):
    login_as("admin")
    assert client.get("/logout").status_code == 405
    assert client.get("/staff/").status_code == 200


def test_replayed_cookie_after_logout_is_refused(app, client, login_as):
    login_as("admin")
    stolen = client.get_cookie("session").value
    token = csrf_token(client, "/staff/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/staff/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_password_change_ends_other_sessions(app, client, login_as):
    _, email = login_as("branch_staff", library="no-6")
    other = app.test_client()
    assert login(other, email).status_code == 302
    token = csrf_token(client, "/staff/account")
    response = client.post(
        "/staff/account",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "brand new secret",
            "pw-confirm": "brand new secret",
            "pw-end_others": "y",  # ticked unless the person unticks it
            "pw-submit": "1",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200  # this browser stays signed in
    assert other.get("/staff/").status_code == 302  # the other one is signed out
    assert login(app.test_client(), email, "brand new secret").status_code == 302


def test_password_change_with_wrong_current_password(client, login_as):
    login_as("admin")
    token = csrf_token(client, "/staff/account")
    response = client.post(
        "/staff/account",
        data={
            "pw-current_password": "nope",
            "pw-new_password": "brand new secret",
            "pw-confirm": "brand new secret",
            "pw-submit": "1",
            "csrf_token": token,
        },
    )
    assert "The current password is not correct." in response.get_data(as_text=True)


def test_deactivation_ends_the_session(app, client, login_as):
    user_id, email = login_as("central_staff")
    with app.app_context():
        user = db.session.get(User, user_id)
        user.is_active = False
        user.end_sessions()
        db.session.commit()
    assert client.get("/staff/").status_code == 302
    assert WRONG in login(english_client(app), email).get_data(as_text=True)


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/staff/account", "/staff/account"),
        ("https://evil.example/", "/staff/"),
        ("//evil.example/x", "/staff/"),
        ("/\\evil.example", "/staff/"),
        ("javascript:alert(1)", "/staff/"),
    ],
)
def test_next_accepts_only_same_site_paths(client, make_user, next_url, expected):
    _, email = make_user("admin")
    token = csrf_token(client)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token, "next": next_url}
    )
    assert response.headers["Location"] == expected


def test_session_cookie_flags(client, make_user):
    _, email = make_user("admin")
    response = login(client, email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_sign_in_and_failures_are_audited(app, client, make_user):
    _, email = make_user("admin")
    login(client, email, "wrong password")
    login(client, email)
    with app.app_context():
        actions = [a.action for a in db.session.scalars(db.select(AuditLog).order_by(AuditLog.id))]
        assert "login.failure" in actions
        assert "login.success" in actions
        assert all(
            "correct horse" not in (a.detail or "") for a in db.session.scalars(db.select(AuditLog))
        )


def test_password_hashing_meets_owasp(app):
    """The production setting: pbkdf2-sha256 with at least 600,000 iterations."""
    from intranet.config import PASSWORD_HASH_METHOD

    assert PASSWORD_HASH_METHOD.startswith("pbkdf2:sha256:")
    assert int(PASSWORD_HASH_METHOD.rsplit(":", 1)[1]) >= 600_000
    with app.app_context():
        app.config["PASSWORD_HASH_METHOD"] = PASSWORD_HASH_METHOD
        user = User(email="x@test.kz", role="admin")
        user.set_password("any characters ✓ ok")
        assert user.password_hash.startswith("pbkdf2:sha256:600000$")
        assert user.check_password("any characters ✓ ok")
        assert not user.check_password("any characters")
    assert generate_password_hash("x", method=PASSWORD_HASH_METHOD).startswith(
        "pbkdf2:sha256:600000$"
    )


def test_idle_timeout_is_set_on_the_session_cookie(app, client, make_user):
    """The session lives PERMANENT_SESSION_LIFETIME after the last request (the idle timeout)."""
    _, email = make_user("admin")
    response = login(client, email)
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie
    assert app.permanent_session_lifetime.total_seconds() == 480 * 60
