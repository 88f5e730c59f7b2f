"""The monthly report cycle: a branch submits its month (freezing its attendance), central
staff accept it or return it with a comment; a returned month can be corrected and submitted."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from intranet.audit import clean, record_audit
from intranet.auth.models import User
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport, ReportStatus
from intranet.libraries.services import find_report, hold_library
from intranet.models import utc_now
from intranet.reports.queries.cycle import events_without_attendance
from intranet.reports.services.telling import month_accepted, month_returned, month_submitted

COMMENT_LIMIT = 1000

# The columns one step of the cycle writes, by name.
Changes = dict[str, str | int | datetime | None]


def _move_report(report: MonthlyReport, from_status: ReportStatus, changes: Changes) -> bool:
    """Change the report only if it is still `from_status`, in one conditional UPDATE.

    Of two decisions racing on one report (two central staff, accept against return) exactly
    one changes it; the other gets False and writes nothing.
    """
    result = db.session.execute(
        update(MonthlyReport)
        .where(MonthlyReport.id == report.id, MonthlyReport.status == from_status)
        .values(changes)
        .execution_options(synchronize_session=False)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        db.session.refresh(report)
        return False
    for name, value in changes.items():
        set_committed_value(report, name, value)
    return True


def submit_report(
    library: Library, *, actor: User, year: int, month: int, today: date
) -> MonthlyReport:
    """Submit a library's month; a month can be submitted once it is over."""
    if not actor.can_act_for_library(library):
        raise PermissionDenied(_l("You can submit reports only for your own library."))
    if (year, month) >= (today.year, today.month):
        raise IntranetError(_l("A month can be submitted only after it has ended."))
    hold_library(library.id)  # no event of this month changes while we look and submit
    missing = events_without_attendance(library.id, year, month)
    if missing:
        raise IntranetError(
            _l("Record the attendance of %(count)d ended events first.", count=len(missing))
        )
    already = Conflict(_l("This month has already been submitted."))
    changes: Changes = {
        "status": ReportStatus.SUBMITTED,
        "submitted_by_id": actor.id,
        "submitted_dt": utc_now(),
        "decided_by_id": None,
        "decided_dt": None,
    }
    report = find_report(library.id, year, month)
    if report is not None:
        # A returned month is submitted again in the same row, only if it is still returned.
        if not _move_report(report, ReportStatus.RETURNED, changes):
            raise already
    else:
        report = MonthlyReport(library_id=library.id, year=year, month=month, **changes)
        try:
            # Added inside the savepoint, so the loser of a race undoes only this row.
            with db.session.begin_nested():
                db.session.add(report)
                db.session.flush()
        except IntegrityError:
            # Two submissions at once: the UNIQUE (library, year, month) let only one in.
            raise already from None
    record_audit(
        "report.submitted", actor=actor, target=f"report {library.slug} {year}-{month:02d}"
    )
    month_submitted(report, actor=actor)
    return report


def decide_report(report: MonthlyReport, *, actor: User, accept: bool, comment: str = "") -> None:
    """Accept a submitted report, or return it to the branch with a comment."""
    decided = Conflict(_l("This report has already been decided."))
    if not report.can_decide(actor):
        if report.status != ReportStatus.SUBMITTED:
            raise decided
        raise PermissionDenied(_l("Only central staff accept or return reports."))
    comment = clean(comment or "", COMMENT_LIMIT).strip()
    if not accept and not comment:
        raise IntranetError(_l("Say what to correct when you return a report."), field="comment")
    moved = _move_report(
        report,
        ReportStatus.SUBMITTED,
        {
            "status": ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED,
            "return_comment": "" if accept else comment,
            "decided_by_id": actor.id,
            "decided_dt": utc_now(),
        },
    )
    if not moved:
        raise decided  # someone else decided first: no second decision, no second audit entry
    record_audit(
        "report.accepted" if accept else "report.returned",
        actor=actor,
        target=f"report {report.library.slug} {report.year}-{report.month:02d}",
        detail=comment or None,
    )
    if accept:
        month_accepted(report, actor=actor)
    else:
        month_returned(report, actor=actor, comment=comment)
