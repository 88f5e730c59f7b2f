"""The monthly report cycle: a branch submits its month (freezing its attendance), central
staff accept it or return it with a comment; a returned month can be corrected and submitted."""

from datetime import date, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intranet.audit import clean, record_audit
from intranet.clock import from_local, to_local
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.constants import Status
from intranet.events.models import Attendance, Event
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.models import utc_now
from intranet.reports.models import FROZEN_STATUSES, MonthlyReport, ReportStatus
from intranet.reports.periods import Period

COMMENT_LIMIT = 1000


def find_report(library_id: int, year: int, month: int) -> MonthlyReport | None:
    return db.session.scalar(
        select(MonthlyReport).where(
            MonthlyReport.library_id == library_id,
            MonthlyReport.year == year,
            MonthlyReport.month == month,
        )
    )


def ensure_month_open(library_id: int, moment) -> None:
    """Refuse changes to a month whose report was submitted or accepted (its figures are frozen)."""
    day = to_local(moment).date()
    report = find_report(library_id, day.year, day.month)
    if report is not None and report.status in FROZEN_STATUSES:
        raise Conflict(
            _l(
                "The report for %(month)s has been submitted: its attendance is frozen. "
                "Ask central staff to return the report to correct it.",
                month=Period("month", day.year, day.month).label(),
            )
        )


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


def submit_report(library: Library, *, actor, year: int, month: int, today: date) -> MonthlyReport:
    """Submit a library's month; a month can be submitted once it is over."""
    if not actor.can_act_for_library(library):
        raise PermissionDenied(_l("You can submit reports only for your own library."))
    if (year, month) >= (today.year, today.month):
        raise IntranetError(_l("A month can be submitted only after it has ended."))
    missing = events_without_attendance(library.id, year, month)
    if missing:
        raise IntranetError(
            _l("Record the attendance of %(count)d ended events first.", count=len(missing))
        )
    report = find_report(library.id, year, month)
    if report is not None and report.status != ReportStatus.RETURNED:
        raise Conflict(_l("This month has already been submitted."))
    if report is None:
        report = MonthlyReport(library_id=library.id, year=year, month=month)
        db.session.add(report)
    report.status = ReportStatus.SUBMITTED
    report.submitted_by_id, report.submitted_dt = actor.id, utc_now()
    report.decided_by_id, report.decided_dt = None, None
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        # Two submissions at once: the UNIQUE (library, year, month) let only one in.
        raise Conflict(_l("This month has already been submitted.")) from None
    record_audit(
        "report.submitted", actor=actor, target=f"report {library.slug} {year}-{month:02d}"
    )
    return report


def decide_report(report: MonthlyReport, *, actor, accept: bool, comment: str = "") -> None:
    """Accept a submitted report, or return it to the branch with a comment."""
    if not report.can_decide(actor):
        if report.status != ReportStatus.SUBMITTED:
            raise Conflict(_l("This report has already been decided."))
        raise PermissionDenied(_l("Only central staff accept or return reports."))
    comment = clean(comment or "", COMMENT_LIMIT).strip()
    if not accept and not comment:
        raise IntranetError(_l("Say what to correct when you return a report."))
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.return_comment = "" if accept else comment
    report.decided_by_id, report.decided_dt = actor.id, utc_now()
    db.session.flush()
    record_audit(
        "report.accepted" if accept else "report.returned",
        actor=actor,
        target=f"report {report.library.slug} {report.year}-{report.month:02d}",
        detail=comment or None,
    )
