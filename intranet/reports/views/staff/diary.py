"""The work diary: a month's grid of days (totals, age bands, fund sections), saved at once."""

from calendar import monthrange
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.forms import EmptyForm
from intranet.i18n import localized
from intranet.libraries.models import FUND_SECTIONS, AgeBand, Library
from intranet.libraries.services import (
    PARTS,
    WEEK_COLUMNS,
    DiaryRefused,
    age_bands,
    cell_values,
    diary_month,
    find_report,
    month_weeks,
    part_columns,
    save_diary_month,
    save_diary_weeks,
    week_cells,
    week_covered,
)
from intranet.reports.queries import Period
from intranet.reports.views.staff.scope import month_library
from intranet.unit_of_work import commit_or_show

TOTAL_LABELS = {
    "readers_new": _l("New readers"),
    "readers_re": _l("Re-registered readers"),
    "visits": _l("Visits"),
    "issues": _l("Book issues"),
    "answers": _l("Reference answers"),
    "issues_kk": _l("Issues in Kazakh"),
    "issues_ru": _l("Issues in Russian"),
    "issues_other": _l("Issues in other languages"),
    "days_open": _l("Days open"),
}
WEEKS = "weeks"  # the grid of week rows: a week's totals entered at once


def column_labels(part: str, bands: list[AgeBand]) -> dict[str, str]:
    """Each column's name as the grid's heading and its inputs' labels say it."""
    if part == "sections":
        return {key: str(label) for key, label in FUND_SECTIONS.items()}
    if part == "bands":
        figures = {"readers": _("Readers"), "visits": _("Visits"), "issues": _("Book issues")}
        return {
            f"{band.code}.{f}": f"{localized(band, 'name')}: {label}"
            for band in bands
            for f, label in figures.items()
        }
    keys = WEEK_COLUMNS if part == WEEKS else part_columns("totals", bands)
    return {key: str(TOTAL_LABELS[key]) for key in keys}


def _days(year: int, month: int, today: date, part: str = "totals") -> list[date]:
    """The month's days (or first days of its weeks) that have begun."""
    if part == WEEKS:
        return [first for first, _last in month_weeks(year, month) if first <= today]
    last = monthrange(year, month)[1]
    return [d for n in range(1, last + 1) if (d := date(year, month, n)) <= today]


def _columns(part: str, bands: list[AgeBand]) -> list[str]:
    return list(WEEK_COLUMNS) if part == WEEKS else part_columns(part, bands)


def _week_labels(year: int, month: int) -> dict[date, str]:
    """Each week's rows heading: its first and last day («1–7»)."""
    return {
        first: f"{first.day}–{last.day}" if last > first else str(first.day)
        for first, last in month_weeks(year, month)
    }


def _kept_by_day(stored: dict, year: int, month: int) -> dict[date, dict[str, int]]:
    """The weeks kept day by day, as their days' sums (shown, not entered, in the weekly grid)."""
    sums: dict[date, dict[str, int]] = {}
    for first, last in month_weeks(year, month):
        rows = [r for d, r in stored.items() if first <= d <= last and r.period == "day"]
        if rows:
            sums[first] = {name: sum(getattr(r, name) for r in rows) for name in WEEK_COLUMNS}
            sums[first]["days_open"] = sum(1 for r in rows if r.visits)
    return sums


def _read_grid(days: list[date], columns: list[str]) -> tuple[dict, dict[date, str]]:
    """The grid as sent: (values by day, a problem per day for text that is no number)."""
    values: dict[date, dict[str, int]] = {}
    problems: dict[date, str] = {}
    for day in days:
        values[day] = {}
        for column in columns:
            raw = (request.form.get(f"c-{day.day}-{column}") or "").strip()
            if raw == "":
                values[day][column] = 0
            elif raw.isdecimal() and len(raw) < 10:
                values[day][column] = int(raw)
            else:
                problems[day] = _("Figures are whole numbers, 0 or more.")
    return values, problems


def _render(
    library: Library, year: int, month: int, part: str, sent=None, problems=None, status=200
) -> tuple[str, int]:
    today, bands = local_today(), age_bands()
    stored = diary_month(library.id, year, month)
    days = _days(year, month, today, part)
    columns = _columns(part, bands)
    weekly = {d: r for d, r in stored.items() if r.period == "week"}
    if part == WEEKS:
        by_day = _kept_by_day(stored, year, month)
        cells = {d: by_day.get(d) or week_cells(weekly.get(d)) for d in days}
        locked = set(by_day)  # a week kept day by day is changed in the daily grid
    else:
        cells = {d: cell_values(stored.get(d), part, bands) for d in days}
        # The daily totals of a week entered as one row are the weekly grid's to change.
        locked = {*weekly, *week_covered(stored)} if part == "totals" else set()
    report = find_report(library.id, year, month)
    return render_template(
        "reports/staff/diary.html",
        library=library,
        period=Period("month", year, month),
        part=part,
        parts=(*PARTS, WEEKS),
        row_labels=_week_labels(year, month) if part == WEEKS else None,
        locked=locked,
        bands=bands,
        labels=column_labels(part, bands),
        columns=columns,
        days=days,
        cells=cells,
        sent=sent,
        sums={c: sum(cells[d][c] for d in days) for c in columns},
        problems=problems or {},
        frozen=report is not None and report.is_frozen,
        editable=current_user.can_keep_diary(library),
        form=EmptyForm(),
    ), status


@permission_required(User.can_read_reports)
def diary(slug: str, year: int, month: int) -> Response | tuple[str, int]:
    """A library's work diary for a month: one part of the grid, saved at once."""
    library = month_library(slug, year, month)
    part = request.args.get("part", "totals")
    if part not in (*PARTS, WEEKS):
        abort(404)
    if request.method == "GET":
        return _render(library, year, month, part)
    if not EmptyForm().validate_on_submit():
        abort(400)
    days = _days(year, month, local_today(), part)
    values, problems = _read_grid(days, _columns(part, age_bands()))
    if problems:
        flash(_("Nothing was saved: correct the days marked in the grid."), "danger")
        return _render(library, year, month, part, request.form, problems, 400)
    outcome = commit_or_show(
        lambda: (
            save_diary_weeks(
                library,
                actor=current_user,
                year=year,
                month=month,
                values=values,
                today=local_today(),
            )
            if part == WEEKS
            else save_diary_month(
                library,
                actor=current_user,
                year=year,
                month=month,
                part=part,
                values=values,
                today=local_today(),
            )
        )
    )
    if not outcome.ok:
        refused = outcome.error.problems if isinstance(outcome.error, DiaryRefused) else []
        return _render(library, year, month, part, request.form, dict(refused), outcome.status)
    flash(_("The diary has been saved."), "success")
    return redirect(url_for("reports_staff.diary", slug=slug, year=year, month=month, part=part))


@permission_required(User.can_read_reports)
def this_month() -> Response:
    """The reader's own library's diary of this month; central staff choose a library first."""
    today = local_today()
    if current_user.library is None:
        return redirect(url_for("reports_staff.cycle"))
    return redirect(
        url_for(
            "reports_staff.diary",
            slug=current_user.library.slug,
            year=today.year,
            month=today.month,
        )
    )
