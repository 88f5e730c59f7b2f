"""After each decision the coordinator reads what happened and what the visitor gets."""

import html
import re
from datetime import time

import pytest

from intranet.coworking.models import Booking
from intranet.extensions import db
from tests.conftest import csrf_token


def success(response) -> list[str]:
    page = response.get_data(as_text=True)
    found = re.findall(r'<div class="alert alert-success" role="alert">(.*?)</div>', page, re.S)
    return [html.unescape(text).strip() for text in found]


CONFIRMED = {
    "kk": re.compile(
        r"^(\S+) орны расталды: .+, 10:00–11:00\. Келушіге брондау туралы хат электрондық "
        r"поштамен жіберіледі\.$"
    ),
    "ru": re.compile(
        r"^Место (\S+) подтверждено: .+, 10:00–11:00\. Посетитель получит письмо с "
        r"бронированием\.$"
    ),
}
BULK = {
    "kk": "2 өтінім расталды. Әр келушіге брондау туралы хат электрондық поштамен жіберіледі.",
    "ru": "2 заявки подтверждены. Каждый посетитель получит письмо с бронированием.",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_confirming_names_the_seat_and_the_time_and_the_email(
    app, client, login_as, make_booking, lang
):
    booking_id = make_booking()
    login_as("coordinator", centres=["cowork-central"], language=lang)
    token = csrf_token(client, "/staff/coworking/")
    response = client.post(
        f"/staff/coworking/bookings/{booking_id}/approve",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    [message] = success(response)
    match = CONFIRMED[lang].match(message)
    assert match, message
    with app.app_context():
        assert match.group(1) == db.session.get(Booking, booking_id).seat.label


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_confirming_several_counts_them(client, login_as, make_booking, lang):
    ids = [make_booking(), make_booking(start=time(12))]
    login_as("coordinator", centres=["cowork-central"], language=lang)
    token = csrf_token(client, "/staff/coworking/")
    response = client.post(
        "/staff/coworking/approve",
        data={"csrf_token": token, "ids": [str(i) for i in ids]},
        follow_redirects=True,
    )
    assert success(response) == [BULK[lang]]
