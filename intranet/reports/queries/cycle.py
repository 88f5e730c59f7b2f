"""The monthly cycle's read models: the libraries, their reports, and events still to count."""

from datetime import time

from sqlalchemy import select

from intranet.clock import from_local
from intranet.events.models import Attendance, Event, Status
from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport
from intranet.models import utc_now
from intranet.reports.queries.periods import Period


def libraries() -> list[Library]:
    """Every library, in the reference order."""
    return list(db.session.scalars(select(Library).order_by(Library.position, Library.id)))


def statuses(months: list[tuple[int, int]]) -> dict[tuple[int, int, int], MonthlyReport]:
    """{(library_id, year, month): report} for these months, one query."""
    if not months:
        return {}
    years = {year for year, _month in months}
    rows = db.session.scalars(
        select(MonthlyReport).where(
            MonthlyReport.year.in_(years), MonthlyReport.month.in_({m for _y, m in months})
        )
    )
    wanted = set(months)
    return {(x.library_id, x.year, x.month): x for x in rows if (x.year, x.month) in wanted}


def events_without_attendance(library_id: int, year: int, month: int) -> list[Event]:
    """Approved events of the month that have ended but have no attendance recorded."""
    period = Period("month", year, month)
    start, end = from_local(period.start, time.min), from_local(period.end, time.min)
    query = (
        select(Event)
        .outerjoin(Attendance, Attendance.event_id == Event.id)
        .where(
            Event.library_id == library_id,
            Event.start_dt >= start,
            Event.start_dt < end,
            Event.status.in_((Status.APPROVED, Status.HELD)),
            Event.end_dt <= utc_now(),
            Attendance.event_id.is_(None),
        )
        .order_by(Event.start_dt)
    )
    return list(db.session.scalars(query))
