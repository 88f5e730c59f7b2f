"""Telling about monthly reports: due (on the 1st and the 5th), submitted, returned, accepted."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from intranet.auth.models import User
from intranet.clock import to_local
from intranet.extensions import db
from intranet.i18n import localized, month_name
from intranet.libraries.models import FROZEN_STATUSES, Library, MonthlyReport
from intranet.notifications.queries import central_staff, library_staff
from intranet.notifications.services import Kind, News, once, tell

# The days of the month on which the previous month's report is asked for.
REMINDER_DAYS = (1, 5)


def _month(year: int, month: int) -> str:
    """The month's name in the language being written (the recipient's)."""
    return month_name(date(year, month, 1))


def month_submitted(report: MonthlyReport, *, actor: User) -> None:
    """Central staff learn that a library's month waits for their decision."""
    library = report.library
    tell(
        central_staff(),
        News(
            Kind.MONTH_SUBMITTED,
            subject=lambda: _(
                "%(library)s submitted the report for %(month)s",
                library=localized(library, "name"),
                month=_month(report.year, report.month),
            ),
            notice=lambda: _(
                "Report submitted: %(library)s, %(month)s",
                library=localized(library, "name"),
                month=_month(report.year, report.month),
            ),
            endpoint="reports_staff.month",
            values={"slug": library.slug, "year": report.year, "month": report.month},
            context={"report": report, "library": library, "month": _month},
        ),
        skip=actor,
    )


def month_returned(report: MonthlyReport, *, actor: User, comment: str) -> None:
    """The library's staff learn that their month came back, and what to correct."""
    library = report.library
    tell(
        library_staff(library.id),
        News(
            Kind.MONTH_RETURNED,
            subject=lambda: _(
                "The report for %(month)s was returned", month=_month(report.year, report.month)
            ),
            notice=lambda: _(
                "Report for %(month)s returned — %(comment)s",
                month=_month(report.year, report.month),
                comment=comment,
            ),
            endpoint="reports_staff.month",
            values={"slug": library.slug, "year": report.year, "month": report.month},
            context={"report": report, "comment": comment, "month": _month},
        ),
        skip=actor,
    )


def month_accepted(report: MonthlyReport, *, actor: User) -> None:
    """The library's staff learn that their month was accepted: nothing more to do for it."""
    library = report.library
    tell(
        library_staff(library.id),
        News(
            Kind.MONTH_ACCEPTED,
            subject=lambda: _(
                "The report for %(month)s was accepted", month=_month(report.year, report.month)
            ),
            notice=lambda: _(
                "Report for %(month)s accepted", month=_month(report.year, report.month)
            ),
            endpoint="reports_staff.month",
            values={"slug": library.slug, "year": report.year, "month": report.month},
            context={"report": report, "month": _month},
        ),
        skip=actor,
    )


def remind_months_due(now: datetime) -> int:
    """On the 1st and the 5th, each library that has not submitted last month is reminded.

    Each library's reminder for a month and a day is marked once (a unique key), so a second
    worker or a restart on the same day writes nothing more.
    """
    today = to_local(now).date()
    if today.day not in REMINDER_DAYS:
        return 0
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    done = {
        report.library_id
        for report in db.session.scalars(
            select(MonthlyReport).where(
                MonthlyReport.year == year,
                MonthlyReport.month == month,
                MonthlyReport.status.in_(FROZEN_STATUSES),
            )
        )
    }
    told = 0
    for library in db.session.scalars(select(Library).order_by(Library.position, Library.id)):
        if library.id in done:
            continue
        if not once(f"reports.month_due:{library.id}:{year}-{month:02d}:{today.day}"):
            continue
        told += tell(
            library_staff(library.id),
            News(
                Kind.MONTH_DUE,
                subject=lambda: _("The report for %(month)s is due", month=_month(year, month)),
                notice=lambda: _("The report for %(month)s is due", month=_month(year, month)),
                endpoint="reports_staff.month",
                values={"slug": library.slug, "year": year, "month": month},
                context={"library": library, "year": year, "month_number": month, "month": _month},
            ),
        )
    return told
