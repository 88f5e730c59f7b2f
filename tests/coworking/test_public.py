"""Public pages: centres, the day grid, the form (good and bad input), the private page, JSON."""

import re
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from intranet.clock import local_today
from intranet.coworking.forms import BookingForm
from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.conftest import csrf_token
from tests.coworking.conftest import OTHER, SLUG, form_data, get_centre, load, open_days


def count_bookings(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Booking.id)))


def test_centres_page_lists_five_with_seats_free_today(client):
    body = client.get("/coworking?lang=en").get_data(as_text=True)
    assert body.count('href="/coworking/cowork-') >= 5
    assert "Open now" in body or "Closed now" in body
    assert "Find me a seat" in body


def test_home_links_each_centre(client):
    body = client.get("/?lang=en").get_data(as_text=True)
    for slug in ("cowork-central", "cowork-no-12", "cowork-no-6", "cowork-no-8", "cowork-no-9"):
        assert f'href="/coworking/{slug}?lang=en"' in body


def test_grid_shows_free_and_taken_without_names(app, client, make_booking, nine_to_six):
    with app.app_context():
        day = open_days(1)[0]
    make_booking(day=day, full_name="Secret Person", email="secret@example.kz")
    body = client.get(f"/coworking/{SLUG}?date={day.isoformat()}&lang=en").get_data(as_text=True)
    assert "taken" in body
    assert "free, book seat" in body
    assert "Secret" not in body
    assert "secret@example.kz" not in body
    assert "+7701" not in body
    api = client.get(f"/api/v1/coworking/{SLUG}/availability?date={day.isoformat()}")
    assert api.status_code == 200
    data = api.get_json()
    assert data["open"] is True
    assert data["slots"][0] == "09:00"
    assert any("10:00" in seat["busy"] for seat in data["seats"])
    assert "Secret" not in api.get_data(as_text=True)


def test_closed_day_and_bad_dates(client):
    sunday = local_today() + timedelta(days=(6 - local_today().weekday()) % 7 or 7)
    body = client.get(f"/coworking/{SLUG}?date={sunday.isoformat()}&lang=en").get_data(as_text=True)
    assert "closed on this day of the week" in body
    assert (
        client.get(f"/api/v1/coworking/{SLUG}/availability?date={sunday}").get_json()["open"]
        is False
    )
    assert client.get(f"/coworking/{SLUG}?date=2027-02-30").status_code == 400
    response = client.get(f"/api/v1/coworking/{SLUG}/availability?date=2027-02-30")
    assert response.status_code == 400
    assert "error" in response.get_json()
    assert client.get("/coworking/nowhere").status_code == 404
    assert client.get("/api/v1/coworking/nowhere/availability").status_code == 404


def test_booking_flow_page_cancel_and_calendar(app, client):
    client.get("/?lang=ru")
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client))
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "На рассмотрении" in page
    with app.app_context():
        booking = db.session.scalar(select(Booking))
        token, booking_id = booking.token, booking.id
        assert booking.language == "ru"
        assert booking.phone == "+77012345678"
    assert client.get(f"/booking/{token}.ics").status_code == 404  # not confirmed yet
    # A changed or truncated token finds nothing.
    for bad in (token[:-1], token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 43, "%00"):
        assert client.get(f"/booking/{bad}").status_code == 404
    with app.app_context():
        db.session.get(Booking, booking_id).status = "confirmed"
        db.session.commit()
    ics = client.get(f"/booking/{token}.ics")
    assert ics.status_code == 200
    assert b"BEGIN:VEVENT" in ics.data
    assert b"DTSTART:" in ics.data
    token_form = csrf_token(client, f"/booking/{token}/cancel")
    response = client.post(f"/booking/{token}/cancel", data={"csrf_token": token_form})
    assert response.status_code == 303
    assert load(app, booking_id).status == "cancelled"
    assert "Отменено" in client.get(f"/booking/{token}").get_data(as_text=True)
    # The seat is free again: the same slot can be booked by someone else.
    again = client.post(f"/coworking/{SLUG}/book", data=form_data(client, phone="87019998877"))
    assert again.status_code == 302


def test_private_page_uses_the_visitors_language(app, client, make_booking):
    booking = load(app, make_booking(language="kk"))
    fresh = app.test_client()
    assert "Қаралуда" in fresh.get(f"/booking/{booking.token}").get_data(as_text=True)


