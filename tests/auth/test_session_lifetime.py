"""A session ends 12 hours after signing in however active it is, and after 8 idle hours."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from intranet import create_app
from intranet.config import ConfigError
from tests.conftest import login

START = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 08:00 in Kyzylorda
ENDED = "For your security, a session ends 12 hours after signing in. Please sign in again."


@pytest.fixture
def clock():
    """The real clock, moved: Flask's signed cookies and our code both read it."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def work_all_day(client, clock, hours: float) -> None:
    """A request every 50 minutes, well within the idle timeout, for `hours` hours."""
    worked = timedelta()
    while worked + timedelta(minutes=50) <= timedelta(hours=hours):
        clock.shift(timedelta(minutes=50))
        worked += timedelta(minutes=50)
        assert client.get("/staff/").status_code == 200, worked


def test_an_active_session_ends_twelve_hours_after_sign_in(client, make_user, clock):
    _, email = make_user("central_staff")
    assert login(client, email).status_code == 302
    work_all_day(client, clock, hours=11.9)
    clock.move_to(START + timedelta(hours=12, minutes=1))
    response = client.get("/staff/events/?view=week")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/staff/events/?view%3Dweek"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert ENDED in page
    assert client.get("/staff/").status_code == 302  # signed out for good
    assert login(client, email).status_code == 302  # and a new sign-in starts a new 12 hours
    clock.shift(timedelta(hours=1))
    assert client.get("/staff/").status_code == 200


def test_the_message_is_in_the_staff_members_language(client, make_user, clock):
    _, email = make_user("branch_staff", library="no-6", language="ru")
    login(client, email)
    work_all_day(client, clock, hours=11.9)
    clock.move_to(START + timedelta(hours=12))
    page = client.get("/staff/", follow_redirects=True).get_data(as_text=True)
    assert 'lang="ru"' in page
    assert "сеанс завершается через 12 часов после входа" in page


@pytest.mark.parametrize("app_config", [{"SESSION_ABSOLUTE_LIFETIME": timedelta(hours=2)}])
def test_the_lifetime_is_configurable(client, make_user, clock, app_config):
    _, email = make_user("admin")
    login(client, email)
    clock.shift(timedelta(hours=1, minutes=59))
    assert client.get("/staff/").status_code == 200
    clock.shift(timedelta(minutes=2))
    assert client.get("/staff/").status_code == 302


def test_a_session_without_a_sign_in_time_is_ended(client, make_user):
    """Opened before the rule existed: its age is unknown, so it does not go on for ever."""
    _, email = make_user("admin")
    login(client, email)
    with client.session_transaction() as session:
        del session["signed_in_at"]
    assert client.get("/staff/").status_code == 302


def test_the_idle_timeout_still_ends_a_quiet_session_first(client, make_user, clock):
    _, email = make_user("admin")
    login(client, email)
    clock.shift(timedelta(hours=7, minutes=59))
    assert client.get("/staff/").status_code == 200
    clock.shift(timedelta(hours=8, minutes=1))
    assert client.get("/staff/").status_code == 302


def test_the_setting_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SESSION_ABSOLUTE_HOURS", "4")
    assert create_app().config["SESSION_ABSOLUTE_LIFETIME"] == timedelta(hours=4)
    monkeypatch.setenv("SESSION_ABSOLUTE_HOURS", "0")
    with pytest.raises(ConfigError, match="SESSION_ABSOLUTE_HOURS"):
        create_app()


def test_a_new_secret_key_keeps_sessions_signed_with_the_old_one_only_as_a_fallback(
    app, client, make_user
):
    _, email = make_user("central_staff")
    old, new = app.secret_key, "a-new-key-" + "y" * 32
    assert login(client, email).status_code == 302
    app.secret_key = new
    assert client.get("/staff/").status_code == 302  # the old key gone: sign in again
    app.secret_key = old
    assert login(client, email).status_code == 302
    app.secret_key, app.config["SECRET_KEY_FALLBACKS"] = new, [old]
    assert client.get("/staff/").status_code == 200  # still signed in
