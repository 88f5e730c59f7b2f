"""The pages of the mailed links: forgot my password, set a new one, accept an invitation."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from intranet.accounts.forms import AcceptInvitationForm, ForgotPasswordForm, NewPasswordForm
from intranet.accounts.services import send_reset_link
from intranet.auth import services as auth_services
from intranet.auth.models import TokenPurpose
from intranet.extensions import db, limiter
from intranet.unit_of_work import commit_or_show

bp = Blueprint("accounts_public", __name__)
# A link's page holds a secret in its address: never stored by a cache, never indexed.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _reset_limit() -> str:
    return str(current_app.config["PASSWORD_RESET_LIMIT_PER_IP"])


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
def forgot() -> ResponseReturnValue:
    """An email in, a link out by mail when it is an account's; the answer is always the same."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        send_reset_link(form.email.data)
        db.session.commit()
        flash(
            _(
                "If this address belongs to a staff account, a link to set a new password is "
                "on its way. It works for one hour. Check your inbox in a few minutes."
            ),
            "success",
        )
        return redirect(url_for("accounts_public.forgot"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/forgot.html", form=form), status


def _link_page(
    token: str, purpose: TokenPurpose, form: NewPasswordForm, template: str
) -> ResponseReturnValue:
    """Show the form of a valid link, set the password on a valid POST, else refuse clearly."""
    try:
        link = auth_services.find_link(token, purpose)
    except auth_services.InvalidLink as refusal:
        return render_template("accounts/link_invalid.html", message=refusal), 404, PRIVATE
    if form.validate_on_submit():
        language = getattr(form, "language", None)
        outcome = commit_or_show(
            lambda: auth_services.set_password_by_link(
                token,
                purpose,
                password=form.password.data,
                language=language.data if language is not None else None,
            ),
            form=form,
            field=form.password,
        )
        if outcome.value is not None:
            flash(
                _("Your password is set. Sign in with your email and the new password."), "success"
            )
            lang = outcome.value.language
            return redirect(url_for("auth_public.login", lang=lang), 303)
        if isinstance(outcome.error, auth_services.InvalidLink):  # used meanwhile in another tab
            return (
                render_template("accounts/link_invalid.html", message=outcome.error),
                404,
                PRIVATE,
            )
    status = 400 if request.method == "POST" else 200
    return render_template(template, form=form, account=link.user), status, PRIVATE


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> ResponseReturnValue:
    """Set a new password from the mailed link (1 hour, once)."""
    return _link_page(token, TokenPurpose.RESET, NewPasswordForm(), "accounts/reset.html")


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    """An invited person sets their first password and language (72 hours, once)."""
    form = AcceptInvitationForm()
    if request.method == "GET":
        form.language.data = request.args.get("lang") or "kk"
    return _link_page(token, TokenPurpose.INVITE, form, "accounts/invitation.html")