BAD_INPUT = [
    ("30 February", {"day": "2027-02-30"}, "real date"),
    ("not a date", {"day": "tomorrow"}, "real date"),
    ("25:00", {"start": "25:00"}, "between 00:00"),
    ("duration 0", {"duration": "0"}, "duration"),
    ("duration 30 days", {"duration": str(30 * 24 * 60)}, "duration"),
    ("past date", {"day": "2020-01-06"}, "already passed"),
    ("outside hours", {"start": "07:00"}, "open from"),
    ("invalid phone", {"phone": "12345"}, "mobile number"),
    ("invalid email", {"email": "not-an-email"}, "valid email"),
    ("no consent", {"consent": None}, "agree"),
    ("10,000-character name", {"full_name": "A" * 10_000}, "At most 200"),
    ("emoji name", {"full_name": "Aidana 😀"}, "letters only"),
    ("XSS in name", {"full_name": "<script>alert(1)</script>"}, "letters only"),
    ("NUL byte", {"institution": "Uni\x00"}, "not allowed"),
    ("bad seat value", {"seat": "abc"}, "seat from the list"),
    ("honeypot", {"website": "http://spam.example"}, "must stay empty"),
]


@pytest.mark.parametrize(("case", "overrides", "message"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_clearly(app, client, case, overrides, message):
    client.get("/?lang=en")
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, **overrides))
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body
    assert "<script>alert(1)</script>" not in body
    assert count_bookings(app) == 0


def test_closed_day_and_other_centres_seat_by_form(app, client):
    client.get("/?lang=en")
    sunday = local_today() + timedelta(days=(6 - local_today().weekday()) % 7 or 7)
    response = client.post(
        f"/coworking/{SLUG}/book", data=form_data(client, day=sunday.isoformat())
    )
    assert response.status_code == 400
    assert "closed on this day" in response.get_data(as_text=True)
    with app.app_context():
        other_seat = get_centre(OTHER).seats[0].id
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, seat=str(other_seat)))
    assert response.status_code == 400
    assert "not in this centre" in response.get_data(as_text=True)
    nowhere = client.post("/coworking/nowhere/book", data=form_data(client))
    assert nowhere.status_code == 404
    assert count_bookings(app) == 0


def field_errors(body: str) -> dict[str, list[str]]:
    """The messages shown under each form field (macros/forms.html), by the field's id."""
    return {
        field: re.findall(r"<div>(.*?)</div>", messages, re.S)
        for field, messages in re.findall(
            r'<div id="([\w-]+)-error" class="invalid-feedback d-block">(.*?)\n    </div>',
            body,
            re.S,
        )
    }


def test_the_booking_form_hands_the_service_typed_values(app):
    day = local_today() + timedelta(days=3)
    data = {
        "day": day.isoformat(),
        "start": "10:30",
        "duration": "90",
        "seat": "7",
        "full_name": "Aidana Serikova",
        "phone": "8 701 234 56 78",
        "email": "aidana@example.kz",
        "institution": "Korkyt Ata University",
        "purpose": "",
        "consent": "y",
        "website": "",
    }
    with app.test_request_context(method="POST", data=data):
        form = BookingForm(meta={"csrf": False})
        assert form.validate(), form.errors
        request = form.to_request(language="ru")
    assert type(request.day) is date
    assert request.day == day
    assert type(request.start) is time
    assert request.start == time(10, 30)
    assert type(request.duration) is int
    assert request.duration == 90
    assert type(request.seat_id) is int
    assert request.seat_id == 7
    assert request.consent is True
    assert request.language == "ru"
    assert request.purpose == ""
    with app.test_request_context(method="POST", data={**data, "seat": ""}):
        form = BookingForm(meta={"csrf": False})
        assert form.validate(), form.errors
        assert form.to_request(language="kk").seat_id is None  # any free seat


def test_a_rule_of_the_service_is_shown_next_to_its_field(app, client, nine_to_six):
    """The form accepts these; the service refuses them, naming the field they are about."""
    client.get("/?lang=en")
    sunday = local_today() + timedelta(days=(6 - local_today().weekday()) % 7 or 7)
    with app.app_context():
        other_seat = str(get_centre(OTHER).seats[0].id)
    cases = [
        ({"start": "07:00"}, "start", "open from 09:00 to 18:00"),
        ({"day": sunday.isoformat()}, "day", "closed on this day"),
        ({"seat": other_seat}, "seat", "not in this centre"),
    ]
    for overrides, field, message in cases:
        response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, **overrides))
        assert response.status_code == 400
        errors = field_errors(response.get_data(as_text=True))
        assert list(errors) == [field], errors
        assert message in errors[field][0]
    assert client.post(f"/coworking/{SLUG}/book", data=form_data(client)).status_code == 302
    replay = client.post(f"/coworking/{SLUG}/book", data=form_data(client, start="14:00"))
    assert replay.status_code == 400
    assert "on this day" in field_errors(replay.get_data(as_text=True))["day"][0]


