"""Race drill of event registration against a live gunicorn (SQLite or PostgreSQL).

100 people send the registration form at the same moment for the last 5 places: exactly 5
get a place, the other 95 are on the waitlist behind them in order of arrival, nobody sees a
5xx, and the places counter never passes the capacity.
"""

import pytest
from sqlalchemy import update

from intranet.events.models import Registration, RegistrationRules, RegistrationStatus
from intranet.extensions import db
from tests.events.registering import form, open_registration
from tests.liveserver import Browser, live_server, server_env
from tests.security.figures import FIGURES
from tests.security.test_race_drills import at_once

PEOPLE, LAST_PLACES, CAPACITY = 100, 5, 40


@pytest.fixture
def server(app, database_url, tmp_path):
    # One address sends all 100 forms: the per-address limit would answer some with 429.
    env = server_env(tmp_path, database_url, EVENTS_REGISTER_LIMIT="1000 per minute")
    with live_server(env, workers=4, log_path=tmp_path / "gunicorn.log") as base:
        yield base


def send_at_once(server, path: str, people: int) -> list[int]:
    """Each person's browser sends the registration form at the same moment; their statuses."""
    browsers = [Browser(server) for _ in range(people)]
    forms = [form(n, b.csrf_token(path)) for n, b in enumerate(browsers)]
    statuses = at_once(
        *[lambda b=b, f=f: b.request(path, f)[0] for b, f in zip(browsers, forms, strict=True)]
    )
    FIGURES["5xx seen"] += sum(s >= 500 for s in statuses)
    return statuses


def test_a_hundred_people_for_the_last_five_places(app, server):
    event_id = open_registration(app, capacity=CAPACITY, max_group=1)
    with app.app_context():
        db.session.execute(
            update(RegistrationRules)
            .where(RegistrationRules.event_id == event_id)
            .values(places_taken=CAPACITY - LAST_PLACES)
        )
        db.session.commit()
    statuses = send_at_once(server, f"/events/{event_id}/register?lang=en", PEOPLE)
    assert statuses == [302] * PEOPLE, statuses
    with app.app_context():
        rows = db.session.scalars(
            db.select(Registration)
            .where(Registration.event_id == event_id)
            .order_by(Registration.id)
        ).all()
        taken = db.session.get(RegistrationRules, event_id).places_taken
        dialect = db.engine.dialect.name
    confirmed = [r.id for r in rows if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r.id for r in rows if r.status == RegistrationStatus.WAITLISTED]
    assert len(confirmed) == LAST_PLACES
    assert len(waiting) == PEOPLE - LAST_PLACES
    assert taken == CAPACITY
    # Arrival order: everyone who got a place came before everyone who waits.
    assert max(confirmed) < min(waiting)
    FIGURES["registrations raced for the last places"] += PEOPLE
    print(
        f"\nregistration drill ({dialect}): {PEOPLE} at once "
        f"for {LAST_PLACES} places -> {len(confirmed)} confirmed, {len(waiting)} waitlisted, "
        f"{sum(s >= 500 for s in statuses)} 5xx"
    )
