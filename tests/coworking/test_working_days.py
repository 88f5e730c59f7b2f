"""Moved working days: a day off on which libraries open, read with the closed days."""

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.coworking.queries import day_grid
from intranet.coworking.services import (
    change_working_day,
    drop_working_day,
    open_working_day,
)
from intranet.coworking.services.booking_reads import FOLDED, sort_answers
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, WorkingDay
from intranet.libraries.services import add_closed_day, closed_days, day_changes, day_rule
from tests.coworking.conftest import booking_request, get_centre
from tests.libraries.working_days import data, library, move_monday_to_saturday, quiet_saturday


def test_open_on_the_moved_saturday_closed_on_the_moved_away_monday(app):
    with app.app_context():
        saturday = quiet_saturday()
        monday = saturday + timedelta(days=2)
        move_monday_to_saturday(saturday)
        centre = get_centre()
        rule = day_rule(saturday, centre.library_id)
        assert rule.closure is None
        assert rule.opening is not None
        # The centre keeps its Monday hours that Saturday (its Saturdays are 10:00-17:00).
        assert centre.hours_on(saturday, rule.opening) == (time(9), time(18))
        grid = day_grid(centre, saturday)
        assert grid.is_open
        assert grid.label(grid.slots[0]) == "09:00"
        closed = day_grid(centre, monday)
        assert not closed.is_open
        assert isinstance(closed.closed_reason, ClosedDay)
        assert monday in closed_days(saturday, monday, centre.library_id)


def test_a_librarys_own_entry_beats_the_citywide_one(app):
    with app.app_context():
        saturday = quiet_saturday()
        opening, closure = move_monday_to_saturday(saturday)
        no8 = library("no-8")
        # No. 8 keeps its sanitary day on the city's working Saturday ...
        db.session.add(ClosedDay(day=saturday, library=no8, kind="sanitary", reason_kk="С"))
        # ... and opens on the city's day off.
        db.session.add(WorkingDay(day=closure.day, library=no8, opens=time(10), closes=time(14)))
        db.session.commit()
        calendar = day_changes(saturday, closure.day, [no8.id])
        assert calendar.on(no8.id, saturday).closure is not None
        assert calendar.on(no8.id, closure.day).opening.opens == time(10)
        assert calendar.on(None, closure.day).closure == closure
        assert calendar.on(library("no-6").id, saturday).opening == opening
        assert closure.day not in closed_days(saturday, closure.day, no8.id)
        # The booking POST's read of the same rules, folded with its other reads, says the same.
        for lib in (no8, library("no-6")):
            for day in (saturday, closure.day, saturday + timedelta(days=1)):
                loaded, folded = day_rule(day, lib.id), _folded_rule(day, lib.id)
                assert (folded.closure is None) == (loaded.closure is None)
                assert (folded.opening is None) == (loaded.opening is None)
                if loaded.opening is not None:
                    assert folded.opening.hours(None) == loaded.opening.hours(None)
                    assert folded.opening.works_as == loaded.opening.works_as


def _folded_rule(day, library_id):
    """The day's rule as the booking POST reads it (booking_reads.FOLDED), for any library."""
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    params = {
        "day": day,
        "library_id": library_id,
        # The other questions, asked of nobody: they answer no rows.
        **{"phone": "-", "email": "-", "since": moment, "lo": moment, "hi": moment},
        **{"centre_id": 0, "start": moment, "end": moment, "claim_day": day},
        **{"claim_monday": day, "person0": "-", "person1": "-", "person2": "-", "person3": "-"},
    }
    rows = db.session.connection().execute(FOLDED, params)
    return sort_answers(rows, library_id, day).rule


def test_an_admin_opens_changes_and_removes_a_working_day_audited(app, make_user):
    with app.app_context():
        from intranet.auth.models import User

        actor = db.session.get(User, make_user("central_staff")[0])
        saturday = quiet_saturday()
        row = open_working_day(data(saturday, library("no-8")), actor=actor)
        db.session.commit()
        assert day_rule(saturday, row.library_id).opening == row
        assert day_rule(saturday, None).opening is None  # not city-wide
        change_working_day(
            row,
            data(saturday, library("no-8"), works_as=None, opens=time(10), closes=time(15)),
            actor=actor,
        )
        db.session.commit()
        assert library("no-8").hours_on(saturday, row) == (time(10), time(15))
        drop_working_day(row, actor=actor)
        db.session.commit()
        assert db.session.scalars(select(WorkingDay)).all() == []
        actions = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
        assert actions[-3:] == ["working_day.add", "working_day.edit", "working_day.remove"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"works_as": None}, "works_as", "Choose the weekday"),
        ({"opens": time(9), "closes": time(18)}, "works_as", "not both"),
        ({"works_as": None, "opens": time(18), "closes": time(9)}, "closes", "after the opening"),
        ({"works_as": None, "opens": time(9, 10), "closes": time(18)}, "opens", "quarter hours"),
        ({"reason_kk": "", "reason_ru": ""}, "reason_kk", "Kazakh or Russian"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(app, in_english, changes, field, words):
    saturday = quiet_saturday()
    with pytest.raises(IntranetError) as refused:
        open_working_day(data(saturday, **changes), actor=None)
    assert refused.value.field == field
    assert words in str(refused.value)


def test_a_day_is_never_both_closed_and_opened_for_one_scope(app, in_english):
    saturday = quiet_saturday()
    no8 = library("no-8")
    open_working_day(data(saturday, no8), actor=None)
    with pytest.raises(IntranetError, match="already a working day"):
        open_working_day(data(saturday, no8), actor=None)
    with pytest.raises(IntranetError, match="moved working day"):
        add_closed_day(
            actor=None, day=saturday, library=no8, kind="closure", reason_kk="x", reason_ru="x"
        )
    monday = saturday + timedelta(days=2)
    add_closed_day(
        actor=None, day=monday, library=None, kind="holiday", reason_kk="x", reason_ru=""
    )
    with pytest.raises(IntranetError, match="marked as closed"):
        open_working_day(data(monday), actor=None)
    # Another scope may differ: No. 8 opens on the city's day off.
    open_working_day(data(monday, no8), actor=None)
    assert len(db.session.scalars(select(WorkingDay)).all()) == 2


def test_a_booked_working_day_is_not_taken_away(app, in_english):
    from intranet.coworking import services

    saturday = quiet_saturday()
    row = open_working_day(data(saturday), actor=None)
    db.session.commit()
    services.create_booking(get_centre(), booking_request(saturday, start=time(9)))
    db.session.commit()
    with pytest.raises(IntranetError, match="1 coworking booking is on this working day"):
        drop_working_day(row, actor=None)
    db.session.rollback()
    with pytest.raises(IntranetError, match="cancel it first"):
        change_working_day(row, data(saturday, works_as="sat"), actor=None)
    db.session.rollback()
    change_working_day(
        row, data(saturday, reason_en="Moved working day"), actor=None
    )  # reasons may
    db.session.commit()
    assert db.session.get(WorkingDay, row.id).reason_en == "Moved working day"


def test_moving_a_working_day_onto_another_is_refused_and_leaves_it_as_it_was(app, in_english):
    saturday = quiet_saturday()
    sunday = saturday + timedelta(days=1)
    open_working_day(data(saturday), actor=None)
    row = open_working_day(data(sunday), actor=None)
    db.session.commit()
    with pytest.raises(IntranetError, match="already a working day"):
        change_working_day(row, data(saturday), actor=None)
    db.session.rollback()
    assert db.session.get(WorkingDay, row.id).day == sunday