def test_xss_in_free_text_is_stored_but_escaped(app, client, login_as):
    client.get("/?lang=en")
    payload = '<img src=x onerror="alert(1)">'
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, purpose=payload))
    assert response.status_code == 302
    login_as("central_staff")
    body = client.get("/staff/coworking/").get_data(as_text=True)
    assert payload not in body
    assert "&lt;img src=x" in body


def test_a_form_without_a_key_replayed_books_once(app, client):
    """A form from before the key (or stripped of it): the day's allowance refuses the copy."""
    client.get("/?lang=en")
    data = form_data(client, request_key=None)
    assert client.post(f"/coworking/{SLUG}/book", data=data).status_code == 302
    replay = client.post(f"/coworking/{SLUG}/book", data=data)
    assert replay.status_code == 400
    assert "on this day" in replay.get_data(as_text=True)
    assert count_bookings(app) == 1


def test_missing_csrf_token_is_refused(app, client):
    data = form_data(client)
    data.pop("csrf_token")
    assert client.post(f"/coworking/{SLUG}/book", data=data).status_code == 400
    assert count_bookings(app) == 0


def test_taken_seat_answers_409_with_free_seats(app, client, make_booking):
    with app.app_context():
        seat = get_centre().seats[0]
        seat_id, free_label = seat.id, get_centre().seats[1].label
    make_booking(seat_id=seat_id)
    client.get("/?lang=en")
    response = client.post(f"/coworking/{SLUG}/book", data=form_data(client, seat=str(seat_id)))
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "just taken" in body
    assert free_label in body
    assert count_bookings(app) == 1


def test_lists_count_free_seats_in_few_queries(app, client, make_booking):
    from sqlalchemy import event

    with app.app_context():
        day = open_days(1)[0]
    make_booking(day=day)
    statements = []
    with app.app_context():
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            client.get("/coworking")  # the lazy sweep runs on the first load
            statements.clear()
            assert client.get("/coworking").status_code == 200
            assert len(statements) <= 5, statements
            statements.clear()
            assert client.get("/").status_code == 200
            # The home page also shows this week's programme (its own few queries).
            assert len(statements) <= 8, statements
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"COWORKING_BOOK_LIMIT": "2 per minute"}

    def test_form_posts_are_limited_per_address(self, app, client):
        token = csrf_token(client, f"/coworking/{SLUG}/book")
        answers = [
            client.post(
                f"/coworking/{SLUG}/book",
                data={"csrf_token": token},
                environ_base={"REMOTE_ADDR": "10.1.1.1"},
            )
            for _ in range(3)
        ]
        assert [answer.status_code for answer in answers] == [400, 400, 429]
        assert answers[2].headers["Retry-After"] == "60"  # at most the minute of the limit
        assert "X-RateLimit-Remaining" not in answers[0].headers
        other = client.post(
            f"/coworking/{SLUG}/book",
            data={"csrf_token": token},
            environ_base={"REMOTE_ADDR": "10.1.1.2"},
        )
        assert other.status_code == 400
        # Reading the form is not limited.
        assert client.get(f"/coworking/{SLUG}/book").status_code == 200

    def test_each_limited_form_counts_apart_and_the_switch_turns_limits_off(self, app, client):
        token = csrf_token(client, f"/coworking/{SLUG}/book")
        here = {"REMOTE_ADDR": "10.1.1.3"}

        def book() -> int:
            data = {"csrf_token": token}
            return client.post(f"/coworking/{SLUG}/book", data=data, environ_base=here).status_code

        assert [book(), book(), book()] == [400, 400, 429]
        # The same address's first "lost link" POST is counted by that form's own limit.
        lost = client.post("/booking/lost", data={"csrf_token": token}, environ_base=here)
        assert lost.status_code == 400
        app.config["RATELIMIT_ENABLED"] = False
        assert [book(), book()] == [400, 400]


class TestLinksFollowBaseUrl:
    @pytest.fixture
    def app_config(self):
        return {"BASE_URL": "https://intranet.library.kz"}

    def test_booking_calendar_links_to_base_url_whatever_the_host_header(
        self, app, client, make_booking
    ):
        booking_id = make_booking()
        with app.app_context():
            booking = db.session.get(Booking, booking_id)
            booking.status = "confirmed"
            token = booking.token
            db.session.commit()
        ics = client.get(f"/booking/{token}.ics", headers={"Host": "evil.example"})
        assert f"URL:https://intranet.library.kz/booking/{token}".encode() in ics.data.replace(
            b"\r\n ", b""
        )
        assert b"evil.example" not in ics.data
