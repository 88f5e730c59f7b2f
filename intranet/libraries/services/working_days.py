"""The government's moved working days (перенос рабочих дней): adding, changing, removing them.

A day cannot be both closed and opened for the same scope (one library, or city-wide). The
rows live in two tables, which no CHECK can span: the rule is held here, by writing the row in
a savepoint and looking for the other kind of row before the savepoint is released. Two staff
members entering the opposite rows for the same scope in the same second could both pass on
PostgreSQL; the admin list shows both, and removing one settles it.
"""

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute

from intranet.audit import record_audit
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Library, WorkingDay
from intranet.libraries.models.library import WEEKDAYS

if TYPE_CHECKING:
    from intranet.auth.models import User


@dataclass(frozen=True)
class WorkingDayData:
    """A moved working day as the admin form enters it: a weekday to work as, or own hours."""

    day: date
    library: Library | None
    works_as: str | None
    opens: time | None
    closes: time | None
    reason_kk: str
    reason_ru: str
    reason_en: str = ""


def _check(data: WorkingDayData) -> None:
    """The rules a form can break, each next to its field."""
    if data.works_as is None and (data.opens is None or data.closes is None):
        raise IntranetError(
            _l("Choose the weekday whose hours apply, or give the opening and closing times."),
            field="works_as",
        )
    if data.works_as is not None and (data.opens is not None or data.closes is not None):
        raise IntranetError(_l("Choose either a weekday or the times, not both."), field="works_as")
    if data.works_as is not None and data.works_as not in WEEKDAYS:
        raise IntranetError(_l("Unknown weekday."), field="works_as")
    if data.opens is not None and data.closes is not None:
        if data.opens >= data.closes:
            raise IntranetError(
                _l("The closing time must be after the opening time."), field="closes"
            )
        # Coworking bookings hold quarter hours: a centre opens and closes on them.
        if any(moment.minute % 15 or moment.second for moment in (data.opens, data.closes)):
            raise IntranetError(
                _l("Times are on quarter hours: :00, :15, :30 or :45."), field="opens"
            )
    if not (data.reason_kk or data.reason_ru):
        raise IntranetError(_l("Give the reason in Kazakh or Russian."), field="reason_kk")


def _same_scope(
    column: InstrumentedAttribute[int | None], library: Library | None
) -> ColumnElement[bool]:
    return column.is_(None) if library is None else column == library.id


def closed_in_scope(day: date, library: Library | None) -> bool:
    """Whether this very scope (the library, or city-wide) has this day closed."""
    return bool(
        db.session.scalar(
            select(exists().where(ClosedDay.day == day, _same_scope(ClosedDay.library_id, library)))
        )
    )


def opened_in_scope(day: date, library: Library | None) -> bool:
    """Whether this very scope (the library, or city-wide) has this day as a moved working day."""
    return bool(
        db.session.scalar(
            select(
                exists().where(WorkingDay.day == day, _same_scope(WorkingDay.library_id, library))
            )
        )
    )


def _write(row: WorkingDay, data: WorkingDayData) -> None:
    """Fill the row and write it in a savepoint: a duplicate or a closed day undoes only it."""
    try:
        # Changed inside the savepoint: begin_nested() first flushes what is pending.
        with db.session.begin_nested():
            row.day, row.library = data.day, data.library
            row.works_as, row.opens, row.closes = data.works_as, data.opens, data.closes
            row.reason_kk = data.reason_kk or None
            row.reason_ru = data.reason_ru or None
            row.reason_en = data.reason_en or None
            db.session.add(row)
            db.session.flush()
            if closed_in_scope(data.day, data.library):
                raise IntranetError(
                    _l("This day is marked as closed: remove the closed day first."), field="day"
                )
    except IntegrityError as error:
        raise IntranetError(
            _l("This day is already a working day for these libraries."), field="day"
        ) from error


def _scope_name(row: WorkingDay) -> str:
    return row.library.slug if row.library else "all libraries"


def add_working_day(data: WorkingDayData, *, actor: "User") -> WorkingDay:
    """Open a day off for one library or (library None) for all of them."""
    _check(data)
    row = WorkingDay()
    _write(row, data)
    record_audit(
        "working_day.add", actor=actor, target=data.day.isoformat(), detail=_scope_name(row)
    )
    return row


def update_working_day(row: WorkingDay, data: WorkingDayData, *, actor: "User") -> WorkingDay:
    """Change a moved working day: its date, libraries, hours or reason."""
    _check(data)
    try:
        _write(row, data)
    except IntranetError:
        db.session.refresh(row)  # the savepoint is undone: show the row as it is stored
        raise
    record_audit(
        "working_day.edit",
        actor=actor,
        target=data.day.isoformat(),
        detail=_scope_name(row),
    )
    return row


def remove_working_day(row: WorkingDay, *, actor: "User") -> None:
    """Make the day a day off again."""
    record_audit(
        "working_day.remove", actor=actor, target=row.day.isoformat(), detail=_scope_name(row)
    )
    db.session.delete(row)
    db.session.flush()
