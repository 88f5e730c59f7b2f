"""Sign-in is throttled per account and per client address."""

import pytest

from tests.conftest import PASSWORD, csrf_token


@pytest.fixture
def app_config():
    return {"LOGIN_LIMIT_PER_ACCOUNT": "3 per minute", "LOGIN_LIMIT_PER_IP": "6 per minute"}


def attempt(client, email, token, ip="10.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": "wrong password", "csrf_token": token},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_one_account_is_throttled_after_repeated_failures(client, make_user):
    _, email = make_user("admin")
    token = csrf_token(client)
    codes = [attempt(client, email, token, ip=f"10.0.0.{i}").status_code for i in range(1, 5)]
    assert codes == [200, 200, 200, 429]
    # Another account from the same addresses is not affected.
    assert attempt(client, "other@test.kz", token, ip="10.0.0.9").status_code == 200


def test_one_address_is_throttled_across_accounts(client):
    token = csrf_token(client)
    codes = [attempt(client, f"user{i}@test.kz", token).status_code for i in range(7)]
    assert codes[:6] == [200] * 6
    assert codes[6] == 429


def test_throttled_page_is_translated(client, make_user):
    _, email = make_user("admin")
    client.get("/?lang=ru")
    token = csrf_token(client)
    for _ in range(3):
        attempt(client, email, token)
    response = attempt(client, email, token)
    assert response.status_code == 429
    assert 'lang="ru"' in response.get_data(as_text=True)


def change_password(client, current: str):
    return client.post(
        "/staff/account",
        data={
            "pw-current_password": current,
            "pw-new_password": "brand new secret",
            "pw-confirm": "brand new secret",
            "pw-submit": "1",
            "csrf_token": csrf_token(client, "/staff/account"),
        },
    )


def test_the_current_password_cannot_be_guessed_from_a_signed_in_session(client, login_as):
    """A stolen session must not become an unlimited way to guess the account's password."""
    login_as("admin")
    for _ in range(3):
        body = change_password(client, "a guess").get_data(as_text=True)
        assert "The current password is not correct." in body
    body = change_password(client, PASSWORD).get_data(as_text=True)
    assert "Too many attempts. Please wait a little and try again" in body
    assert client.get("/staff/").status_code == 200  # nothing changed: still signed in
