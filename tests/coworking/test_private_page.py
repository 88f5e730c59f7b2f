"""The private booking page: where and when, cancel behind a question, book again, lost links."""

import re

import pytest
from sqlalchemy import func, select

from intranet.coworking.models import Booking
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.coworking.conftest import load, open_days


def _token(app, booking_id: int) -> str:
    return load(app, booking_id).token


def test_the_page_says_where_with_library_and_map_links(app, client, make_booking):
    token = _token(app, make_booking())
    body = client.get(f"/booking/{token}?lang=en").get_data(as_text=True)
    assert 'href="/libraries/central?lang=en"' in body
    assert "Cancel the booking" in body
    assert f'href="/booking/{token}/cancel"' in body


def test_cancel_asks_first_and_then_offers_to_book_again(app, client, make_booking):
    booking_id = make_booking(full_name="Әлия Нұрова")
    token = _token(app, booking_id)
    client.get("/?lang=en")
    question = client.get(f"/booking/{token}/cancel")
    assert question.status_code == 200
    assert question.headers["Cache-Control"] == "no-store"
    body = question.get_data(as_text=True)
    assert "Yes, cancel the booking" in body
    assert load(app, booking_id).status == "pending"  # asking changes nothing
    sent = client.post(
        f"/booking/{token}/cancel",
        data={"csrf_token": csrf_token(client, f"/booking/{token}/cancel")},
    )
    assert sent.status_code == 303
    assert load(app, booking_id).status == "cancelled"
    page = client.get(f"/booking/{token}").get_data(as_text=True)
    again = re.search(r'href="(/coworking/[^"]+/book\?[^"]+)">Book again', page)
    assert again, page
    link = again.group(1).replace("&amp;", "&")
    assert f"again={token}" in link
    assert "start=10:00" in link
    assert "duration=60" in link
    form = client.get(link).get_data(as_text=True)
    assert 'value="Әлия Нұрова"' in form
    assert '<option selected value="10:00">' in form
    # A cancelled booking cannot be asked about again.
    assert client.get(f"/booking/{token}/cancel").status_code == 303


def test_cancel_needs_the_csrf_token(app, client, make_booking):
    booking_id = make_booking()
    response = client.post(f"/booking/{_token(app, booking_id)}/cancel", data={})
    assert response.status_code == 400
    assert load(app, booking_id).status == "pending"


def _ask_for_links(client, email: str):
    token = csrf_token(client, "/booking/lost")
    return client.post("/booking/lost", data={"csrf_token": token, "email": email})


def test_lost_links_are_sent_in_the_bookings_language_and_the_answer_never_tells(
    app, client, make_booking
):
    with app.app_context():
        first, second = open_days(2)
    make_booking(day=first, email="lost@example.kz", language="ru")
    make_booking(day=second, email="lost@example.kz", language="kk")
    client.get("/?lang=en")
    known = _ask_for_links(client, "Lost@Example.kz ")
    unknown = _ask_for_links(client, "nobody@example.kz")
    assert known.status_code == unknown.status_code == 303
    assert (
        client.get(known.headers["Location"])
        .get_data(as_text=True)
        .count("If this address has active bookings")
        == 1
    )
    with app.app_context():
        messages = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "coworking.links")
        ).all()
        assert sorted(m.language for m in messages) == ["kk", "ru"]
        assert {m.recipient for m in messages} == {"lost@example.kz"}
        tokens = db.session.scalars(select(Booking.token)).all()
        ru = next(m for m in messages if m.language == "ru")
        assert "Здравствуйте" in ru.body_text or "/booking/" in ru.body_text
        assert sum(f"/booking/{t}" in ru.body_text for t in tokens) == 1


def test_lost_links_refuse_a_bad_email_and_need_csrf(client):
    client.get("/?lang=en")
    bad = _ask_for_links(client, "not-an-email")
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.get_data(as_text=True)
    assert client.post("/booking/lost", data={"email": "a@example.kz"}).status_code == 400


class TestLostLinksAreRateLimited:
    @pytest.fixture
    def app_config(self):
        return {"COWORKING_LINKS_LIMIT": "2 per minute"}

    def test_a_third_request_in_a_minute_is_refused(self, app, client):
        token = csrf_token(client, "/booking/lost")
        codes = [
            client.post(
                "/booking/lost",
                data={"csrf_token": token, "email": f"n{n}@example.kz"},
                environ_base={"REMOTE_ADDR": "10.2.2.2"},
            ).status_code
            for n in range(3)
        ]
        assert codes == [303, 303, 429]
        with app.app_context():
            assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
        assert client.get("/booking/lost").status_code == 200
