"""The check-in window is each centre's own setting: the seat's code, a typed code and the
coordinator's board all follow it, and the student reads it in their language."""

import pytest
from sqlalchemy.exc import IntegrityError

from intranet.extensions import db
from tests.conftest import csrf_token
from tests.coworking.conftest import SLUG, get_centre, load
from tests.coworking.test_self_check_in import at, confirmed, day, paths, post  # noqa: F401
from tests.test_forms import SETUP, _rules_data


def set_window(app, minutes: int) -> None:
    with app.app_context():
        get_centre().check_in_opens_minutes = minutes
        db.session.commit()


def test_a_longer_window_lets_the_seat_check_in_earlier(app, confirmed, day):  # noqa: F811
    booking_id, token, _ = confirmed  # 10:00-12:00
    set_window(app, 60)
    (seat_one,) = paths(app, 0)
    phone = app.test_client()
    with at(day, 9, 5):
        phone.get(f"/booking/{token}?lang=en")  # remembered on this phone
        page = phone.get(seat_one).get_data(as_text=True)
        assert "data-check-in-opens" not in page
        done = post(phone, seat_one).get_data(as_text=True)
        assert "Checked in: seat 01 until 12:00." in done
    assert load(app, booking_id).status == "checked_in"


def test_a_shorter_window_is_told_and_kept_by_the_seat_and_a_typed_code(app, confirmed, day):  # noqa: F811
    booking_id, token, code = confirmed
    set_window(app, 10)
    (seat_one,) = paths(app, 0)
    phone = app.test_client()
    with at(day, 9, 45):
        phone.get(f"/booking/{token}?lang=en")
        page = phone.get(seat_one).get_data(as_text=True)
        assert "Check-in opens 10 minutes before the start of the booking." in page
        assert "30 minutes" not in page
        other_phone = app.test_client()
        other_phone.get("/?lang=en")
        typed = post(other_phone, seat_one, code).get_data(as_text=True)
        assert "Check-in opens 10 minutes before the start of the booking." in typed
    assert load(app, booking_id).status == "confirmed"
    with at(day, 9, 50):
        phone.get("/?lang=en")
        assert "Checked in: seat 01" in post(phone, seat_one, code).get_data(as_text=True)
    assert load(app, booking_id).status == "checked_in"


def test_the_coordinators_board_follows_the_centres_window(app, client, login_as, confirmed, day):  # noqa: F811
    booking_id, _, code = confirmed
    set_window(app, 0)
    board = f"/staff/coworking/{SLUG}/board?date={day}"
    with at(day, 9, 55):
        login_as("coordinator", centres=[SLUG], language="en")
        token = csrf_token(client, board)
        tick = client.post(
            f"/staff/coworking/bookings/{booking_id}/check-in?next=board",
            data={"csrf_token": token},
            follow_redirects=True,
        )
        assert "Check-in opens at the start of the booking." in tick.get_data(as_text=True)
        by_code = client.post(
            f"/staff/coworking/{SLUG}/check-in",
            data={"csrf_token": token, "code": code},
            follow_redirects=True,
        )
        assert "Check-in opens at the start of the booking." in by_code.get_data(as_text=True)
    assert load(app, booking_id).status == "confirmed"
    with at(day, 10, 0):
        client.post(f"/staff/coworking/{SLUG}/check-in", data={"csrf_token": token, "code": code})
    assert load(app, booking_id).status == "checked_in"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "Келуді брондау басталуынан 45 минут бұрын белгілеуге болады."),
        ("ru", "Отметить приход можно за 45 минут до начала бронирования."),
    ],
)
def test_the_student_reads_the_window_in_their_language(app, confirmed, day, language, words):  # noqa: F811
    _, token, _ = confirmed
    set_window(app, 45)
    (seat_one,) = paths(app, 0)
    phone = app.test_client()
    with at(day, 9, 0):
        private = phone.get(f"/booking/{token}?lang={language}").get_data(as_text=True)
        assert words in private
        assert words in phone.get(f"{seat_one}?lang={language}").get_data(as_text=True)


def test_the_setup_saves_the_window(app, client, login_as):
    login_as("coordinator", centres=[SLUG], language="ru")
    page = client.get(SETUP).get_data(as_text=True)
    assert 'name="check_in_opens_minutes"' in page
    assert 'value="30"' in page
    assert (
        client.post(SETUP, data=_rules_data(client, check_in_opens_minutes="0")).status_code == 303
    )
    with app.app_context():
        assert get_centre().check_in_opens_minutes == 0
    refused = client.post(SETUP, data=_rules_data(client, check_in_opens_minutes="121"))
    assert refused.status_code == 400
    assert "Введите число от 0 до 120." in refused.get_data(as_text=True)
    with app.app_context():
        assert get_centre().check_in_opens_minutes == 0


def test_the_database_refuses_a_window_outside_0_to_120(app):
    with app.app_context():
        get_centre().check_in_opens_minutes = 500
        with pytest.raises(IntegrityError, match="(?i)check"):
            db.session.flush()
        db.session.rollback()
