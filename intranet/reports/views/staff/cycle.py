"""The monthly report cycle: every library's month at a glance, one month, submit and decide."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.errors import IntranetError, error_response
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.i18n import localized, month_name
from intranet.libraries.models import Library, MonthlyReport
from intranet.libraries.services import find_report
from intranet.reports.forms import DecisionForm, month_asked, year_choices
from intranet.reports.queries import (
    Period,
    build_report,
    events_without_attendance,
    libraries,
    statuses,
)
from intranet.reports.services import decide_report, submit_report
from intranet.reports.views.staff.scope import month_library
from intranet.unit_of_work import commit_or_show


@permission_required(User.can_read_reports)
def cycle() -> str:
    """The status of every library's monthly report (a branch sees its own)."""
    try:
        period = month_asked(request.args, local_today())
    except IntranetError as error:
        abort(error_response(400, str(error)))
    shown = libraries() if current_user.is_central else [current_user.library]
    reports = statuses([(period.year, period.number)])
    rows = [(lib, reports.get((lib.id, period.year, period.number))) for lib in shown]
    # The month and the year are chosen from lists, in words, as on the activity report.
    months = [(m, Period("month", period.year, m).month_name()) for m in range(1, 13)]
    return render_template(
        "reports/staff/cycle.html",
        period=period,
        rows=rows,
        months=months,
        years=year_choices(local_today(), period.year),
    )


def _render_month(
    library: Library,
    monthly: MonthlyReport | None,
    year: int,
    month: int,
    form: DecisionForm,
    status: int = 200,
) -> tuple[str, int]:
    """One library's month: its figures, the events still to count, submitting, the decision."""
    period, today = Period("month", year, month), local_today()
    return render_template(
        "reports/staff/month.html",
        library=library,
        monthly=monthly,
        period=period,
        report=build_report(period, library, today),
        missing=events_without_attendance(library.id, year, month),
        today=today,
        form=form,
    ), status


@permission_required(User.can_read_reports)
def month(slug: str, year: int, month: int) -> tuple[str, int]:
    """One library's month in the cycle."""
    library = month_library(slug, year, month)
    monthly = find_report(library.id, year, month)
    return _render_month(library, monthly, year, month, DecisionForm(formdata=None))


@permission_required(User.can_read_reports)
def submit(slug: str, year: int, month: int) -> Response | tuple[str, int]:
    """Submit a library's month, which freezes its events and attendance."""
    library = month_library(slug, year, month)
    if not EmptyForm().validate_on_submit():
        abort(400)
    outcome = commit_or_show(
        lambda: submit_report(
            library, actor=current_user, year=year, month=month, today=local_today()
        )
    )
    if not outcome.ok:
        monthly = find_report(library.id, year, month)
        form = DecisionForm(formdata=None)
        return _render_month(library, monthly, year, month, form, outcome.status)
    flash(
        _(
            "The report for %(month)s has been submitted: its events and attendance can no "
            "longer be changed. Central staff will review it, and we will let you know when "
            "they accept it or return it for correction.",
            month=month_name(date(year, month, 1)),
        ),
        "success",
    )
    return redirect(url_for("reports_staff.month", slug=slug, year=year, month=month))


def _decided(monthly: MonthlyReport, *, accepted: bool) -> str:
    """After a decision: what became of the month, and what happens next."""
    names = {
        "library": localized(monthly.library, "name"),
        "month": month_name(date(monthly.year, monthly.month, 1)),
    }
    if accepted:
        return _(
            "The report of %(library)s for %(month)s is accepted. We will let the library "
            "know; nothing more is needed for this month.",
            **names,
        )
    return _(
        "The report of %(library)s for %(month)s has been returned to the library with your "
        "comment. When they correct it and submit it again, it will wait for your decision.",
        **names,
    )


@permission_required(User.can_decide_reports)
def decide(report_id: int) -> Response | tuple[str, int]:
    """Accept a submitted month, or return it to the library with a comment."""
    monthly = db.session.get(MonthlyReport, report_id) or abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render_month(monthly.library, monthly, monthly.year, monthly.month, form, 400)
    outcome = commit_or_show(
        lambda: decide_report(
            monthly, actor=current_user, accept=form.accepted, comment=form.comment.data or ""
        ),
        form=form,
    )
    if not outcome.ok:
        # A refused return is shown by its comment; a month decided meanwhile (the form is
        # gone from the page) at the top.
        return _render_month(
            monthly.library, monthly, monthly.year, monthly.month, form, outcome.status
        )
    flash(_decided(monthly, accepted=form.accepted), "success")
    return redirect(url_for("reports_staff.cycle", year=monthly.year, month=monthly.month))
