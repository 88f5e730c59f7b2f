"""The city-wide summary: per library, its accepted months and the figures of those months only."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func

from intranet.events.models import Attendance, Event
from intranet.extensions import db
from intranet.i18n import format_day, localized
from intranet.libraries.models import ReportStatus
from intranet.reports.queries.cycle import libraries, statuses
from intranet.reports.queries.periods import Period
from intranet.reports.queries.sections import Section
from intranet.reports.queries.span import HELD, Span, events_in, local_part


def library_months(span: Span) -> dict[tuple[int, int, int], tuple[int, int]]:
    """{(library_id, year, month): (held events, people)} over the whole system."""
    year, month = (
        local_part(Event.start_dt, "year", span),
        local_part(Event.start_dt, "month", span),
    )
    query = (
        events_in(span, None, Event.library_id, year, month, HELD, func.sum(Attendance.total))
        .outerjoin(Attendance, Attendance.event_id == Event.id)
        .group_by(Event.library_id, year, month)
    )
    return {(r[0], r[1], r[2]): (r[3], r[4] or 0) for r in db.session.execute(query)}


def short_month(year: int, month: int) -> str:
    """A month's short name in the reader's language («қар.», «нояб.»)."""
    return format_day(date(year, month, 1), "month_short")


def summary_section(period: Period, today: date) -> Section:
    """Per library: which months are accepted, and the figures of the accepted months only."""
    months = period.months(today)
    reports = statuses(months)
    figures = library_months(Span.of(period))
    section = Section(
        "summary",
        _("City-wide summary"),
        [
            _("Library"),
            _("Accepted months"),
            _("Missing months"),
            _("Held events (accepted months)"),
            _("Participants (accepted months)"),
        ],
    )
    for library in libraries():
        accepted = [
            (y, m)
            for y, m in months
            if (x := reports.get((library.id, y, m))) and x.status == ReportStatus.ACCEPTED
        ]
        # A period lies within one year (in the page's title): the months' short names say enough.
        missing = [short_month(y, m) for y, m in months if (y, m) not in accepted]
        held = sum(figures.get((library.id, y, m), (0, 0))[0] for y, m in accepted)
        people = sum(figures.get((library.id, y, m), (0, 0))[1] for y, m in accepted)
        section.rows.append(
            [localized(library, "name"), len(accepted), ", ".join(missing), held, people]
        )
    section.total = [
        _("Total"),
        sum(row[1] for row in section.rows),
        sum(1 for row in section.rows if row[2]),  # libraries missing a month: a number cell
        sum(row[3] for row in section.rows),
        sum(row[4] for row in section.rows),
    ]
    return section
