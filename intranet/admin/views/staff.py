"""Admin pages: staff accounts, the audit log and closed days."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from intranet.accounts.services import send_invitation
from intranet.admin import queries
from intranet.admin.audit_words import in_words
from intranet.admin.forms import (
    AuditFilterForm,
    ClosedDayForm,
    KurbanAitForm,
    ResetPasswordForm,
    UserCreateForm,
    UserForm,
)
from intranet.admin.services import create_account, set_kurban_ait, update_account
from intranet.auth import services as auth_services
from intranet.auth.models import Role, User
from intranet.auth.permissions import deny, permission_required
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
from intranet.i18n import long_day
from intranet.libraries import services as library_services
from intranet.libraries.models import ClosedDay
from intranet.unit_of_work import commit_or_show

bp = Blueprint("admin_staff", __name__)


def _get_user(user_id: int) -> User:
    return db.get_or_404(User, user_id)


def _invitable_roles() -> list[Role]:
    return [role for role in Role if current_user.can_invite(role)]


@bp.get("/users")
@permission_required(User.can_invite_staff)
def users() -> str:
    """The accounts one may invite (an admin: all), filterable by role and text."""
    roles = _invitable_roles()
    role = request.args.get("role", "")
    text = request.args.get("q", "").strip()[:100].replace("\x00", "")
    rows = queries.accounts(role, text, roles=roles)
    return render_template("admin/staff/users.html", users=rows, role=role, q=text, roles=roles)


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required(User.can_invite_staff)
def create_user() -> Response | str:
    """Create an account with a role and its scope (central staff: branch staff, by invitation)."""
    form = UserCreateForm.for_inviter(current_user)
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: create_account(form.to_request(), actor=current_user),
            form=form,
            field=form.email,
        )
        if outcome.value is not None:
            flash(
                _(
                    "The account %(email)s has been created. Give the person their email and "
                    'password: they can change the password under "My account".',
                    email=outcome.value.email,
                )
                if form.password and form.password.data
                else _(
                    "The account %(email)s has been created and an invitation is on its way to "
                    "it. The link works for 72 hours.",
                    email=outcome.value.email,
                ),
                "success",
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
            flash(
                _(
                    "Changes to the account %(email)s are saved. They apply from the next page "
                    "the person opens.",
                    email=user.email,
                ),
                "success",
            )
            return redirect(url_for("admin_staff.users"))
    return render_template(
        "admin/staff/user_form.html",
        form=form,
        user=user,
        reset_form=ResetPasswordForm(),
        devices=len(auth_services.live_sessions(user)),
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
            _(
                "The account %(email)s is active again: the person can sign in with their "
                "password.",
                email=user.email,
            )
            if active
            else _(
                "The account %(email)s is blocked and signed out everywhere. What it did stays "
                "in the audit log.",
                email=user.email,
            )
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
        flash(
            _(
                "The new password of %(email)s is set and the account was signed out "
                "everywhere. Tell the person the new password.",
                email=user.email,
            ),
            "success",
        )
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/invitation")
@permission_required(User.can_invite_staff)
def resend_invitation(user_id: int) -> Response:
    """Send the invitation again; the link sent before stops working."""
    user = _get_user(user_id)
    if not current_user.can_invite(user.role):
        deny(request.path)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if commit_or_show(lambda: send_invitation(user, actor=current_user)).ok:
        flash(
            _(
                "A new invitation is on its way to %(email)s. The link sent before no longer "
                "works.",
                email=user.email,
            ),
            "success",
        )
    if not current_user.can_manage_users():  # central staff have the list, not the account page
        return redirect(url_for("admin_staff.users"))
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/sessions/end")
@permission_required(User.can_manage_users)
def end_sessions(user_id: int) -> Response:
    """Sign an account out on every device at once."""
    user = _get_user(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if commit_or_show(lambda: auth_services.end_sessions(user, actor=current_user)).ok:
        if user.id == current_user.id:  # one's own sessions ended: this browser's too
            return redirect(url_for("auth_public.login"))
        flash(_("%(email)s is signed out on every device.", email=user.email), "success")
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))


@bp.get("/audit")
@permission_required(User.can_read_audit_log)
def audit_log() -> tuple[str, int]:
    """The audit log, newest first, filterable by action, actor and outcome."""
    form = AuditFilterForm(request.args)
    page = queries.audit_page(page_number(request.args), **form.filters())
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "admin/staff/audit.html",
        form=form,
        page=page,
        entries=in_words(page.items),
        filters=filters,
    ), (400 if form.errors else 200)


@bp.route("/closed-days", methods=["GET", "POST"])
@permission_required(User.can_manage_closed_days)
def closed_days() -> Response | str | tuple[str, int]:
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
            message = _(
                "%(date)s is saved as a closed day. Coworking takes no bookings that day and "
                "the calendar marks it.",
                date=long_day(form.day.data, this_year=local_today().year),
            )
            flash(f"{message} {cancelled_message(cancelled)}" if cancelled else message, "success")
            return redirect(url_for("admin_staff.closed_days"))
    return _closed_days_page(form)


KURBAN_AIT_YEARS = 3  # shown: this year and the next two, or the next three once it is past


def _kurban_ait_forms(failed: tuple[int, KurbanAitForm] | None = None) -> list[dict]:
    """One form per year: the date entered, else the one shipped with the project."""
    today = local_today()
    candidates = list(range(today.year, today.year + KURBAN_AIT_YEARS + 1))
    entered = library_services.kurban_ait_days(candidates)
    this_years = entered[today.year].day if today.year in entered else None
    this_years = this_years or library_services.suggested_kurban_ait(today.year)
    # Once this year's Kurban ait is behind us, the next three years are what matters.
    passed = this_years is not None and this_years < today
    years = candidates[1:] if passed else candidates[:-1]
    forms = []
    for year in years:
        if failed is not None and failed[0] == year:
            form = failed[1]
        else:
            form = KurbanAitForm(formdata=None, prefix=f"kurban-{year}")
            row = entered.get(year)
            form.day.data = row.day if row else library_services.suggested_kurban_ait(year)
        forms.append({"year": year, "form": form, "entered": year in entered})
    return forms


def _closed_days_page(
    form: ClosedDayForm, *, kurban: tuple[int, KurbanAitForm] | None = None, status: int = 200
) -> tuple[str, int]:
    rows = queries.closed_days_from(local_today().replace(day=1))
    kurban_forms = _kurban_ait_forms(kurban) if current_user.can_set_movable_holidays() else []
    return render_template(
        "admin/staff/closed_days.html", form=form, rows=rows, kurban_forms=kurban_forms
    ), status


@bp.post("/closed-days/kurban-ait/<int:year>")
@permission_required(User.can_set_movable_holidays)
def kurban_ait(year: int) -> Response | tuple[str, int] | str:
    """Enter or move this year's Kurban ait (asking first if it cancels coworking bookings)."""
    this_year = local_today().year
    if not this_year <= year <= this_year + KURBAN_AIT_YEARS:
        abort(404)
    form = KurbanAitForm(prefix=f"kurban-{year}")
    if form.validate_on_submit():
        outcome = commit_or_show(
            lambda: set_kurban_ait(
                year, form.day.data, actor=current_user, agreed=AgreedCancellationsForm().agreed()
            ),
            form=form,
            field=form.day,
        )
        if isinstance(outcome.error, ConfirmCancellations):
            return render_template(
                CONFIRMATION_TEMPLATE,
                **confirmation_context(
                    outcome.error,
                    title=_("Kurban ait"),
                    action=url_for("admin_staff.kurban_ait", year=year),
                    back=url_for("admin_staff.closed_days"),
                ),
            )
        if outcome.value is not None:
            _row, cancelled = outcome.value
            message = _(
                "%(date)s is now Kurban ait of %(year)d: every library is closed that day and "
                "coworking takes no bookings for it.",
                year=year,
                date=long_day(form.day.data),
            )
            flash(f"{message} {cancelled_message(cancelled)}" if cancelled else message, "success")
            return redirect(url_for("admin_staff.closed_days"))
    return _closed_days_page(ClosedDayForm(formdata=None), kurban=(year, form), status=400)


@bp.post("/closed-days/<int:row_id>/delete")
@permission_required(User.can_manage_closed_days)
def delete_closed_day(row_id: int) -> Response:
    """Open a closed day again."""
    row = db.get_or_404(ClosedDay, row_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    day = row.day  # read before the row is gone
    if commit_or_show(lambda: library_services.remove_closed_day(row, actor=current_user)).ok:
        flash(
            _(
                "%(date)s is a working day again: visitors can book seats for it.",
                date=long_day(day, this_year=local_today().year),
            ),
            "success",
        )
    return redirect(url_for("admin_staff.closed_days"))
