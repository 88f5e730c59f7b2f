"""What the calendar says of a library on a day: closed, opened on a moved working day, or usual.

Closed days and moved working days are read together, in one query, so every page and rule that
asks "is it open on day D, and when" pays one query whatever it asks.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, bindparam, or_, select, true, union
from sqlalchemy.orm import InstrumentedAttribute

from intranet.extensions import db
from intranet.libraries.models import ClosedDay, WorkingDay

Key = tuple[int | None, date]  # (library id, or None for city-wide; day)


@dataclass(frozen=True)
class DayRule:
    """One library on one day: the closure that closes it, or the moved working day opening it."""

    closure: ClosedDay | None = None
    opening: WorkingDay | None = None


@dataclass
class Calendar:
    """The closed and moved working days of a span, city-wide and per library."""

    closed: dict[Key, ClosedDay] = field(default_factory=dict)
    opened: dict[Key, WorkingDay] = field(default_factory=dict)

    def on(self, library_id: int | None, day: date) -> DayRule:
        """The library's own entry beats the city-wide one; a city-wide holiday names the reason.

        A library closed for its sanitary day stays closed on a city-wide working Saturday;
        a library that opens on a city-wide day off (its own working day) is open.
        """
        own_closure = self.closed.get((library_id, day))
        citywide = self.closed.get((None, day))
        if own_closure is not None:
            return DayRule(closure=citywide or own_closure)
        own_opening = self.opened.get((library_id, day))
        if own_opening is not None:
            return DayRule(opening=own_opening)
        if citywide is not None:
            return DayRule(closure=citywide)
        return DayRule(opening=self.opened.get((None, day)))


def _scope(column: InstrumentedAttribute[int | None], scoped: bool) -> ColumnElement[bool]:
    """City-wide rows and those of the libraries bound as :libraries, or every row."""
    if not scoped:
        return true()
    return or_(column.is_(None), column.in_(bindparam("libraries", expanding=True)))


def _changes_query(*, scoped: bool) -> Select[ClosedDay, WorkingDay]:
    """Closed and moved working days in [:start, :end], each day's pair on one row."""
    keys = union(
        select(ClosedDay.day, ClosedDay.library_id).where(
            ClosedDay.day >= bindparam("start"),
            ClosedDay.day <= bindparam("end"),
            _scope(ClosedDay.library_id, scoped),
        ),
        select(WorkingDay.day, WorkingDay.library_id).where(
            WorkingDay.day >= bindparam("start"),
            WorkingDay.day <= bindparam("end"),
            _scope(WorkingDay.library_id, scoped),
        ),
    ).subquery()
    return (
        select(ClosedDay, WorkingDay)
        .select_from(keys)
        .outerjoin(
            ClosedDay,
            and_(
                ClosedDay.day == keys.c.day,
                ClosedDay.library_id.is_not_distinct_from(keys.c.library_id),
            ),
        )
        .outerjoin(
            WorkingDay,
            and_(
                WorkingDay.day == keys.c.day,
                WorkingDay.library_id.is_not_distinct_from(keys.c.library_id),
            ),
        )
    )


# Built once: every booking and availability page asks, and building the statement (and its
# cache key) cost more than running it.
_OF_LIBRARIES = _changes_query(scoped=True)
_OF_ALL = _changes_query(scoped=False)


def day_changes(start: date, end: date, libraries: Collection[int] | None = None) -> Calendar:
    """Closed and moved working days in [start, end] of these libraries and city-wide; one query.

    `libraries` None reads every library's; an empty collection reads the city-wide ones only.
    """
    if libraries is None:
        rows = db.session.execute(_OF_ALL, {"start": start, "end": end})
    else:
        params = {"start": start, "end": end, "libraries": sorted(libraries)}
        rows = db.session.execute(_OF_LIBRARIES, params)
    calendar = Calendar()
    for closure, opening in rows:
        if closure is not None:
            calendar.closed[(closure.library_id, closure.day)] = closure
        if opening is not None:
            calendar.opened[(opening.library_id, opening.day)] = opening
    return calendar


def day_rule(day: date, library_id: int | None) -> DayRule:
    """What the calendar says of this library (None: every library) on this day; one query."""
    return day_changes(day, day, [] if library_id is None else [library_id]).on(library_id, day)
