"""Race drill of registering once for all meetings of a series, against a live gunicorn.

30 people send the series form at the same moment for the last 3 places of every meeting:
exactly 3 hold a place in every meeting, the other 27 wait for the series as a whole (no place
anywhere), nobody sees a 5xx, and no meeting's counter passes its capacity.
"""

from sqlalchemy import update

from intranet.events.models import (
    Registration,
    RegistrationRules,
    RegistrationStatus,
    SeriesRegistration,
    SeriesStatus,
)
from intranet.extensions import db
from tests.events.registering import open_series
from tests.security import test_race_drills_registration as drills
from tests.security.figures import FIGURES

PEOPLE, LAST_PLACES, CAPACITY, MEETINGS = 30, 3, 20, 3
server = drills.server  # the same live gunicorn as the registration drill


def test_thirty_people_for_the_last_three_places_of_every_meeting(app, server):
    ids = open_series(app, meetings=MEETINGS, capacity=CAPACITY)
    with app.app_context():
        db.session.execute(
            update(RegistrationRules)
            .where(RegistrationRules.event_id.in_(ids))
            .values(places_taken=CAPACITY - LAST_PLACES)
        )
        db.session.commit()
    statuses = drills.send_at_once(server, f"/events/{ids[-1]}/register?lang=en", PEOPLE)
    assert statuses == [302] * PEOPLE, statuses
    with app.app_context():
        entries = db.session.scalars(
            db.select(SeriesRegistration).order_by(SeriesRegistration.id)
        ).all()
        places = db.session.scalars(db.select(Registration)).all()
        taken = [db.session.get(RegistrationRules, i).places_taken for i in ids]
        dialect = db.engine.dialect.name
    confirmed = [e.id for e in entries if e.status == SeriesStatus.CONFIRMED]
    waiting = [e.id for e in entries if e.status == SeriesStatus.WAITLISTED]
    assert len(confirmed) == LAST_PLACES
    assert len(waiting) == PEOPLE - LAST_PLACES
    assert taken == [CAPACITY] * MEETINGS
    for event_id in ids:
        held = {p.series_registration_id for p in places if p.event_id == event_id}
        assert held == set(confirmed)  # the same 3 people in every meeting
    assert all(p.status == RegistrationStatus.CONFIRMED for p in places)
    # Arrival order: everyone who got places came before everyone who waits.
    assert max(confirmed) < min(waiting)
    FIGURES["series registrations raced for the last places"] += PEOPLE
    print(
        f"\nseries registration drill ({dialect}): {PEOPLE} at once for {LAST_PLACES} places "
        f"in each of {MEETINGS} meetings -> {len(confirmed)} confirmed in every meeting, "
        f"{len(waiting)} waitlisted, {sum(s >= 500 for s in statuses)} 5xx"
    )
