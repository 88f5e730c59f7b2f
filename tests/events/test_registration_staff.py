"""Staff and registration: settings, the door list (search, tick, walk-in), print, export,
a message to everyone, and attendance prefilled from the ticks."""

import io
import re
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from intranet.events import services
from intranet.events.models import Registration, RegistrationRules
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.events.registering import (
    RegistrationStatus,
    approved_event,
    get_event,
    open_registration,
    person,
    statuses,
)


def ids(event_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(Registration.id)
            .where(Registration.event_id == event_id)
            .order_by(Registration.id)
        )
    )


def test_settings_open_registration_and_refuse_a_capacity_below_the_places_taken(
    app, client, login_as
):
    event_id = approved_event(app)
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{event_id}/registration"
    token = csrf_token(client, url)
    settings = {"csrf_token": token, "mode": "open", "capacity": "2", "opens_days": "14",
                "closes_hours": "2", "max_group": "3", "offer_hours": ""}  # fmt: skip
    assert client.post(url, data=settings).status_code == 302
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1, group_size=2))
        db.session.commit()
    smaller = client.post(url, data={**settings, "capacity": "1"})
    assert smaller.status_code == 400
    assert "2 places are already taken" in smaller.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(RegistrationRules, event_id).capacity == 2


def test_the_door_list_searches_ticks_adds_a_walk_in_and_prefills_attendance(app, client, login_as):
    event_id = open_registration(app, capacity=5)
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1, full_name="Айгерім Сейтқали", group_size=2))
        services.register(event, person(2, full_name="Ержан Омаров"))
        db.session.commit()
        first, second = ids(event_id)
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{event_id}/registrations"
    page = client.get(url + "?q=айгер").get_data(as_text=True)
    assert "Айгерім Сейтқали" in page
    assert "Ержан Омаров" not in page
    token = csrf_token(client, url)
    for _ in range(2):  # ticking twice is harmless
        tick = client.post(f"{url}/{first}/tick", data={"csrf_token": token, "q": "айгер"})
        assert tick.status_code == 303, tick.location
        assert "q=" in tick.location
    walk = client.post(f"{url}/walk-in", data={"csrf_token": token, "full_name": "Дана Ахмет",
                                              "group_size": "1"})  # fmt: skip
    assert walk.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "3 people have come." in page
    with app.app_context():
        assert statuses(event_id) == [RegistrationStatus.CHECKED_IN, RegistrationStatus.CONFIRMED,
                                      RegistrationStatus.CHECKED_IN]  # fmt: skip
        event = get_event(event_id)
        later = event.start_dt - timedelta(days=30)
        event.start_dt, event.end_dt = later, later + timedelta(hours=2)
        db.session.commit()
    report = client.get(f"/staff/events/{event_id}/attendance").get_data(as_text=True)
    assert re.search(r'name="total"[^>]*value="3"', report)
    assert second


def test_staff_cancel_frees_the_place_for_the_waitlist(app, client, login_as):
    event_id = open_registration(app, capacity=1)
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1))
        services.register(event, person(2))
        db.session.commit()
        first, _ = ids(event_id)
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{event_id}/registrations"
    token = csrf_token(client, url)
    client.post(f"{url}/{first}/cancel", data={"csrf_token": token})
    with app.app_context():
        assert statuses(event_id) == [RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED]


def test_export_is_neutralised_and_print_lists_everyone(app, client, login_as):
    event_id = open_registration(app)
    with app.app_context():
        services.register(get_event(event_id), person(1, full_name="Сара Ахмет"))
        db.session.add(
            Registration(event_id=event_id, status="checked_in", full_name="=HYPERLINK(1)",
                         is_walk_in=True, consent_version="x", group_size=1)
        )  # fmt: skip
        db.session.commit()
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{event_id}/registrations"
    csv = client.get(url + ".csv").get_data(as_text=True)
    assert "'=HYPERLINK(1)" in csv
    assert "+7 701 000 00 01" in csv
    workbook = load_workbook(io.BytesIO(client.get(url + ".xlsx").data))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in values
    printed = client.get(url + "/print").get_data(as_text=True)
    assert "Сара Ахмет" in printed


def test_message_everyone_goes_through_the_outbox(app, client, login_as):
    event_id = open_registration(app)
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1))
        services.register(event, person(2, email=""))
        db.session.query(OutboxMessage).delete()
        db.session.commit()
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{event_id}/registrations/message"
    page = client.get(url).get_data(as_text=True)
    assert "1 person gave only a phone: call them." in page
    sent = client.post(url, data={"csrf_token": csrf_token(client, url), "subject": "Зал",
                                  "body": "Екінші қабат"})  # fmt: skip
    assert sent.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage.subject)).all() == ["Зал"]


def test_another_branch_may_not_see_the_list(app, client, login_as):
    event_id = open_registration(app)
    login_as("branch_staff", library="no-9")
    assert client.get(f"/staff/events/{event_id}/registrations").status_code == 403
