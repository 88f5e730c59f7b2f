"""The day board refreshes its seats and bookings from the server: the part it asks for."""

from sqlalchemy import update

from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.coworking.conftest import OTHER, SLUG
from tests.coworking.test_self_check_in import at, confirmed, day  # noqa: F401

CHECKED_IN = '<span class="badge text-bg-primary">Checked in</span>'


def test_the_board_asks_for_its_live_part_by_a_script_file(app, client, login_as, day):  # noqa: F811
    login_as("coordinator", centres=[SLUG], language="en")
    page = client.get(f"/staff/coworking/{SLUG}/board?date={day}").get_data(as_text=True)
    assert "/static/js/board-refresh." in page
    assert f'data-refresh-url="/staff/coworking/{SLUG}/board?date={day}&amp;part=live"' in page
    assert 'data-refresh-seconds="20"' in page
    assert "<script>" not in page  # no inline script: the CSP would stop it


def test_the_live_part_shows_a_self_check_in_and_takes_no_flash(
    app,
    client,
    login_as,
    confirmed,  # noqa: F811
    day,  # noqa: F811
):
    booking_id, _, _ = confirmed
    live = f"/staff/coworking/{SLUG}/board?date={day}&part=live"
    with at(day, 9, 50):
        login_as("coordinator", centres=[SLUG], language="en")
        before = client.get(live)
        assert before.status_code == 200
        assert before.headers["Cache-Control"] == "no-store"
        body = before.get_data(as_text=True)
        assert "<html" not in body
        assert CHECKED_IN not in body
        assert "Updated at 09:50." in body
        with app.app_context():
            db.session.execute(
                update(Booking).where(Booking.id == booking_id).values(status="checked_in")
            )
            db.session.commit()
        with client.session_transaction() as session:
            session["_flashes"] = [("success", "Saved earlier")]
        assert CHECKED_IN in client.get(live).get_data(as_text=True)
        # The flash waits for the next full page, where the coordinator reads it.
        assert "Saved earlier" in client.get(live.replace("&part=live", "")).get_data(as_text=True)


def test_the_live_part_is_the_boards_own_permission(app, client, login_as, day):  # noqa: F811
    live = f"/staff/coworking/{{}}/board?date={day}&part=live"
    assert client.get(live.format(SLUG)).status_code == 302  # to the sign-in page
    login_as("coordinator", centres=[SLUG])
    assert client.get(live.format(OTHER)).status_code == 403
