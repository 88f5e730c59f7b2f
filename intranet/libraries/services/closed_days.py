"""Which days a library is closed, and editing them."""

from datetime import date
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.errors import IntranetError
from intranet.extensions import db

if TYPE_CHECKING:
    from intranet.auth.models import User

from intranet.libraries.models import ClosedDay, ClosedDayKind, Library
from intranet.libraries.services.calendar import day_changes, day_rule
from intranet.libraries.services.working_days import opened_in_scope


def closed_days(start: date, end: date, library_id: int | None = None) -> dict[date, ClosedDay]:
    """Closed days in [start, end] that apply to a library (city-wide ones included), one query.

    A day the library opens on although the city is closed (its own moved working day) is left
    out.
    """
    calendar = day_changes(start, end, [] if library_id is None else [library_id])
    days: dict[date, ClosedDay] = {}
    for day in sorted({day for _library, day in calendar.closed}):
        closure = calendar.on(library_id, day).closure
        if closure is not None:
            days[day] = closure
    return days


def closed_day(day: date, library_id: int | None = None) -> ClosedDay | None:
    """The ClosedDay that closes this library on this day, or None."""
    return day_rule(day, library_id).closure


def add_closed_day(
    *,
    actor: "User",
    day: date,
    library: Library | None,
    kind: str,
    reason_kk: str,
    reason_ru: str,
    reason_en: str = "",
    holiday: str | None = None,
) -> ClosedDay:
    """Mark a day closed for one library or (library=None) for all of them."""
    if kind not in set(ClosedDayKind):
        raise IntranetError(_l("Unknown kind of closed day."))
    if not (reason_kk or reason_ru):
        raise IntranetError(_l("Give the reason in Kazakh or Russian."))
    row = ClosedDay(
        day=day,
        library=library,
        kind=kind,
        reason_kk=reason_kk or None,
        reason_ru=reason_ru or None,
        reason_en=reason_en or None,
        holiday=holiday,
    )
    try:
        # Added inside the savepoint, so a duplicate day undoes only this row.
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
            if opened_in_scope(day, library):
                raise IntranetError(
                    _l("This day is a moved working day: remove it from the working days first.")
                )
    except IntegrityError as error:
        raise IntranetError(_l("This day is already marked as closed.")) from error
    record_audit(
        "closed_day.add",
        actor=actor,
        target=day.isoformat(),
        detail=library.slug if library else "all libraries",
    )
    return row


def remove_closed_day(row: ClosedDay, *, actor: "User") -> None:
    """Open a day again."""
    record_audit(
        "closed_day.remove",
        actor=actor,
        target=row.day.isoformat(),
        detail=row.library.slug if row.library else "all libraries",
    )
    db.session.delete(row)
    db.session.flush()
