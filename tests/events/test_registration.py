"""Registering for an event: places while they remain, then the waitlist; one per contact."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from intranet.errors import IntranetError
from intranet.events import services
from intranet.events.models import Registration, RegistrationRules
from intranet.extensions import db
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.events.registering import (
    RegistrationStatus,
    form,
    get_event,
    open_registration,
    person,
    statuses,
    taken,
)

C, W = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


def test_places_then_the_waitlist_and_groups_count(app, make_event):
    event_id = open_registration(app, capacity=3)
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1, group_size=2))
        services.register(event, person(2, group_size=2))  # 2 + 2 > 3: waits
        services.register(event, person(3))  # fits, but must not jump the queue
        db.session.commit()
        assert statuses(event_id) == [C, W, W]
        assert taken(event_id) == 2


def test_the_same_phone_or_email_twice_is_refused_clearly(app, make_event):
    event_id = open_registration(app)
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1))
        db.session.commit()
        for again in (person(1, email="other@example.kz"), person(2, email="reader1@example.kz")):
            with pytest.raises(IntranetError) as refused:
                services.register(event, again)
            with force_locale("en"):
                assert "already registered" in str(refused.value)
            db.session.rollback()
        assert statuses(event_id) == [C]
        assert taken(event_id) == 1


def test_after_cancelling_the_same_person_may_register_again(app, make_event):
    event_id = open_registration(app)
    with app.app_context():
        event = get_event(event_id)
        first = services.register(event, person(1))
        services.leave(event, first)
        services.register(event, person(1))
        db.session.commit()
        assert statuses(event_id) == [RegistrationStatus.CANCELLED, C]
        assert taken(event_id) == 1


def test_a_freed_place_is_offered_then_passes_on_when_the_offer_expires(app, make_event):
    event_id = open_registration(app, capacity=1, offer_hours=24)
    with app.app_context():
        event = get_event(event_id)
        first = services.register(event, person(1))
        services.register(event, person(2))
        services.register(event, person(3))
        services.leave(event, first)
        db.session.commit()
        assert statuses(event_id)[1:] == [RegistrationStatus.OFFERED, W]
        assert services.expire_offers(utc_now() + timedelta(hours=25)) == 1
        db.session.commit()
        assert statuses(event_id)[1:] == [RegistrationStatus.EXPIRED, RegistrationStatus.OFFERED]
        third = db.session.scalars(select(Registration).order_by(Registration.id)).all()[2]
        services.accept_offer(event, third)
        db.session.commit()
        assert statuses(event_id)[2] == C
        assert taken(event_id) == 1
        kinds = db.session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)).all()
        assert "registration.offered" in kinds
        assert "registration.expired" in kinds


def test_a_place_freed_close_to_the_start_is_given_at_once(app, make_event):
    event_id = open_registration(app, capacity=1, offer_hours=24)
    with app.app_context():
        event = get_event(event_id)
        first = services.register(event, person(1))
        services.register(event, person(2))
        services.leave(event, first, now=event.start_dt - timedelta(hours=5))
        db.session.commit()
        assert statuses(event_id) == [RegistrationStatus.CANCELLED, C]


def test_the_capacity_is_held_by_the_database(app, make_event):
    event_id = open_registration(app, capacity=2)
    with app.app_context():
        rules = db.session.get(RegistrationRules, event_id)
        rules.places_taken = 3
        with pytest.raises(Exception, match="(?i)check"):
            db.session.flush()


def test_the_public_form_confirms_then_waitlists_and_the_link_cancels(app, make_event, client):
    event_id = open_registration(app, capacity=1, offer_hours=None)
    page = client.get(f"/events/{event_id}?lang=en").get_data(as_text=True)
    assert "1 place left of 1." in page
    url = f"/events/{event_id}/register?lang=en"
    token = csrf_token(client, url)
    first = client.post(url, data=form(1, token))
    assert first.status_code == 302
    # The cached event page moved on with the registration: no place left now.
    assert "All places are taken" in client.get(f"/events/{event_id}?lang=en").get_data(
        as_text=True
    )
    second = client.post(url, data=form(2, token))
    waiting = client.get(second.location).get_data(as_text=True)
    assert "Your number in the queue: 1." in waiting
    twice = client.post(url, data=form(2, token))
    assert twice.status_code == 400
    assert "already registered" in twice.get_data(as_text=True)
    mine = client.get(first.location)
    assert mine.headers["Cache-Control"] == "no-store"
    link = re.search(r"/registration/([\w-]+)", first.location).group(1)
    cancelled = client.post(f"/registration/{link}/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 303
    promoted = client.get(second.location).get_data(as_text=True)
    assert "Place confirmed" in promoted


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "", "email": ""}, "Give a mobile phone or an email address."),
        ({"phone": "12345"}, "Enter a mobile number such as"),
        ({"consent": ""}, "Please agree to the processing"),
        ({"group_size": "9"}, "Not a valid choice"),
        ({"full_name": "R2D2"}, "Write your name in letters only."),
    ],
)
def test_bad_input_is_told_and_nothing_saved(app, make_event, client, changes, message):
    event_id = open_registration(app)
    url = f"/events/{event_id}/register?lang=en"
    answer = client.post(url, data=form(1, csrf_token(client, url), **changes))
    assert answer.status_code == 400
    assert message in answer.get_data(as_text=True)
    with app.app_context():
        assert statuses(event_id) == []


def test_no_form_when_registration_is_off_or_closed(app, make_event, client):
    event_id = open_registration(app, mode="staff")
    page = client.get(f"/events/{event_id}/register?lang=en").get_data(as_text=True)
    assert "made by the library" in page
    assert 'name="full_name"' not in page
    other = make_event(status="approved")
    assert "needs no registration" in client.get(f"/events/{other}/register?lang=en").get_data(
        as_text=True
    )


def test_the_event_page_stays_cacheable_and_its_places_fresh(app):
    event_id = open_registration(app, capacity=2)
    reader = app.test_client()
    path = f"/events/{event_id}?lang=kk"
    first = reader.get(path)
    assert first.headers["Cache-Control"].startswith("public")
    assert "Set-Cookie" not in first.headers
    assert 'data-places-left="2"' in first.get_data(as_text=True)
    with app.app_context():
        services.register(get_event(event_id), person(1, full_name="Жасырын Адам"))
        db.session.commit()
    again = reader.get(path).get_data(as_text=True)
    assert 'data-places-left="1"' in again  # the registration bumped the cached page's version
    assert "Жасырын" not in again  # counts only, never names
