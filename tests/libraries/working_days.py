"""Helpers for the moved working day tests: a quiet Saturday and the Monday after it."""

from datetime import date, time, timedelta

from sqlalchemy import select

from intranet.clock import local_today
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Library, WorkingDay
from intranet.libraries.services import WorkingDayData, closed_days


def library(slug: str) -> Library:
    return db.session.scalar(select(Library).where(Library.slug == slug))


def quiet_saturday() -> date:
    """The first Saturday from tomorrow on with neither it nor the Monday after it closed."""
    day = local_today() + timedelta(days=1)
    closed = closed_days(day, day + timedelta(days=60))
    while day.weekday() != 5 or day in closed or day + timedelta(days=2) in closed:
        day += timedelta(days=1)
    return day


def data(day: date, lib: Library | None = None, **changes) -> WorkingDayData:
    """A working day that works as Monday, with reasons in kk and ru; `changes` replace any."""
    fields = {
        "day": day,
        "library": lib,
        "works_as": "mon",
        "opens": None,
        "closes": None,
        "reason_kk": "Жұмыс күнін ауыстыру",
        "reason_ru": "Перенос рабочего дня",
        **changes,
    }
    return WorkingDayData(**fields)


def move_monday_to_saturday(saturday: date) -> tuple[WorkingDay, ClosedDay]:
    """City-wide: the Saturday works as Monday, the Monday after it is a day off."""
    opening = WorkingDay(day=saturday, works_as="mon", reason_kk="Ауыстыру", reason_ru="Перенос")
    closure = ClosedDay(
        day=saturday + timedelta(days=2), kind="holiday", reason_kk="Демалыс", reason_ru="Выходной"
    )
    db.session.add_all([opening, closure])
    db.session.commit()
    return opening, closure


__all__ = ["data", "library", "move_monday_to_saturday", "quiet_saturday", "time"]
