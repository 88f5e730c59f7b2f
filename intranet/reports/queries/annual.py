"""The annual export for the oblast library's form СРДГОБ-1: the diary's indicators per library
and in total over the accepted months, and which months were not accepted."""

from datetime import date

from flask_babel import gettext as _

from intranet.i18n import localized
from intranet.libraries.models import FUND_SECTIONS, Library, ReportStatus
from intranet.libraries.services.diary import age_bands
from intranet.reports.queries.cycle import libraries, statuses
from intranet.reports.queries.diary import Figures, band_figures, diary_figures, section_issues
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
    shown = libraries()  # read once for every sheet
    for library in shown:
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
        _bands_sheet(period, year, shown),
        _sections_sheet(period, year, shown),
        (
            _("Months not accepted"),
            [_("Library"), _("Months not accepted"), _("Which months")],
            missing_rows,
        ),
        (_("Plan and actual %(year)d", year=year), plan.columns, [*plan.rows, plan.total or []]),
    ]


def _per_library(shown: list[Library], cells, keys: list) -> list[list]:
    """A line per library and the total: `cells(library_id, key)` for each key, in order."""
    rows, total = [], [0] * len(keys)
    for library in shown:
        line = [cells(library.id, key) for key in keys]
        total = [a + b for a, b in zip(total, line, strict=True)]
        rows.append([localized(library, "name"), *line])
    return [*rows, [_("Total"), *total]]


def _bands_sheet(period: Period, year: int, shown: list[Library]) -> Sheet:
    """Readers, visits and issues by age band, as the form asks them, accepted months only."""
    bands = age_bands()
    figures = band_figures(period.start, period.end)
    keys = [(band.id, n) for band in bands for n in range(3)]
    columns = [_("Library")]
    for band in bands:
        name = localized(band, "name")
        columns += [
            _("%(band)s: readers", band=name),
            _("%(band)s: visits", band=name),
            _("%(band)s: book issues", band=name),
        ]
    rows = _per_library(shown, lambda lib, key: figures.get((lib, key[0]), (0, 0, 0))[key[1]], keys)
    return _("By age band %(year)d", year=year), columns, rows


def _sections_sheet(period: Period, year: int, shown: list[Library]) -> Sheet:
    """Book issues by the fund's main sections, accepted months only."""
    issues = section_issues(period.start, period.end)
    columns = [_("Library"), *(str(label) for label in FUND_SECTIONS.values())]
    rows = _per_library(shown, lambda lib, key: issues.get((lib, key), 0), list(FUND_SECTIONS))
    return _("Issues by fund section %(year)d", year=year), columns, rows
