"""A seat is never booked twice at once, whatever the rules were when each booking was made."""

from datetime import time

import pytest
from sqlalchemy import func, select, update

from intranet.coworking import services
from intranet.coworking.models import Booking, BookingSlot, CoworkingCentre
from intranet.coworking.services import booking as booking_service
from intranet.errors import Conflict
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.coworking.conftest import (
    SLUG,
    booking_request,
    get_centre,
    open_days,
    overlapping_bookings,
)

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat")


def _first_seat(app) -> tuple:
    with app.app_context():
        return open_days(1)[0], get_centre().seats[0].id


def _change(app, **rules) -> None:
    """Change the centre's rules straight in the database, as a coordinator's save would."""
    with app.app_context():
        centre = get_centre()
        for name, value in rules.items():
            setattr(centre, name, value)
        db.session.commit()


def _book(app, day, start, duration, seat_id, n):
    with app.app_context():
        person = {"phone": f"+7702555{n:04d}", "email": f"r{n}@example.kz"}
        request = booking_request(day, start=start, duration=duration, seat_id=seat_id, **person)
        booking = services.create_booking(get_centre(), request)
        db.session.commit()
        return booking.id


def _availability(client, day, seat_id) -> dict:
    data = client.get(f"/api/v1/coworking/{SLUG}/availability?date={day.isoformat()}").get_json()
    return next(seat for seat in data["seats"] if seat["id"] == seat_id)


def test_after_a_shorter_slot_length_a_half_overlapping_booking_is_refused(
    app, client, make_booking
):
    day, seat_id = _first_seat(app)
    make_booking(day=day, start=time(10), duration=60, seat_id=seat_id)  # 10:00-11:00, 60-min slots
    _change(app, slot_minutes=30)
    with pytest.raises(Conflict):
        _book(app, day, time(10, 30), 60, seat_id, 1)  # 10:30-11:30 on the same seat
    seat = _availability(client, day, seat_id)
    assert {"10:00", "10:30"} <= set(seat["busy"])
    assert "10:30" not in seat["free"]
    assert "11:00" in seat["free"]
    page = client.get(f"/coworking/{SLUG}?date={day.isoformat()}").get_data(as_text=True)
    assert f'start=10:30&amp;seat={seat_id}"' not in page  # no "free" link on 10:30
    assert f'start=11:00&amp;seat={seat_id}"' in page
    with app.app_context():
        assert overlapping_bookings() == []


def test_after_moving_the_opening_time_a_shifted_booking_is_refused(app, make_booking):
    day, seat_id = _first_seat(app)
    make_booking(day=day, start=time(10), duration=60, seat_id=seat_id)
    with app.app_context():
        hours = dict(get_centre().opening_hours)
    _change(app, opening_hours={**hours, **{d: ["09:30", "18:00"] for d in WEEK}})
    with pytest.raises(Conflict):
        _book(app, day, time(10, 30), 60, seat_id, 2)
    # The slot after it is still bookable: the guard is exact, not a whole-hour block.
    _book(app, day, time(11, 30), 60, seat_id, 3)
    with app.app_context():
        assert db.session.scalar(select(func.count(Booking.id))) == 2
        assert overlapping_bookings() == []


def test_a_longer_slot_shows_a_partly_taken_slot_as_taken(app, client, make_booking):
    day, seat_id = _first_seat(app)
    _change(app, slot_minutes=30)
    make_booking(day=day, start=time(10, 30), duration=60, seat_id=seat_id)  # 10:30-11:30
    _change(app, slot_minutes=60)
    seat = _availability(client, day, seat_id)
    assert {"10:00", "11:00"} <= set(seat["busy"])
    assert "12:00" in seat["free"]
    for at in (time(10), time(11)):
        with pytest.raises(Conflict):
            _book(app, day, at, 60, seat_id, 4)
    # "Any free seat" at 10:00 passes over the half-taken seat.
    any_seat = _book(app, day, time(10), 60, None, 5)
    with app.app_context():
        assert db.session.get(Booking, any_seat).seat_id != seat_id


def test_the_staff_board_shows_a_booking_on_every_slot_it_overlaps(
    app, client, login_as, make_booking
):
    day, seat_id = _first_seat(app)
    _change(app, slot_minutes=30)
    make_booking(day=day, start=time(10, 30), duration=60, seat_id=seat_id, full_name="Half Hour")
    _change(app, slot_minutes=60)
    login_as("coordinator", centres=[SLUG])
    page = client.get(f"/staff/coworking/{SLUG}/board?date={day.isoformat()}").get_data(
        as_text=True
    )
    assert "Half Hour" in page
    with app.app_context():
        label = get_centre().seats[0].label
    row = page[page.index(f'<th scope="row">{label}</th>') :].split("</tr>")[0]
    assert row.count("Pending") == 2  # the 10:00 and 11:00 columns


