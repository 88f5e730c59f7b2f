"""The annual export for the oblast library's form СРДГОБ-1: the diary's indicators per library
and in total over the accepted months, and which months were not accepted."""

from datetime import date

from flask_babel import gettext as _

from intranet.i18n import localized
from intranet.libraries.models import ReportStatus
from intranet.reports.queries.cycle import libraries, statuses
from intranet.reports.queries.diary import Figures, diary_figures
from intranet.reports.queries.periods import Period
from intranet.reports.queries.plan import library_section
from intranet.reports.queries.summary import short_month

Sheet = tuple[str, list[str], list[list]]


def _line(name: str, f: Figures) -> list:
    ratios = [
        (f.issues, f.readers, 1),
        (f.visits, f.readers, 1),
        (f.issues, f.fund, 2),
        (f.fund, f.readers, 1),
        (f.visits, f.days_open, 1),
    ]
    return [
        name,
        f.readers,
        f.readers_new,
        f.visits,
        f.issues,
        f.issues_kk,
        f.issues_ru,
        f.issues_other,
        f.answers,
        f.fund,
        f.fund_kk,
        *[round(top / bottom, digits) if bottom else None for top, bottom, digits in ratios],
    ]


def annual_sheets(year: int, today: date) -> list[Sheet]:
    """The indicators sheet (a line per library and the total) and the months not accepted."""
    period = Period("year", year)
    figures = diary_figures(period.start, period.end, None, accepted_only=True)
    columns = [
        _("Library"),
        _("Readers"),
        _("of them newly registered"),
        _("Visits"),
        _("Book issues"),
        _("Issues in Kazakh"),
        _("Issues in Russian"),
        _("Issues in other languages"),
        _("Reference answers"),
        _("Library fund, copies"),
        _("Fund in Kazakh"),
        _("Reading rate (issues per reader)"),
        _("Visit rate (visits per reader)"),
        _("Fund turnover (issues per copy)"),
        _("Books per reader (copies per reader)"),
        _("Average daily visits"),
    ]
    rows, total = [], Figures()
    months = period.months(today)
    reports = statuses(months)
    missing_rows = []
    for library in libraries():
        mine = figures.get(library.id, Figures())
        total = total.plus(mine)
        name = localized(library, "name")
        rows.append(_line(name, mine))
        missing = [
            short_month(y, m)
            for y, m in months
            if not ((x := reports.get((library.id, y, m))) and x.status == ReportStatus.ACCEPTED)
        ]
        missing_rows.append([name, len(missing), ", ".join(missing)])
    rows.append(_line(_("Total"), total))
    plan = library_section(year)
    return [
        (_("Indicators %(year)d", year=year), columns, rows),
        (
            _("Months not accepted"),
            [_("Library"), _("Months not accepted"), _("Which months")],
            missing_rows,
        ),
        (_("Plan and actual %(year)d", year=year), plan.columns, [*plan.rows, plan.total or []]),
    ]
