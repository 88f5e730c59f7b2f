"""Admin pages: staff accounts (list, create, edit, deactivate, reset) and the audit log."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from intranet.admin.forms import (
    AuditFilterForm,
    ClosedDayForm,
    ResetPasswordForm,
    UserCreateForm,
    UserForm,
)
from intranet.audit import AuditLog
from intranet.auth import services
from intranet.auth.models import Role, User
from intranet.auth.permissions import permission_required
from intranet.clock import local_today
from intranet.coworking.cancellations import ConfirmCancellations, close_day
from intranet.coworking.confirmation import confirmation_page, notify_cancelled
from intranet.coworking.forms import AgreedCancellationsForm
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.forms import EmptyForm, page_number
from intranet.libraries import services as library_services
from intranet.libraries.models import ClosedDay, Library

bp = Blueprint("admin_staff", __name__)
PAGE_SIZE = 50


@bp.get("/users")
@permission_required(User.can_manage_users)
def users():
    """All staff accounts, filterable by role and text."""
    query = select(User).options(selectinload(User.library), selectinload(User.centres))
    role = request.args.get("role", "")
    if role in set(Role):
        query = query.where(User.role == role)
    text = request.args.get("q", "").strip()[:100].replace("\x00", "")
    if text:
        like = f"%{text.lower()}%"
        query = query.where(or_(User.email.like(like), User.full_name.ilike(f"%{text}%")))
    rows = db.session.scalars(query.order_by(User.is_active.desc(), User.email)).all()
    return render_template("admin/users.html", users=rows, role=role, q=text, roles=list(Role))


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required(User.can_manage_users)
def create_user():
    """Create an account with a role and its scope."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(
                actor=current_user,
                email=form.email.data,
                password=form.password.data,
                role=form.role.data,
                full_name=form.full_name.data,
                library=form.library.data,
                centres=form.centres.data,
                language=form.language.data,
            )
        except IntranetError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The account %(email)s has been created.", email=user.email), "success")
            return redirect(url_for("admin_staff.users"))
    return render_template("admin/user_form.html", form=form, user=None)


def _get_user(user_id: int) -> User:
    return db.get_or_404(User, user_id)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@permission_required(User.can_manage_users)
def edit_user(user_id: int):
    """Change an account's name, role, scope and language."""
    user = _get_user(user_id)
    form = UserForm(obj=user) if request.method == "GET" else UserForm()
    if request.method == "GET":
        form.library.data = user.library.slug if user.library else ""
        form.centres.data = [c.slug for c in user.centres]
    if form.validate_on_submit():
        try:
            services.update_user(
                user,
                actor=current_user,
                full_name=form.full_name.data,
                role=form.role.data,
                library=form.library.data,
                centres=form.centres.data,
                language=form.language.data,
            )
        except IntranetError as error:
            db.session.rollback()
            form.role.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("admin_staff.users"))
    return render_template(
        "admin/user_form.html", form=form, user=user, reset_form=ResetPasswordForm()
    )


@bp.post("/users/<int:user_id>/active")
@permission_required(User.can_manage_users)
def set_active(user_id: int):
    """Deactivate or reactivate an account."""
    user = _get_user(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        services.set_user_active(user, actor=current_user, active=active)
    except IntranetError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        message = (
            _("The account has been reactivated.")
            if active
            else _("The account has been deactivated and signed out everywhere.")
        )
        flash(message, "success")
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/password")
@permission_required(User.can_manage_users)
def reset_password(user_id: int):
    """Set a new password for an account."""
    user = _get_user(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, actor=current_user, new_password=form.new_password.data)
        except IntranetError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The new password is set; the account was signed out everywhere."), "success")
    else:
        flash(_("Enter the new password."), "danger")
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.get("/audit")
@permission_required(User.can_read_audit_log)
def audit_log():
    """The audit log, newest first, filterable by action, actor and outcome."""
    form = AuditFilterForm(request.args)
    query = select(AuditLog)
    if form.validate():
        if form.action.data:
            query = query.where(AuditLog.action.startswith(form.action.data.strip()))
        if form.actor.data:
            query = query.where(AuditLog.actor_email.like(f"%{form.actor.data.strip().lower()}%"))
        if form.outcome.data:
            query = query.where(AuditLog.outcome == form.outcome.data)
    page = db.paginate(
        query.order_by(AuditLog.id.desc()),
        page=page_number(request.args),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("admin/audit.html", form=form, page=page, filters=filters)


@bp.route("/closed-days", methods=["GET", "POST"])
@permission_required(User.can_manage_closed_days)
def closed_days():
    """Public holidays, sanitary days and closures: editable, as the government moves them."""
    form = ClosedDayForm()
    if form.validate_on_submit():
        library = None
        if form.library.data:
            library = db.session.scalar(select(Library).where(Library.slug == form.library.data))
        try:
            _row, cancelled = close_day(
                actor=current_user,
                day=form.day.data,
                library=library,
                kind=form.kind.data,
                reason_kk=form.reason_kk.data,
                reason_ru=form.reason_ru.data,
                reason_en=form.reason_en.data,
                agreed=AgreedCancellationsForm().agreed(),
            )
        except ConfirmCancellations as ask:
            db.session.rollback()
            return confirmation_page(
                ask,
                title=_("Closed days"),
                action=url_for("admin_staff.closed_days"),
                back=url_for("admin_staff.closed_days"),
            )
        except IntranetError as error:
            db.session.rollback()
            form.day.errors.append(str(error))
        else:
            db.session.commit()
            message = _("Saved.")
            flash(f"{message} {notify_cancelled(cancelled)}" if cancelled else message, "success")
            return redirect(url_for("admin_staff.closed_days"))
    today = local_today()
    rows = db.session.scalars(
        select(ClosedDay)
        .options(selectinload(ClosedDay.library))
        .where(ClosedDay.day >= today.replace(day=1))
        .order_by(ClosedDay.day)
    ).all()
    return render_template("admin/closed_days.html", form=form, rows=rows)


@bp.post("/closed-days/<int:row_id>/delete")
@permission_required(User.can_manage_closed_days)
def delete_closed_day(row_id: int):
    """Open a closed day again."""
    row = db.get_or_404(ClosedDay, row_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    library_services.remove_closed_day(row, actor=current_user)
    db.session.commit()
    flash(_("The day is open again."), "success")
    return redirect(url_for("admin_staff.closed_days"))