@pytest.mark.usefixtures("in_english")
def test_bookings_start_on_quarter_hours(app):
    day, seat_id = _first_seat(app)
    with app.app_context():
        hours = dict(get_centre().opening_hours)
    # Hours saved before quarter hours were required: the slot grid starts at 09:10.
    _change(app, opening_hours={**hours, **{d: ["09:10", "18:00"] for d in WEEK}})
    with pytest.raises(services.BookingError, match="quarter of an hour"):
        _book(app, day, time(10, 10), 60, seat_id, 6)


def _rules_form(client, **overrides) -> dict:
    return {
        "csrf_token": csrf_token(client, f"/staff/coworking/{SLUG}/setup"),
        "slot_minutes": "60",
        "min_duration_minutes": "60",
        "max_duration_minutes": "240",
        "horizon_days": "14",
        "min_notice_minutes": "30",
        "grace_minutes": "15",
        "check_in_opens_minutes": "30",
        "limit_per_day": "1",
        "limit_per_week": "5",
        "block_after_no_shows": "3",
        "block_window_days": "30",
        "block_days": "14",
        "sanitary_day": "",
        **{f"{d}_open": "09:00" for d in WEEK},
        **{f"{d}_close": "18:00" for d in WEEK},
        **overrides,
    }


def test_setup_refuses_hours_off_quarter_hours(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    response = client.post(
        f"/staff/coworking/{SLUG}/hours", data=_rules_form(client, mon_open="09:10")
    )
    assert response.status_code == 400
    assert "quarter hours" in response.get_data(as_text=True)
    with app.app_context():
        assert get_centre().opening_hours["mon"] == ["09:00", "18:00"]


def test_setup_accepts_no_notice_and_no_block(app, client, login_as):
    login_as("coordinator", centres=[SLUG])
    data = _rules_form(client, min_notice_minutes="0", block_days="0", mon_open="09:15")
    assert client.post(f"/staff/coworking/{SLUG}/setup", data=data).status_code == 303
    assert client.post(f"/staff/coworking/{SLUG}/hours", data=data).status_code == 303
    with app.app_context():
        centre = get_centre()
        assert (centre.min_notice_minutes, centre.block_days) == (0, 0)
        assert centre.opening_hours["mon"] == ["09:15", "18:00"]


def _meanwhile(app, **values) -> None:
    """Another coordinator's change, committed on its own connection (the rules version moves)."""
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            update(CoworkingCentre)
            .where(CoworkingCentre.slug == SLUG)
            .values(rules_version=CoworkingCentre.rules_version + 1, **values)
        )


@pytest.mark.usefixtures("in_english")
def test_a_booking_made_while_the_rules_change_is_checked_again_under_the_new_ones(app):
    day, seat_id = _first_seat(app)
    with app.app_context():
        centre = get_centre()
        hours = {d: ["09:00", "10:00"] for d in WEEK}
        assert centre.hours_on(day) is not None  # read under the old hours (09:00-18:00)
        _meanwhile(app, opening_hours={**centre.opening_hours, **hours})
        with pytest.raises(services.BookingError, match="open from 09:00 to 10:00") as caught:
            services.create_booking(centre, booking_request(day, seat_id=seat_id))
        assert caught.value.field == "start"
        # The first attempt's rows went with its savepoint, before any rollback of the caller.
        assert db.session.scalar(select(func.count(Booking.id))) == 0
        assert db.session.scalar(select(func.count(BookingSlot.id))) == 0


def test_a_booking_still_fitting_the_changed_rules_is_made_once(app, monkeypatch):
    day, seat_id = _first_seat(app)
    checks = []
    real = booking_service.rules_unchanged

    def counted(seen_version, version):
        checks.append(seen_version)
        return real(seen_version, version)

    monkeypatch.setattr(booking_service, "rules_unchanged", counted)
    with app.app_context():
        centre = get_centre()
        seen = centre.rules_version
        _meanwhile(app)  # the version moves, the rules stay as they were
        booking = services.create_booking(centre, booking_request(day, seat_id=seat_id))
        db.session.commit()
        assert checks == [seen, seen + 1]  # refused once, then checked again and saved
        assert db.session.scalar(select(func.count(Booking.id))) == 1
        assert len(booking.slots) == 4
        assert db.session.scalar(select(func.count(BookingSlot.id))) == 4


@pytest.mark.usefixtures("in_english")
def test_rules_that_keep_changing_refuse_the_booking(app, monkeypatch):
    day, seat_id = _first_seat(app)
    monkeypatch.setattr(booking_service, "rules_unchanged", lambda *_: False)
    with app.app_context():
        with pytest.raises(services.RulesChanged) as caught:
            services.create_booking(get_centre(), booking_request(day, seat_id=seat_id))
        assert caught.value.status_code == 409
        assert "changed a moment ago" in str(caught.value)
        assert db.session.scalar(select(func.count(Booking.id))) == 0
