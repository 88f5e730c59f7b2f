"""One registration for all meetings of a series: a place in each, or the waitlist as a whole."""

from datetime import time, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select, update

from intranet.clock import from_local, local_today
from intranet.errors import IntranetError
from intranet.events import services
from intranet.events.models import (
    Registration,
    RegistrationRules,
    SeriesRegistration,
    SeriesStatus,
)
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.events.registering import (
    RegistrationStatus,
    form,
    get_event,
    open_series,
    person,
    statuses,
    taken,
)

C, X = RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED


def _mail(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def test_one_registration_holds_a_place_in_every_meeting_and_one_email_lists_them(app):
    ids = open_series(app, meetings=3, capacity=5)
    with app.app_context():
        entry = services.register_series(get_event(ids[1]), person(1, language="ru"))
        db.session.commit()
        assert entry.status == SeriesStatus.CONFIRMED
        assert [statuses(i) for i in ids] == [[C], [C], [C]]
        assert [taken(i) for i in ids] == [1, 1, 1]
        (mail,) = _mail("registration.series_confirmed")
        assert mail.language == "ru"
        assert "Здравствуйте" in mail.body_text
        assert mail.body_text.count("Час поэзии") == 3  # every meeting, in Russian


def test_without_a_place_in_every_meeting_the_whole_registration_waits(app):
    ids = open_series(app, meetings=3, capacity=2)
    with app.app_context():
        db.session.execute(
            update(RegistrationRules)
            .where(RegistrationRules.event_id == ids[2])
            .values(places_taken=2)
        )
        entry = services.register_series(get_event(ids[0]), person(1))
        db.session.commit()
        assert entry.status == SeriesStatus.WAITLISTED
        assert [statuses(i) for i in ids] == [[], [], []]  # no place held anywhere
        assert [taken(i) for i in ids] == [0, 0, 2]
        assert len(_mail("registration.series_waitlisted")) == 1


def test_the_same_phone_or_email_for_the_series_is_refused_clearly(app):
    ids = open_series(app)
    with app.app_context():
        services.register_series(get_event(ids[0]), person(1))
        db.session.commit()
        for again in (person(1, email="other@example.kz"), person(2, email="reader1@example.kz")):
            with pytest.raises(IntranetError) as refused:
                services.register_series(get_event(ids[2]), again)
            with force_locale("en"):
                assert "already registered for the meetings" in str(refused.value)
            db.session.rollback()
        assert db.session.scalar(select(db.func.count(SeriesRegistration.id))) == 1
        assert [taken(i) for i in ids] == [1, 1, 1]


def test_cancelling_frees_every_meeting_and_the_next_person_gets_all_of_them(app):
    ids = open_series(app, meetings=3, capacity=1)
    with app.app_context():
        first = services.register_series(get_event(ids[0]), person(1))
        second = services.register_series(get_event(ids[0]), person(2, language="ru"))
        db.session.commit()
        assert (first.status, second.status) == (SeriesStatus.CONFIRMED, SeriesStatus.WAITLISTED)
        services.leave_series(first)
        db.session.commit()
        assert second.status == SeriesStatus.CONFIRMED
        assert [statuses(i) for i in ids] == [[X, C]] * 3
        assert [taken(i) for i in ids] == [1, 1, 1]
        (promoted,) = _mail("registration.series_promoted")
        assert promoted.recipient == "reader2@example.kz"
        assert promoted.language == "ru"
        with pytest.raises(IntranetError):
            services.leave_series(first)  # twice is refused, nothing moves


def test_a_reminder_before_each_meeting_and_i_cant_come_frees_that_meeting_only(app):
    ids = open_series(app, meetings=2, capacity=3)
    with app.app_context():
        entry = services.register_series(get_event(ids[0]), person(1, language="ru"))
        db.session.commit()
        # The first meeting moves to tomorrow: the worker reminds its registrants.
        event = get_event(ids[0])
        event.start_dt = from_local(local_today() + timedelta(days=1), time(15, 0))
        event.end_dt = event.start_dt + timedelta(hours=2)
        db.session.commit()
        assert services.send_reminders() == 1
        (reminder,) = _mail("registration.reminder")
        assert reminder.language == "ru"
        place = db.session.scalar(select(Registration).where(Registration.event_id == ids[0]))
        assert place.token in reminder.body_text
        services.leave_meeting(event, place)
        db.session.commit()
        assert [statuses(i) for i in ids] == [[X], [C]]
        assert [taken(i) for i in ids] == [0, 1]
        assert entry.status == SeriesStatus.CONFIRMED


def test_a_place_freed_in_the_one_full_meeting_lets_the_series_waitlist_in(app):
    ids = open_series(app, meetings=2, capacity=2)
    with app.app_context():
        alone = services.register(get_event(ids[1]), person(1))  # a place in meeting 2 only
        db.session.execute(
            update(RegistrationRules)
            .where(RegistrationRules.event_id == ids[1])
            .values(places_taken=2)
        )
        waiting = services.register_series(get_event(ids[0]), person(2))
        db.session.commit()
        assert waiting.status == SeriesStatus.WAITLISTED
        services.leave_meeting(get_event(ids[1]), alone)
        db.session.commit()
        assert waiting.status == SeriesStatus.CONFIRMED
        assert [taken(i) for i in ids] == [1, 2]


def test_staff_choose_one_registration_for_all_meetings_and_the_rules_are_shared(
    app, client, login_as
):
    ids = open_series(app, meetings=3, capacity=5)
    with app.app_context():
        get_event(ids[0]).series.register_once = False
        db.session.commit()
    login_as("branch_staff", library="no-6")
    url = f"/staff/events/{ids[1]}/registration"
    page = client.get(url).get_data(as_text=True)
    assert "Meetings of the series" in page
    assert "One registration for all meetings" in page
    fields = {"mode": "open", "capacity": "8", "opens_days": "14", "closes_hours": "2"}
    fields |= {"max_group": "1", "offer_hours": "", "csrf_token": csrf_token(client, url)}
    assert client.post(url, data=fields | {"register_once": "series"}).status_code == 302
    with app.app_context():
        assert get_event(ids[0]).series.register_once
        assert [db.session.get(RegistrationRules, i).capacity for i in ids] == [8, 8, 8]
        services.register_series(get_event(ids[0]), person(1))
        db.session.commit()
    refused = client.post(url, data=fields | {"register_once": "meeting"})
    assert refused.status_code == 400
    assert "People are registered for all meetings" in refused.get_data(as_text=True)
    with app.app_context():
        assert get_event(ids[0]).series.register_once


def test_a_resident_registers_for_the_series_on_a_meetings_page_and_cancels(app, client):
    ids = open_series(app, meetings=3, capacity=4)
    client.get("/?lang=en")
    page = client.get(f"/events/{ids[1]}").get_data(as_text=True)
    assert "One registration covers all 3 meetings of the series" in page
    url = f"/events/{ids[1]}/register"
    assert "4 places left in every meeting" in client.get(url).get_data(as_text=True)
    sent = client.post(url, data=form(1, csrf_token(client, url)))
    assert sent.status_code == 302
    assert "/registration/series/" in sent.location
    mine = client.get(sent.location).get_data(as_text=True)
    assert mine.count("data-meeting=") == 3
    assert "Cancel my registration for all meetings" in mine
    again = client.post(url, data=form(1, csrf_token(client, url)))
    assert "already registered for the meetings" in again.get_data(as_text=True)
    token = sent.location.split("/")[-1].split("?")[0]
    cancel = f"/registration/series/{token}/cancel"
    assert client.post(cancel, data={"csrf_token": csrf_token(client, url)}).status_code == 303
    with app.app_context():
        assert [statuses(i) for i in ids] == [[X]] * 3
        assert [taken(i) for i in ids] == [0, 0, 0]


def test_once_every_meetings_registration_has_closed_the_series_says_so(app, client):
    ids = open_series(app, meetings=2)
    with app.app_context():
        db.session.execute(update(RegistrationRules).values(closes_hours=720))
        db.session.commit()
    client.get("/?lang=en")
    page = client.get(f"/events/{ids[0]}").get_data(as_text=True)
    assert "Registration for this event is closed." in page
    url = f"/events/{ids[0]}/register"
    refused = client.post(url, data=form(1, csrf_token(client)))  # the form is not shown
    assert refused.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(db.func.count(SeriesRegistration.id))) == 0
