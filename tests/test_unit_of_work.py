"""One unit of work: a service's changes are committed, or rolled back and the reason shown."""

from datetime import date

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField

from intranet.errors import Conflict, IntranetError
from intranet.extensions import db
from intranet.libraries.models import ClosedDay
from intranet.unit_of_work import commit_or_show

DAY = date(2031, 6, 2)


class DayForm(FlaskForm):
    day = DateField()


def _close(raising: Exception | None = None) -> ClosedDay:
    row = ClosedDay(day=DAY, reason_kk="Тест", reason_ru="Тест")
    db.session.add(row)
    db.session.flush()
    if raising is not None:
        raise raising
    return row


def _kept() -> bool:
    db.session.expire_all()
    return db.session.scalar(select(ClosedDay).where(ClosedDay.day == DAY)) is not None


def test_a_unit_that_succeeds_is_committed(app):
    with app.test_request_context("/"):
        outcome = commit_or_show(_close)
        assert outcome.ok
        assert outcome.status == 200
        assert outcome.value.day == DAY
        db.session.remove()
        assert _kept()


def test_a_refused_unit_leaves_nothing_and_says_why_at_the_top(app):
    with app.test_request_context("/"):
        outcome = commit_or_show(lambda: _close(IntranetError("Not on this day.")))
        assert not outcome.ok
        assert outcome.status == 400
        assert not _kept()
        assert get_flashed_messages(with_categories=True) == [("danger", "Not on this day.")]


def test_someone_else_first_is_a_warning_not_a_mistake(app):
    with app.test_request_context("/"):
        outcome = commit_or_show(lambda: _close(Conflict("Someone else has just decided.")))
        assert outcome.status == 409
        assert get_flashed_messages(with_categories=True) == [
            ("warning", "Someone else has just decided.")
        ]


def test_an_error_about_one_field_is_shown_by_that_field(app):
    with app.test_request_context("/", method="POST"):
        form = DayForm(meta={"csrf": False})
        form.validate()
        error = IntranetError("Choose another day.", field="day")
        outcome = commit_or_show(lambda: _close(error), form=form)
        assert not outcome.ok
        assert list(form.day.errors)[-1] == "Choose another day."
        assert get_flashed_messages() == []
