"""The booking form's CSRF token: signed when the form is drawn, checked when it is sent."""

from flask import g
from sqlalchemy import func, select

from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.coworking.conftest import CSRF_RE, SLUG, form_data

BOOK = f"/coworking/{SLUG}/book"


def test_an_accepted_booking_signs_no_new_token(client):
    data = form_data(client)
    with client:
        response = client.post(BOOK, data=data)
        assert response.status_code == 302
        assert "csrf_token" not in g  # Flask-WTF keeps the token it signs for the request here


def test_a_form_shown_again_after_a_refusal_carries_a_token_that_books(client):
    data = form_data(client, phone="12")
    refused = client.post(BOOK, data=data)
    assert refused.status_code == 400
    token = CSRF_RE.search(refused.get_data(as_text=True)).group(1)
    again = client.post(BOOK, data={**data, "csrf_token": token, "phone": "8 701 234 56 78"})
    assert again.status_code == 302
    assert "/booking/" in again.headers["Location"]


def test_the_form_draws_the_same_token_wherever_it_shows_it(client):
    page = client.get(BOOK).get_data(as_text=True)
    tokens = set(CSRF_RE.findall(page))
    assert len(tokens) == 1
    assert all(len(token) > 40 for token in tokens)


def test_a_form_without_its_token_books_nothing(app, client):
    data = form_data(client)
    del data["csrf_token"]
    assert client.post(BOOK, data=data).status_code == 400
    forged = client.post(BOOK, data={**form_data(client), "csrf_token": "forged"})
    assert forged.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Booking)) == 0
