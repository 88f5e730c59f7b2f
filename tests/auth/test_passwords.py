"""Password rules wherever a password is set, and sign-in that never cuts a password short."""

import gzip

import pytest
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.auth.services.passwords import COMMON_PASSWORDS_FILE, MAX_PASSWORD_LENGTH
from intranet.extensions import db
from tests.conftest import PASSWORD, csrf_token, english_client, login

COMMON = "This password is one of the most common ones and is easy to guess. Choose another."
TOO_LONG = f"The password must be at most {MAX_PASSWORD_LENGTH} characters long."
LONGEST = "пароль " * (MAX_PASSWORD_LENGTH // 7) + "x" * (MAX_PASSWORD_LENGTH % 7)


def create_by_admin(client, password: str, email: str = "new@test.kz"):
    return client.post(
        "/staff/admin/users/new",
        data={
            "csrf_token": csrf_token(client, "/staff/admin/users/new"),
            "email": email,
            "full_name": "New Person",
            "role": "central_staff",
            "language": "en",
            "password": password,
        },
    )


def reset_by_admin(client, user_id: int, password: str):
    token = csrf_token(client, f"/staff/admin/users/{user_id}")
    client.post(
        f"/staff/admin/users/{user_id}/password",
        data={"csrf_token": token, "new_password": password},
    )
    return client.get(f"/staff/admin/users/{user_id}")  # the flashed message


def change_own(client, password: str):
    return client.post(
        "/staff/account",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": password,
            "pw-confirm": password,
            "pw-submit": "1",
            "csrf_token": csrf_token(client, "/staff/account"),
        },
    )


def create_by_cli(runner, password: str, email: str = "cli@test.kz"):
    return runner.invoke(
        args=["user", "create", "--email", email, "--password", password, "--role", "admin"]
    )


def users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_the_list_ships_with_the_package():
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        words = [line.strip() for line in lines]
    assert len(words) >= 10_000
    assert words[:3] == ["123456", "123456789", "qwerty"]
    licence = COMMON_PASSWORDS_FILE.with_suffix("").with_suffix(".LICENSE").read_text()
    assert "Royce Williams" in licence
    assert "Redistribution and use in source and binary forms" in licence


@pytest.mark.parametrize("password", ["password123", "Password123", "QWERTYUIOP", "iloveyou1"])
def test_an_administrator_cannot_give_a_common_password(app, client, login_as, password):
    login_as("admin")
    response = create_by_admin(client, password)
    assert response.status_code == 200
    assert COMMON in response.get_data(as_text=True)
    assert users(app) == 1  # only the administrator


def test_a_common_password_is_refused_in_russian(app, client, login_as):
    login_as("admin", language="ru")
    body = create_by_admin(client, "password123").get_data(as_text=True)
    assert "Этот пароль — один из самых распространённых" in body


def test_a_reset_to_a_common_password_is_refused(app, client, make_user, login_as):
    target_id, target_email = make_user("branch_staff", library="no-6")
    login_as("admin")
    assert COMMON in reset_by_admin(client, target_id, "Password123").get_data(as_text=True)
    assert login(english_client(app), target_email).status_code == 302  # the old one still works


def test_nobody_changes_their_own_password_to_a_common_one(app, client, login_as):
    _, email = login_as("central_staff")
    assert COMMON in change_own(client, "PASSWORD123").get_data(as_text=True)
    assert login(app.test_client(), email).status_code == 302


def test_the_command_line_refuses_a_common_password(app, runner):
    result = create_by_cli(runner, "password123")
    assert result.exit_code != 0
    assert COMMON in result.output
    assert users(app) == 0


def test_the_longest_password_is_accepted_everywhere(app, client, runner, login_as):
    assert len(LONGEST) == MAX_PASSWORD_LENGTH
    assert create_by_cli(runner, LONGEST).exit_code == 0
    assert login(app.test_client(), "cli@test.kz", LONGEST).status_code == 302
    login_as("admin")
    assert create_by_admin(client, LONGEST).status_code == 302
    assert login(app.test_client(), "new@test.kz", LONGEST).status_code == 302


def test_one_character_more_is_refused_with_a_message(app, client, runner, login_as):
    longer = LONGEST + "x"
    result = create_by_cli(runner, longer)
    assert result.exit_code != 0
    assert TOO_LONG in result.output
    login_as("admin")
    assert TOO_LONG in create_by_admin(client, longer).get_data(as_text=True)
    assert TOO_LONG in change_own(client, longer).get_data(as_text=True)
    assert users(app) == 1


def test_sign_in_never_cuts_a_long_password_short(app, client, make_user):
    """An account whose password was set under the old 1,024-character rule."""
    user_id, email = make_user("admin")
    legacy = "k" * 1024
    with app.app_context():
        db.session.get(User, user_id).set_password(legacy)
        db.session.commit()
    client.get("/?lang=en")
    response = login(client, email, legacy + "anything after it")
    assert "Wrong email or password." in response.get_data(as_text=True)
    assert login(client, email, legacy).status_code == 302


def test_a_full_name_longer_than_its_column_is_refused_not_cut(app, runner):
    """The form holds 200 characters; the command line now does too (PostgreSQL raised)."""
    result = runner.invoke(
        args=[
            *("user", "create", "--email", "n@test.kz", "--password", "long enough pw"),
            *("--role", "admin", "--name", "Ә" * 201),
        ]
    )
    assert result.exit_code != 0
    assert "The full name must be at most 200 characters long." in result.output
    assert users(app) == 0
