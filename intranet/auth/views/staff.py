"""The staff desk's home page and the own-account page."""

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from werkzeug.wrappers import Response

from intranet.auth import services
from intranet.auth.forms import ChangePasswordForm, LanguageForm
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
            ),
            form=password_form,
            field=password_form.new_password,
        )
        if outcome.ok:
            # The token rotated: keep this browser signed in with the new one.
            login_user(user)
            flash(
                _("Your password has been changed. Other sessions have been signed out."), "success"
            )
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
