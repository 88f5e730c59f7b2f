"""The staff desk's home page and the own-account page."""

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from intranet.auth import services
from intranet.auth.forms import ChangePasswordForm, LanguageForm
from intranet.auth.services import user_sessions
from intranet.forms import EmptyForm
from intranet.unit_of_work import commit_or_show

bp = Blueprint("auth_staff", __name__)


@bp.get("/staff/")
@login_required
def home() -> str:
    """The staff home page: who I am and where to go."""
    return render_template("auth/staff/home.html")


@bp.route("/staff/account", methods=["GET", "POST"])
@login_required
def account() -> Response | str:
    """Change my own password and interface language."""
    user = current_user._get_current_object()
    password_form = ChangePasswordForm(prefix="pw")
    language_form = LanguageForm(prefix="lang", language=user.language)
    if password_form.submit.data and password_form.validate_on_submit():
        outcome = commit_or_show(
            lambda: services.change_password(
                user,
                current=password_form.current_password.data,
                new=password_form.new_password.data,
                end_others=password_form.end_others.data,
            ),
            form=password_form,
            field=password_form.new_password,
        )
        if outcome.ok:
            if password_form.end_others.data:
                message = _("Your password has been changed. Your other devices are signed out.")
            else:
                message = _("Your password has been changed.")
            flash(message, "success")
            return redirect(url_for("auth_staff.account"))
    elif language_form.submit.data and language_form.validate_on_submit():
        language = language_form.language.data
        if commit_or_show(lambda: services.choose_language(user, language)).ok:
            session["lang"] = language
            with force_locale(language):  # said in the language just chosen
                flash(_("The interface and your emails are now in this language."), "success")
            return redirect(url_for("auth_staff.account"))
    return render_template(
        "auth/staff/account.html", password_form=password_form, language_form=language_form
    )


@bp.get("/staff/account/sessions")
@login_required
def sessions() -> str:
    """Where I am signed in: each device, when it was last seen, and a way to end it."""
    user = current_user._get_current_object()
    return render_template(
        "auth/staff/sessions.html",
        sessions=user_sessions.live_sessions(user),
        empty_form=EmptyForm(),
    )


@bp.post("/staff/account/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int) -> Response:
    """Sign one of my devices out; ending this very one is signing out."""
    user = current_user._get_current_object()
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("auth_staff.sessions"))
    this_one = user.current_session is not None and user.current_session.id == session_id
    if commit_or_show(lambda: user_sessions.end_session(user, session_id)).ok:
        if this_one:
            logout_user()
            session.clear()
            flash(_("You have signed out."), "info")
            return redirect(url_for("auth_public.login"))
        flash(_("That device is signed out."), "success")
    return redirect(url_for("auth_staff.sessions"))


@bp.post("/staff/account/sessions/end-others")
@login_required
def end_other_sessions() -> Response:
    """Sign out everywhere but on this device."""
    user = current_user._get_current_object()
    if EmptyForm().validate_on_submit():
        outcome = commit_or_show(lambda: user_sessions.end_other_sessions(user))
        if outcome.ok:
            ended = outcome.value or 0
            flash(
                ngettext(
                    "%(num)d other device is signed out.",
                    "%(num)d other devices are signed out.",
                    ended,
                ),
                "success",
            )
    return redirect(url_for("auth_staff.sessions"))
