"""Putting the report together: every section, and the city-wide summary of monthly reports."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.models import Library, MonthlyReport, ReportStatus
from intranet.reports import queries as q
from intranet.reports import report as r
from intranet.reports import report_coworking as cw
from intranet.reports.periods import Period


def months_of(period: Period, today: date) -> list[tuple[int, int]]:
    """(year, month) of each month of the period that has begun by today."""
    months, day = [], period.start
    while day < period.end and day <= today:
        months.append((day.year, day.month))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def libraries() -> list[Library]:
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


def city_summary(period: Period, today: date) -> r.Section:
    """Per library: which months are accepted, and the figures of the accepted months only."""
    months = months_of(period, today)
    reports = statuses(months)
    figures = q.library_months(q.Span.of(period))
    section = r.Section(
        "summary",
        _("City-wide summary"),
        [
            _("Library"),
            _("Accepted months"),
            _("Missing months"),
            _("Held events (accepted)"),
            _("People (accepted)"),
        ],
    )
    for library in libraries():
        accepted = [
            (y, m)
            for y, m in months
            if (x := reports.get((library.id, y, m))) and x.status == ReportStatus.ACCEPTED
        ]
        missing = [f"{y}-{m:02d}" for y, m in months if (y, m) not in accepted]
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


def build_report(period: Period, library: Library | None, today: date) -> r.Report:
    """The activity report of one library (or, with None, the whole system) for a period."""
    now, before = q.Span.of(period), q.Span.of(period.year_before())
    library_id = library.id if library else None
    sections = [
        r.events_by_type(now, before, library_id),
        r.by_campaign(now, before, library),
        r.by_audience(now, before, library_id),
        r.attendance(now, before, library_id),
        r.partners(now, before, library_id),
        cw.bookings(now, before, library_id),
        *cw.occupancy(now, before, library_id),
        cw.institutions(now, before, library_id),
    ]
    if library is None:
        sections.append(city_summary(period, today))
    return r.Report(period, library, sections)
