"""Admin pages of the moved working days (перенос рабочих дней): the list, add, change, remove."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.admin import queries
from intranet.admin.working_day_form import WorkingDayForm
from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.coworking.services import change_working_day, drop_working_day, open_working_day
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.i18n import long_day
from intranet.libraries.models import WorkingDay
from intranet.unit_of_work import commit_or_show

bp = Blueprint("admin_working_days", __name__)


def _page(form: WorkingDayForm, *, row: WorkingDay | None = None, status: int = 200):
    rows = queries.working_days_from(local_today().replace(day=1))
    return render_template(
        "admin/staff/working_days.html", form=form, rows=rows, editing=row
    ), status


def _saved(day) -> Response:
    flash(
        _(
            "%(date)s is saved as a working day: the library pages show it and coworking "
            "takes bookings for it.",
            date=long_day(day, this_year=local_today().year),
        ),
        "success",
    )
    return redirect(url_for("admin_working_days.working_days"))


@bp.route("/", methods=["GET", "POST"])
@permission_required(User.can_manage_closed_days)
def working_days() -> Response | tuple[str, int]:
    """Days off on which the libraries open, as the government moves working days."""
    form = WorkingDayForm()
    if form.validate_on_submit():
        data = form.to_data(queries.library_by_slug(form.library.data))
        if commit_or_show(lambda: open_working_day(data, actor=current_user), form=form).ok:
            return _saved(data.day)
        return _page(form, status=400)
    return _page(form, status=400 if form.errors else 200)


@bp.route("/<int:row_id>", methods=["GET", "POST"])
@permission_required(User.can_manage_closed_days)
def edit(row_id: int) -> Response | tuple[str, int]:
    """Change a moved working day's date, libraries, hours or reason."""
    row = db.get_or_404(WorkingDay, row_id)
    form = WorkingDayForm()
    if form.validate_on_submit():
        data = form.to_data(queries.library_by_slug(form.library.data))
        outcome = commit_or_show(
            lambda: change_working_day(row, data, actor=current_user), form=form
        )
        if outcome.ok:
            return _saved(data.day)
        return _page(form, row=row, status=outcome.status)
    if not form.is_submitted():
        form.fill(row)
    return _page(form, row=row, status=400 if form.errors else 200)


@bp.post("/<int:row_id>/delete")
@permission_required(User.can_manage_closed_days)
def delete(row_id: int) -> Response:
    """Make a moved working day a day off again (refused while seats are booked on it)."""
    row = db.get_or_404(WorkingDay, row_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    day = row.day  # read before the row is gone
    if commit_or_show(lambda: drop_working_day(row, actor=current_user)).ok:
        flash(
            _(
                "%(date)s is no longer a working day.",
                date=long_day(day, this_year=local_today().year),
            ),
            "success",
        )
    return redirect(url_for("admin_working_days.working_days"))
