"""The activity report: as a page, as a printable A4 page, and as XLSX or CSV files."""

from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import MAX_YEAR, MIN_YEAR, local_today, year_in_range
from intranet.errors import error_response
from intranet.libraries.models import Library
from intranet.reports.forms import period_choices, period_or_last_month, year_choices
from intranet.reports.queries import Period, Report, Section, build_report, libraries
from intranet.reports.queries.annual import annual_sheets
from intranet.reports.services import record_export
from intranet.reports.views.staff.scope import scope_library
from intranet.spreadsheets import to_csv, to_xlsx
from intranet.unit_of_work import commit_or_show

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _selection() -> tuple[Library | None, Period, str | None]:
    """(library, period, error): a bad period is shown by the form, with last month instead."""
    library = scope_library()
    period, error = period_or_last_month(request.args, local_today())
    return library, period, error


def _valid_selection() -> tuple[Library | None, Period]:
    """The library and period of a file or print page; a bad period is a 400 page."""
    library, period, error = _selection()
    if error:
        abort(error_response(400, error))
    return library, period


@permission_required(User.can_read_reports)
def report() -> tuple[str, int]:
    """The activity report of a library (or all) for a month, a quarter or a year."""
    library, period, error = _selection()
    today = local_today()
    built = build_report(period, library, today)
    return render_template(
        "reports/staff/report.html",
        report=built,
        error=error,
        future=period.start > today,
        libraries=libraries() if current_user.is_central else [],
        years=year_choices(today, period.year),
        periods=period_choices(period.year),
    ), (400 if error else 200)


@permission_required(User.can_read_reports)
def print_report() -> str:
    """The activity report as a printable A4 page."""
    library, period = _valid_selection()
    return render_template(
        "reports/staff/print.html", report=build_report(period, library, local_today())
    )


def _sheets(built: Report) -> list[tuple[str, list[str], list[list[Any]]]]:
    """One sheet per section: its title, its columns, its rows and its total."""
    return [(s.title, s.columns, [*s.rows, *_closing(s)]) for s in built.sections]


def _closing(section: Section) -> list[list[Any]]:
    """The lines under a section's rows in a file: its total, then its note."""
    return [
        *([section.total] if section.total else []),
        *([[section.note]] if section.note else []),
    ]


def _csv_rows(built: Report) -> list[list[Any]]:
    """The sections one below the other: title, columns, rows, total, an empty line."""
    rows: list[list[Any]] = []
    for s in built.sections:
        rows += [[s.title], s.columns, *s.rows, *_closing(s), []]
    return rows


@permission_required(User.can_read_reports)
def export(fmt: str) -> tuple[bytes, int, dict[str, str]]:
    """The activity report as an XLSX workbook (a sheet per section) or a CSV file."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    library, period = _valid_selection()
    built = build_report(period, library, local_today())
    if fmt == "xlsx":
        body, mimetype = to_xlsx(_sheets(built)), XLSX
    else:
        title = f"{built.scope_name} · {period.label()}"
        body, mimetype = to_csv([title], _csv_rows(built)), "text/csv; charset=utf-8"
    file_name = f"{built.slug}.{fmt}"
    commit_or_show(lambda: record_export(file_name, actor=current_user))
    return (
        body,
        200,
        {"Content-Type": mimetype, "Content-Disposition": f'attachment; filename="{file_name}"'},
    )


@permission_required(User.can_decide_reports)
def annual_export() -> tuple[bytes, int, dict[str, str]]:
    """The year's indicators for СРДГОБ-1 (accepted months), per library and in total, as XLSX."""
    today = local_today()
    try:
        year = int(request.args.get("year") or today.year - 1)
    except ValueError:
        abort(
            error_response(
                400, _("Choose a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR)
            )
        )
    if not year_in_range(year):
        abort(
            error_response(
                400, _("Choose a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR)
            )
        )
    body = to_xlsx(annual_sheets(year, today))
    file_name = f"srdgob-1-{year}.xlsx"
    commit_or_show(lambda: record_export(file_name, actor=current_user))
    return (
        body,
        200,
        {"Content-Type": XLSX, "Content-Disposition": f'attachment; filename="{file_name}"'},
    )
