"""The closed-day warning of an event reads the moved working days too."""

from datetime import time, timedelta

from intranet.events.services import find_conflicts
from intranet.extensions import db
from intranet.libraries.models import WorkingDay
from tests.events.conftest import get_event
from tests.libraries.working_days import library, move_monday_to_saturday, quiet_saturday


def test_an_event_on_the_day_off_is_warned_unless_its_library_opens(app, make_event):
    with app.app_context():
        saturday = quiet_saturday()
        monday = saturday + timedelta(days=2)
        move_monday_to_saturday(saturday)
    on_saturday = make_event(day=saturday, library_slug="no-6")
    at_no6 = make_event(day=monday, library_slug="no-6")
    at_no8 = make_event(day=monday, library_slug="no-8")
    with app.app_context():
        db.session.add(
            WorkingDay(day=monday, library=library("no-8"), opens=time(10), closes=time(18))
        )
        db.session.commit()
        assert find_conflicts(get_event(on_saturday)) == []
        assert [w.kind for w in find_conflicts(get_event(at_no6))] == ["closed"]
        assert find_conflicts(get_event(at_no8)) == []  # No. 8 opens on the city's day off
