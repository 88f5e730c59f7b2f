"""Staff pages of reports: the activity report (HTML, print, XLSX, CSV) and the report cycle."""

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.auth.permissions import deny, permission_required
from intranet.clock import local_today, year_in_range
from intranet.errors import Conflict, IntranetError, error_response
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.libraries.models import Library, MonthlyReport
from intranet.reports import services
from intranet.reports.build import build_report, libraries, statuses
from intranet.reports.forms import DecisionForm
from intranet.reports.periods import KINDS, Period, parse_period
from intranet.spreadsheets import to_csv, to_xlsx

bp = Blueprint("reports_staff", __name__)
SLUG = re.compile(r"[a-z0-9-]{1,40}")


def find_library(slug: str) -> Library:
    """The library of this slug, or 404 (also for text no slug can be, such as NUL bytes)."""
    if not SLUG.fullmatch(slug):
        abort(404)
    return db.session.scalar(select(Library).where(Library.slug == slug)) or abort(404)


def scope_library() -> Library | None:
    """?library=slug (or "all" for central staff); 404 unknown, 403 outside the reader's scope."""
    slug = request.args.get("library", "")
    if not slug:
        return None if current_user.is_central else current_user.library
    if slug == "all":
        if not current_user.is_central:
            deny(request.full_path)
        return None
    library = find_library(slug)
    if not current_user.can_act_for_library(library):
        deny(request.full_path)
    return library


def selection():
    """(library, period, error): a bad period is shown by the form, with last month instead."""
    library = scope_library()
    try:
        return library, parse_period(request.args, local_today()), None
    except IntranetError as error:
        return library, parse_period({}, local_today()), str(error)


def _future(period: Period) -> bool:
    return period.start > local_today()


@bp.route("/")
@permission_required(User.can_read_reports)
def report():
    library, period, error = selection()
    built = build_report(period, library, local_today())
    return render_template(
        "reports/report.html",
        report=built,
        error=error,
        future=_future(period),
        kinds=KINDS,
        libraries=libraries() if current_user.is_central else [],
        args=request.args,
    ), (400 if error else 200)


@bp.route("/print")
@permission_required(User.can_read_reports)
def print_report():
    library, period, error = selection()
    if error:
        abort(error_response(400, error))
    return render_template(
        "reports/print.html", report=build_report(period, library, local_today())
    )


@bp.route("/export.<fmt>")
@permission_required(User.can_read_reports)
def export(fmt: str):
    if fmt not in ("xlsx", "csv"):
        abort(404)
    library, period, error = selection()
    if error:
        abort(error_response(400, error))
    built = build_report(period, library, local_today())
    title = f"{built.scope_name} · {period.label()}"
    if fmt == "xlsx":
        sheets = [
            (s.title, s.columns, [*s.rows, *([s.total] if s.total else [])]) for s in built.sections
        ]
        body, mimetype = (
            to_xlsx(sheets),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        rows: list[list] = []
        for s in built.sections:
            rows += [[s.title], s.columns, *s.rows, *([s.total] if s.total else []), []]
        body, mimetype = to_csv([title], rows), "text/csv; charset=utf-8"
    record_audit("report.exported", actor=current_user, target=f"{built.slug}.{fmt}")
    db.session.commit()
    return (
        body,
        200,
        {
            "Content-Type": mimetype,
            "Content-Disposition": f'attachment; filename="{built.slug}.{fmt}"',
        },
    )


@bp.route("/cycle")
@permission_required(User.can_read_reports)
def cycle():
    """The status of every library's monthly report (a branch sees its own)."""
    try:
        period = parse_period({**request.args, "period": "month"}, local_today())
    except IntranetError as error:
        abort(error_response(400, str(error)))
    shown = libraries() if current_user.is_central else [current_user.library]
    reports = statuses([(period.year, period.number)])
    rows = [(lib, reports.get((lib.id, period.year, period.number))) for lib in shown]
    return render_template("reports/cycle.html", period=period, rows=rows)


def _month_page(slug: str, year: int, month: int):
    library = find_library(slug)
    if not current_user.can_act_for_library(library):
        deny(request.path)
    if not 1 <= month <= 12 or not year_in_range(year):
        abort(404)
    return library, services.find_report(library.id, year, month)


@bp.route("/month/<slug>/<int:year>/<int:month>")
@permission_required(User.can_read_reports)
def month(slug: str, year: int, month: int):
    library, monthly = _month_page(slug, year, month)
    return _render_month(library, monthly, year, month, DecisionForm(formdata=None))


def _render_month(library, monthly, year, month, form, status=200):
    return render_template(
        "reports/month.html",
        library=library,
        monthly=monthly,
        period=Period("month", year, month),
        missing=services.events_without_attendance(library.id, year, month),
        today=local_today(),
        form=form,
        empty_form=EmptyForm(),
    ), status


@bp.route("/month/<slug>/<int:year>/<int:month>/submit", methods=["POST"])
@permission_required(User.can_read_reports)
def submit(slug: str, year: int, month: int):
    library, _monthly = _month_page(slug, year, month)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.submit_report(
            library, actor=current_user, year=year, month=month, today=local_today()
        )
    except IntranetError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _render_month(
            library,
            services.find_report(library.id, year, month),
            year,
            month,
            DecisionForm(formdata=None),
            error.status_code,
        )
    db.session.commit()
    flash(_("The report has been submitted. Its attendance is now frozen."), "success")
    return redirect(url_for("reports_staff.month", slug=slug, year=year, month=month))


@bp.route("/decide/<int:report_id>", methods=["POST"])
@permission_required(User.can_decide_reports)
def decide(report_id: int):
    monthly = db.session.get(MonthlyReport, report_id) or abort(404)
    form = DecisionForm()
    status = 400
    if form.validate_on_submit():
        try:
            services.decide_report(
                monthly,
                actor=current_user,
                accept=form.decision.data == "accept",
                comment=form.comment.data,
            )
        except Conflict as error:
            # Someone else decided first: the form is gone from the page, so say it on top.
            db.session.rollback()
            flash(str(error), "warning")
            status = error.status_code
        except IntranetError as error:
            db.session.rollback()
            form.comment.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Decision saved."), "success")
            return redirect(url_for("reports_staff.cycle", year=monthly.year, month=monthly.month))
    return _render_month(monthly.library, monthly, monthly.year, monthly.month, form, status)
