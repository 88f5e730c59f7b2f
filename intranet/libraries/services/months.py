"""The month freeze: once a library's monthly report is submitted or accepted, the figures of
that month (its events and their attendance) may not change until central staff return it."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from intranet.clock import to_local
from intranet.errors import Conflict
from intranet.extensions import db
from intranet.i18n import month_name
from intranet.libraries.models import FROZEN_STATUSES, Library, MonthlyReport, ReportStatus


def find_report(library_id: int, year: int, month: int) -> MonthlyReport | None:
    """The library's report for that month, if one was ever submitted."""
    return db.session.scalar(
        select(MonthlyReport).where(
            MonthlyReport.library_id == library_id,
            MonthlyReport.year == year,
            MonthlyReport.month == month,
        )
    )


def hold_library(library_id: int) -> None:
    """Wait for, then hold until commit, the right to change this library's months.

    A no-op UPDATE of the library's row: PostgreSQL locks the row, SQLite takes its write lock.
    Submitting a month and every write to that month's events take it before they look, so a
    submission and an approval racing on one month see each other instead of both passing.
    """
    db.session.execute(
        update(Library)
        .where(Library.id == library_id)
        .values(position=Library.position)
        .execution_options(synchronize_session=False)
    )


def ensure_month_open(library_id: int, moment: datetime) -> None:
    """Refuse changes to a month whose report was submitted or accepted (its figures are frozen).

    Every write that changes a month's figures (events planned or moved in or out, workflow
    steps, attendance) calls this first, (the events domain through its freeze module).
    """
    hold_library(library_id)
    day = to_local(moment).date()
    report = find_report(library_id, day.year, day.month)
    if report is None or report.status not in FROZEN_STATUSES:
        return
    month = month_name(date(day.year, day.month, 1))
    if report.status == ReportStatus.ACCEPTED:
        raise Conflict(
            _l(
                "The report for %(month)s has been accepted: its events and attendance are frozen.",
                month=month,
            )
        )
    raise Conflict(
        _l(
            "The report for %(month)s has been submitted: its events and attendance are frozen. "
            "Ask central staff to return the report to correct it.",
            month=month,
        )
    )
