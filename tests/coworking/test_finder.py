"""What the centres say now, and "find me a seat": free seats for a time, links into the form."""

import re
from datetime import time, timedelta

from intranet.clock import from_local
from intranet.coworking.queries import DayGrid, grids_ahead, slot_times
from tests.coworking.conftest import OTHER, SLUG, closed_weekday, get_centre, open_days


def _weekday(app):
    """The next open Monday to Friday of the central centre (open 09:00-18:00)."""
    with app.app_context():
        return next(day for day in open_days(7) if day.weekday() < 5)


def test_rest_of_the_day_counts_only_what_can_still_be_booked(app):
    day = _weekday(app)
    with app.app_context():
        centre = get_centre()
        seats = len(centre.active_seats)

        def grid_at(hour: int, minute: int) -> DayGrid:
            now = from_local(day, time(hour, minute))
            return DayGrid(centre=centre, day=day, slots=slot_times(centre, day), now=now)

        # At 16:30 one hour is left: every seat is free from 17:00 only.
        late = grid_at(16, 30)
        assert late.seats_bookable() == seats
        assert late.next_free() == (from_local(day, time(17)), seats)
        # At 17:30 nothing can start any more (a booking lasts an hour at least).
        assert grid_at(17, 30).seats_bookable() == 0
        assert grid_at(17, 30).next_free() is None
        # An hour's notice: at 16:15 the 17:00 start is too close.
        centre.min_notice_minutes = 60
        assert grid_at(16, 15).seats_bookable() == 0


def test_cards_say_open_or_closed_now_and_the_next_free_slot(client):
    body = client.get("/coworking?lang=en").get_data(as_text=True)
    assert body.count("Open now") + body.count("Closed now") == 5
    assert body.count("Next free:") == 5
    # The main action, a plain GET form, is filled with the first free slot.
    assert 'action="/coworking/find?lang=en"' in body
    assert re.search(r'name="date"[^>]*type="date"[^>]*value="\d{4}-\d\d-\d\d"', body)


def test_find_lists_free_seats_each_a_link_into_the_form(app, client, make_booking):
    day = _weekday(app)
    with app.app_context():
        seats = get_centre().active_seats
        taken, free = seats[0].id, seats[1].id
    make_booking(day=day, seat_id=taken, start=time(15), duration=120)
    query = f"date={day.isoformat()}&start=15:00&duration=120"
    body = client.get(f"/coworking/find?{query}&lang=en").get_data(as_text=True)
    link = f'href="/coworking/{SLUG}/book?{query.replace("&", "&amp;")}&amp;seat='
    assert f'{link}{free}"' in body
    assert f'{link}{taken}"' not in body
    assert f"{len(seats) - 1} seats free" in body
    form = client.get(f"/coworking/{SLUG}/book?{query}&seat={free}&lang=en").get_data(as_text=True)
    assert '<option selected value="15:00">' in form
    assert '<option selected value="120">' in form
    assert f'<option selected value="{free}">' in form


def test_find_says_why_a_time_cannot_be_booked(app, client):
    with app.app_context():
        sunday = closed_weekday()
    body = client.get(f"/coworking/find?date={sunday}&start=10:00&duration=60&lang=en")
    assert body.status_code == 200
    assert body.get_data(as_text=True).count("closed on this day") == 5
    late = _weekday(app)
    body = client.get(f"/coworking/find?date={late}&start=17:00&duration=120&lang=en")
    assert "open from 09:00 to 18:00" in body.get_data(as_text=True)


def test_find_refuses_bad_input_with_a_message(client):
    response = client.get("/coworking/find?date=2026-02-30&start=25:00&duration=x&lang=en")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Enter a real date" in body
    assert "Choose a duration from the list." in body


def test_find_in_the_past_is_refused(app, client):
    with app.app_context():
        yesterday = open_days(1)[0] - timedelta(days=3)
    body = client.get(f"/coworking/find?date={yesterday}&start=10:00&duration=60&lang=en")
    assert "already passed" in body.get_data(as_text=True)


def test_a_centres_days_hold_only_its_own_seats(app, make_booking):
    with app.app_context():
        day = open_days(1, OTHER)[0]
        other_seat = get_centre(OTHER).active_seats[0].id
    make_booking(OTHER, day=day, seat_id=other_seat, start=time(10), duration=60)
    with app.app_context():
        here, other = get_centre(), get_centre(OTHER)
        mine = grids_ahead([here], day, 1)[(here.id, day)]
        theirs = grids_ahead([other], day, 1)[(other.id, day)]
        both = grids_ahead([here, other], day, 1)[(here.id, day)]
    assert mine.held == {}
    assert set(theirs.held.values()) == {frozenset({other_seat})}
    assert len(theirs.held) == 4  # the hour's quarter hours
    assert both.held == theirs.held  # one read for both centres


def test_held_quarter_hours_are_read_per_seat_and_a_full_hour_is_passed_over(app, make_booking):
    day = _weekday(app)
    with app.app_context():
        seats = [seat.id for seat in get_centre().active_seats]
    for seat in seats:
        make_booking(day=day, seat_id=seat, start=time(9), duration=60)
    make_booking(day=day, seat_id=seats[0], start=time(10), duration=60)
    with app.app_context():
        centre = get_centre()
        grid = grids_ahead([centre], day, 1)[(centre.id, day)]
        nine, ten = from_local(day, time(9)), from_local(day, time(10))
        assert grid.held[nine] == frozenset(seats)  # every seat, in one row of the read
        assert grid.seats_free_at(nine) == []
        assert [seat.id for seat in grid.seats_free_at(ten)] == seats[1:]
        assert grid.state(centre.active_seats[0], ten) == "busy"
        assert grid.state(centre.active_seats[1], ten) == "free"
        assert grid.next_free() == (ten, len(seats) - 1)
