"""Admin pages: staff accounts, the audit log and closed days."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.admin import queries
from intranet.admin.forms import (
    AuditFilterForm,
    ClosedDayForm,
    ResetPasswordForm,
    UserCreateForm,
    UserForm,
)
from intranet.admin.services import create_account, update_account
from intranet.auth import services as auth_services
from intranet.auth.models import Role, User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.coworking.forms import AgreedCancellationsForm
from intranet.coworking.services import (
    CONFIRMATION_TEMPLATE,
    ConfirmCancellations,
    cancelled_message,
    close_day,
    confirmation_context,
)
from intranet.extensions import db
from intranet.forms import EmptyForm, page_number
from intranet.libraries import services as library_services
from intranet.libraries.models import ClosedDay
from intranet.unit_of_work import commit_or_show

bp = Blueprint("admin_staff", __name__)


def _get_user(user_id: int) -> User:
    return db.get_or_404(User, user_id)


@bp.get("/users")
@permission_required(User.can_manage_users)
def users() -> str:
    """All staff accounts, filterable by role and text."""
    role = request.args.get("role", "")
    text = request.args.get("q", "").strip()[:100].replace("\x00", "")
    rows = queries.accounts(role, text)
    return render_template(
        "admin/staff/users.html", users=rows, role=role, q=text, roles=list(Role)
    )


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required(User.can_manage_users)
def create_user() -> Response | str:
    """Create an account with a role and its scope."""
    form = UserCreateForm()
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: create_account(form.to_request(), actor=current_user),
            form=form,
            field=form.email,
        )
        if outcome.value is not None:
            flash(
                _("The account %(email)s has been created.", email=outcome.value.email), "success"
            )
            return redirect(url_for("admin_staff.users"))
    return render_template("admin/staff/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@permission_required(User.can_manage_users)
def edit_user(user_id: int) -> Response | str:
    """Change an account's name, role, scope and language."""
    user = _get_user(user_id)
    form = UserForm.of_user(user) if request.method == "GET" else UserForm()
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: update_account(user, form.to_request(), actor=current_user),
            form=form,
            field=form.role,
        )
        if outcome.ok:
            flash(_("Saved."), "success")
            return redirect(url_for("admin_staff.users"))
    return render_template(
        "admin/staff/user_form.html", form=form, user=user, reset_form=ResetPasswordForm()
    )


@bp.post("/users/<int:user_id>/active")
@permission_required(User.can_manage_users)
def set_active(user_id: int) -> Response:
    """Deactivate or reactivate an account."""
    user = _get_user(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    outcome = commit_or_show(
        lambda: auth_services.set_user_active(user, actor=current_user, active=active)
    )
    if outcome.ok:
        message = (
            _("The account has been reactivated.")
            if active
            else _("The account has been deactivated and signed out everywhere.")
        )
        flash(message, "success")
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/password")
@permission_required(User.can_manage_users)
def reset_password(user_id: int) -> Response:
    """Set a new password for an account."""
    user = _get_user(user_id)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        flash(_("Enter the new password."), "danger")
    elif commit_or_show(
        lambda: auth_services.reset_password(
            user, actor=current_user, new_password=form.new_password.data
        )
    ).ok:
        flash(_("The new password is set; the account was signed out everywhere."), "success")
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.get("/audit")
@permission_required(User.can_read_audit_log)
def audit_log() -> str:
    """The audit log, newest first, filterable by action, actor and outcome."""
    form = AuditFilterForm(request.args)
    page = queries.audit_page(page_number(request.args), **form.filters())
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("admin/staff/audit.html", form=form, page=page, filters=filters)


@bp.route("/closed-days", methods=["GET", "POST"])
@permission_required(User.can_manage_closed_days)
def closed_days() -> Response | str:
    """Public holidays, sanitary days and closures: editable, as the government moves them."""
    form = ClosedDayForm()
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: close_day(
                actor=current_user,
                day=form.day.data,
                library=queries.library_by_slug(form.library.data),
                kind=form.kind.data,
                reason_kk=form.reason_kk.data,
                reason_ru=form.reason_ru.data,
                reason_en=form.reason_en.data,
                agreed=AgreedCancellationsForm().agreed(),
            ),
            form=form,
            field=form.day,
        )
        if isinstance(outcome.error, ConfirmCancellations):
            return render_template(
                CONFIRMATION_TEMPLATE,
                **confirmation_context(
                    outcome.error,
                    title=_("Closed days"),
                    action=url_for("admin_staff.closed_days"),
                    back=url_for("admin_staff.closed_days"),
                ),
            )
        if outcome.value is not None:
            _row, cancelled = outcome.value
            message = _("Saved.")
            flash(f"{message} {cancelled_message(cancelled)}" if cancelled else message, "success")
            return redirect(url_for("admin_staff.closed_days"))
    rows = queries.closed_days_from(local_today().replace(day=1))
    return render_template("admin/staff/closed_days.html", form=form, rows=rows)


@bp.post("/closed-days/<int:row_id>/delete")
@permission_required(User.can_manage_closed_days)
def delete_closed_day(row_id: int) -> Response:
    """Open a closed day again."""
    row = db.get_or_404(ClosedDay, row_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if commit_or_show(lambda: library_services.remove_closed_day(row, actor=current_user)).ok:
        flash(_("The day is open again."), "success")
    return redirect(url_for("admin_staff.closed_days"))
