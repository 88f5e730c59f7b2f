"""Registrants are told: a reminder the day before, a change of time or place, a cancellation,
a staff message; each in their language, through the outbox."""

from dataclasses import replace
from datetime import time, timedelta

from sqlalchemy import select

from intranet.clock import from_local, local_today
from intranet.events import services
from intranet.extensions import db
from intranet.notifications.models import OutboxMessage
from intranet.worker import run_timers
from tests.events.conftest import edited, get_user
from tests.events.registering import get_event, open_registration, person


def outbox() -> list[tuple[str, str, str]]:
    rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    return [(m.kind, m.recipient, m.subject) for m in rows]


def test_the_reminder_goes_once_the_day_before_in_the_registrants_language(app):
    event_id = open_registration(app, event={"day": local_today() + timedelta(days=1)})
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1, language="ru"))
        services.register(event, person(2, language="kk"))
        db.session.query(OutboxMessage).delete()
        db.session.commit()
        run_timers()
        run_timers()  # a second round (or a second worker) reminds nobody again
        sent = outbox()
        assert [kind for kind, _, _ in sent] == ["registration.reminder"] * 2
        assert sent[0][2] == "Напоминание: мероприятие уже завтра"
        body = db.session.scalars(select(OutboxMessage.body_text)).first()
        assert "/registration/" in body


def test_a_change_of_time_and_a_cancellation_are_told(app, make_user):
    event_id = open_registration(app, capacity=1)
    user_id, _ = make_user("central_staff")
    with app.app_context():
        event = get_event(event_id)
        services.register(event, person(1))
        services.register(event, person(2))  # waiting: told too
        services.register(event, person(3, email=""))  # phone only: nobody to write to
        db.session.query(OutboxMessage).delete()
        later = from_local(local_today() + timedelta(days=10), time(16, 0))
        data = replace(edited(event), start_dt=later, end_dt=later + timedelta(hours=2))
        services.update_event(event, data, actor=get_user(user_id))
        services.cancel_event(event, actor=get_user(user_id), reason="Автор ауырып қалды")
        db.session.commit()
        kinds = [kind for kind, _, _ in outbox() if kind.startswith("registration.")]
        assert kinds == ["registration.changed"] * 2 + ["registration.event_cancelled"] * 2


def test_staff_message_all_registrants(app, make_user):
    event_id = open_registration(app)
    user_id, _ = make_user("branch_staff", library="no-6")
    with app.app_context():
        event = get_event(event_id)
        for n in range(3):
            services.register(event, person(n))
        db.session.query(OutboxMessage).delete()
        told = services.message_registrants(
            event, actor=get_user(user_id), subject="Залы ауысты", body="Бізді 2-қабатта күтіңіз."
        )
        db.session.commit()
        assert told == 3
        assert {subject for _, _, subject in outbox()} == {"Залы ауысты"}


def test_leaving_a_cancelled_event_promotes_nobody(app, make_user):
    event_id = open_registration(app, capacity=1)
    user_id, _ = make_user("central_staff")
    with app.app_context():
        event = get_event(event_id)
        first = services.register(event, person(1))
        services.register(event, person(2))
        services.cancel_event(event, actor=get_user(user_id), reason="Жөндеу жұмыстары")
        db.session.query(OutboxMessage).delete()
        services.leave(event, first)
        db.session.commit()
        assert [kind for kind, _, _ in outbox()] == ["registration.cancelled"]
