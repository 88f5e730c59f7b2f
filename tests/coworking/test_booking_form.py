"""The booking form offers only what can be booked, and a refusal always offers another way."""

import re
from datetime import date, time

import pytest

from intranet.clock import local_today
from intranet.extensions import db
from tests.coworking.conftest import OTHER, SLUG, closed_weekday, form_data, get_centre, open_days


def options(body: str, name: str) -> list[str]:
    """The values of a select's options, in order."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', body, re.S)
    assert select, name
    return re.findall(r'<option[^>]*value="([^"]*)"', select.group(1))


def _weekday(app):
    with app.app_context():
        return next(day for day in open_days(7) if day.weekday() < 5)


def test_the_form_opens_on_a_day_with_free_seats_and_only_valid_times(client):
    body = client.get(f"/coworking/{SLUG}/book?lang=en").get_data(as_text=True)
    day = re.search(r'<input type="hidden" name="day" value="([\d-]+)"', body).group(1)
    assert day >= local_today().isoformat()
    starts = options(body, "start")
    assert starts
    assert all(re.fullmatch(r"\d\d:\d\d", s) for s in starts)
    assert "18:00" not in starts  # the closing time is no start


def test_lengths_never_run_past_closing(app, client):
    day = _weekday(app)
    body = client.get(f"/coworking/{SLUG}/book?date={day}&start=17:00&lang=en")
    assert options(body.get_data(as_text=True), "duration") == ["60"]
    body = client.get(f"/coworking/{SLUG}/book?date={day}&start=15:00&lang=en")
    assert options(body.get_data(as_text=True), "duration") == ["60", "120", "180"]


def test_a_closed_day_offers_no_time_and_links_the_next_free_day(app, client):
    with app.app_context():
        sunday = closed_weekday()
    body = client.get(f"/coworking/{SLUG}/book?date={sunday}&lang=en").get_data(as_text=True)
    assert options(body, "start") == []
    assert "closed on this day of the week" in body
    assert "The next day with free seats:" in body
    assert re.search(rf'href="/coworking/{SLUG}/book\?date=[\d-]+"', body)


def test_the_seat_list_says_which_seats_are_free_then(app, client, make_booking):
    day = _weekday(app)
    with app.app_context():
        seats = get_centre().active_seats
        taken, free = seats[0], seats[1]
    make_booking(day=day, seat_id=taken.id, start=time(15), duration=60)
    body = client.get(f"/coworking/{SLUG}/book?date={day}&start=15:00&duration=60&lang=en")
    body = body.get_data(as_text=True)
    assert f"{taken.label} – taken" in body
    assert f"{free.label} – free" in body
    # An hour later the first seat is free again.
    later = client.get(f"/coworking/{SLUG}/book?date={day}&start=16:00&duration=60&lang=en")
    assert f"{taken.label} – free" in later.get_data(as_text=True)


def test_a_taken_seat_offers_other_seats_later_times_and_other_centres(app, client, make_booking):
    day = _weekday(app)
    with app.app_context():
        taken = get_centre().active_seats[0]
    make_booking(day=day, seat_id=taken.id, start=time(10), duration=60)
    client.get("/?lang=en")
    data = form_data(client, day=day.isoformat(), seat=str(taken.id))
    response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "Other options" in body
    # Not the student's mistake: the page says the time could not be booked, not "correct".
    assert "This time could not be booked." in body
    assert "Please correct the marked fields." not in body
    assert "Other seats free at the same time:" in body
    assert f"seat={taken.id}&" not in body.replace("&amp;", "&") + "&"
    assert "The next free times here:" in body
    assert f'href="/coworking/{OTHER}/book?date={day}' in body


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("ru", re.compile(r"\(\d+ свободн(ое место|ых места|ых мест)\)")),
        ("kk", re.compile(r"\(\d+ бос орын\)")),
    ],
)
def test_the_other_centres_say_their_free_seats_mid_sentence(
    app, client, make_booking, lang, phrase
):
    # «(24 свободных места)» after a library's name, not «(Свободно 24 места)».
    day = _weekday(app)
    with app.app_context():
        taken = get_centre().active_seats[0]
    make_booking(day=day, seat_id=taken.id, start=time(10), duration=60)
    client.get(f"/?lang={lang}")
    data = form_data(client, day=day.isoformat(), seat=str(taken.id))
    body = client.post(f"/coworking/{SLUG}/book", data=data).get_data(as_text=True)
    assert f'href="/coworking/{OTHER}/book?date={day}' in body
    assert phrase.search(body), body
    assert "(Свободно" not in body


@pytest.mark.parametrize(
    "day", [pytest.param("ru", id="not-a-day"), pytest.param(None, id="an-open-day")]
)
def test_a_forged_length_is_refused_by_its_field_not_with_an_error_page(app, client, day):
    # A length no day can hold (35 digits) was drawn among the choices: Babel overflowed.
    client.get("/?lang=en")
    asked = day or _weekday(app).isoformat()
    data = form_data(client, day=asked, duration="22488239602503683196792621750026240")
    response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Choose a duration from the list." in body
    assert "22488239602503683196792621750026240" not in options(body, "duration")


def test_a_closed_day_refusal_offers_the_next_free_times(app, client):
    with app.app_context():
        sunday = closed_weekday()
    client.get("/?lang=en")
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, day=str(sunday)))
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "closed on this day" in body
    assert "This time could not be booked." in body
    assert "The next free times here:" in body


def test_a_reached_allowance_is_said_by_the_day_and_still_offers_other_options(app, client):
    day = _weekday(app)
    client.get("/?lang=en")
    first = client.post(f"/coworking/{SLUG}/book", data=form_data(client, day=day.isoformat()))
    assert first.status_code == 302
    again = form_data(client, day=day.isoformat(), start="14:00")
    response = client.post(f"/coworking/{SLUG}/book", data=again)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "You already have" in body
    assert "Other options" in body  # other centres and times, though this person's day is full


def test_the_centre_page_names_each_seats_features(app, client):
    with app.app_context():
        centre = get_centre()
        seat = centre.active_seats[0]
        seat.has_power, seat.has_computer, seat.is_quiet_zone = True, True, True
        db.session.commit()
        label = seat.label
    for lang, words in (
        ("en", ("Power socket", "Computer", "Quiet zone")),
        ("kk", ("Розетка", "Компьютер")),
    ):
        body = client.get(f"/coworking/{SLUG}?lang={lang}").get_data(as_text=True)
        row = body[body.index(f"{label} <span") :][:400]
        for word in words:
            assert word in row, (lang, word)


def test_a_new_date_sends_that_days_choices_in_words_for_the_script(app, client):
    day = _weekday(app)
    with app.app_context():
        sunday = closed_weekday()
    answer = client.get(f"/coworking/{SLUG}/book?date={day}&part=day&lang=kk")
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    data = answer.get_json()
    assert data["day"] == day.isoformat()
    assert f'datetime="{day.isoformat()}"' in data["info"]
    assert data["start"]  # the open day's valid starts, one of them chosen
    assert sum(1 for _value, _label, chosen in data["start"] if chosen) == 1
    assert any("мин" in label or "сағ" in label for _value, label, _c in data["duration"])
    assert data["seat"][0][0] == ""  # "any free seat" first, then each seat free or taken
    assert f"date={day.isoformat()}" in data["availability"]
    closed = client.get(f"/coworking/{SLUG}/book?date={sunday}&part=day&lang=kk").get_json()
    assert closed["start"] == []
    assert 'class="alert alert-secondary' in closed["info"]  # why, and the next free day


def test_a_refusal_at_the_last_hour_before_a_closed_day_offers_times_after_it(
    app, client, make_booking
):
    with app.app_context():
        saturday = next(day for day in open_days(14) if day.weekday() == 5)
        centre = get_centre()
        seat = centre.active_seats[0]
        closes = centre.hours_on(saturday)[1]
    last = time(closes.hour - 1, closes.minute)  # nothing later that day; Sunday is closed
    make_booking(day=saturday, seat_id=seat.id, start=last, duration=60)
    client.get("/?lang=en")
    data = form_data(client, day=saturday.isoformat(), seat=str(seat.id), start=f"{last:%H:%M}")
    response = client.post(f"/coworking/{SLUG}/book", data=data)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    monday = saturday.toordinal() + 2
    assert "The next free times here:" in body
    # Each offered time links into the form for Monday (or later), none for the weekend.
    times = body.split("The next free times here:")[1].split("</ul>")[0]
    offered = re.findall(r'btn-outline-primary" href="[^"]*date=([\d-]+)&amp;start=', times)
    assert offered
    assert all(date.fromisoformat(d).toordinal() >= monday for d in offered), offered
