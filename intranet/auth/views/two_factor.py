"""The second sign-in step: the code page, enrolment (required for admins), the Security page."""

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from intranet.auth import sessions
from intranet.auth.forms import CodeForm
from intranet.auth.models import User
from intranet.auth.permissions import permission_required
from intranet.auth.services import two_factor
from intranet.errors import error_response
from intranet.extensions import db
from intranet.forms import EmptyForm
from intranet.unit_of_work import commit_or_show

bp = Blueprint("auth_two_factor", __name__)
ENROL_SECRET = "totp_enrol_secret"  # the secret being enrolled, until a code confirms it
PRIVATE = {"Cache-Control": "no-store"}


def _enrolment(user: User) -> dict:
    """The QR code (inline SVG, drawn here) and the secret in groups of four for typing."""
    secret = session.get(ENROL_SECRET)
    if not isinstance(secret, str):
        secret = session[ENROL_SECRET] = two_factor.new_secret()
    qr = segno.make(two_factor.provisioning_uri(user, secret), error="m")
    svg = qr.svg_inline(scale=4, title=_("QR code for the authenticator app"))
    groups = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return {"qr": Markup(svg), "secret_groups": groups, "secret": secret}


def _confirm(user: User, form: CodeForm, *, signing_in: bool = False) -> list[str] | None:
    """Turn the second step on with the code typed; the recovery codes, else None."""
    secret = _enrolment(user)["secret"]
    outcome = commit_or_show(
        lambda: two_factor.confirm_enrolment(user, secret, form.code.data, signing_in=signing_in),
        form=form,
    )
    if outcome.value is not None:
        session.pop(ENROL_SECRET, None)
    return outcome.value


def _recovery_page(codes: list[str], next_url: str) -> ResponseReturnValue:
    page = render_template("auth/two_factor/recovery_codes.html", codes=codes, next_url=next_url)
    return page, 200, PRIVATE


@bp.route("/login/code", methods=["GET", "POST"])
def code() -> ResponseReturnValue:
    """The second step: the app's code (or a recovery code) signs the person in."""
    pending = sessions.pending_sign_in()
    if pending is None or not pending[0].uses_two_factor:
        if sessions.PENDING in session:  # a step begun and expired; a stranger is told nothing
            flash(
                _("The sign-in took too long. Please enter your email and password again."), "info"
            )
        return redirect(url_for("auth_public.login"))
    user, next_url = pending
    form = CodeForm()
    if form.validate_on_submit():
        # Committed either way: a wrong code leaves its audit entry.
        outcome = commit_or_show(lambda: two_factor.verify_code(user, form.code.data), form=form)
        if not outcome.ok:
            return error_response(outcome.status)  # too many attempts: 429
        if outcome.value:
            sessions.start_session(user)
            return redirect(next_url or url_for("auth_staff.home"))
        form.code.errors = [*form.code.errors, str(two_factor.WRONG_CODE)]
    status = 400 if request.method == "POST" else 200
    return render_template("auth/two_factor/code.html", form=form), status, PRIVATE


@bp.route("/login/enrol", methods=["GET", "POST"])
def enrol() -> ResponseReturnValue:
    """An administrator without a second step sets it up before anything else."""
    pending = sessions.pending_sign_in()
    if pending is None or pending[0].uses_two_factor:
        return redirect(url_for("auth_public.login"))
    user, next_url = pending
    form = CodeForm()
    if form.validate_on_submit():
        codes = _confirm(user, form, signing_in=True)
        if codes is not None:
            sessions.start_session(user)
            return _recovery_page(codes, next_url or url_for("auth_staff.home"))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "auth/two_factor/enrol.html", form=form, required=True, **_enrolment(user)
    )
    return page, status, PRIVATE


@bp.route("/staff/security", methods=["GET", "POST"])
@login_required
def security() -> ResponseReturnValue:
    """My second sign-in step: set it up, or turn it off where it is optional."""
    user = current_user._get_current_object()
    form = CodeForm()
    if form.validate_on_submit() and not user.uses_two_factor:
        codes = _confirm(user, form)
        if codes is not None:
            return _recovery_page(codes, url_for("auth_two_factor.security"))
    elif form.validate_on_submit():
        outcome = commit_or_show(lambda: two_factor.turn_off(user, form.code.data), form=form)
        if outcome.ok:
            flash(_("Sign-in with a code is off: your password alone signs you in."), "success")
            return redirect(url_for("auth_two_factor.security"))
    status = 400 if request.method == "POST" else 200
    enrolment = {} if user.uses_two_factor else _enrolment(user)
    page = render_template("auth/two_factor/security.html", form=form, **enrolment)
    return page, status, PRIVATE


@bp.post("/staff/admin/users/<int:user_id>/two-factor/reset")
@permission_required(User.can_manage_users)
def reset(user_id: int) -> ResponseReturnValue:
    """Clear someone's second step (a lost phone): they set it up again at the next sign-in."""
    user = db.get_or_404(User, user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if commit_or_show(lambda: two_factor.reset_two_factor(user, actor=current_user)).ok:
        flash(
            _(
                "The sign-in code of %(email)s is reset and the account is signed out. The "
                "person sets up the app again at the next sign-in.",
                email=user.email,
            ),
            "success",
        )
    return redirect(url_for("admin_staff.edit_user", user_id=user.id))
