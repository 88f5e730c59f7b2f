"""Sign-in, sign-out, the staff home page and the own-account page."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from intranet.auth import services, sessions
from intranet.auth.forms import ChangePasswordForm, LanguageForm, LoginForm
from intranet.errors import IntranetError, error_response
from intranet.extensions import db, limiter
from intranet.forms import EmptyForm

bp = Blueprint("auth", __name__)
bp.before_app_request(sessions.end_expired_session)


def safe_next(target: str | None) -> str | None:
    """Accept only a same-site relative path, never another host or scheme."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ch in target for ch in "\\\r\n\t\x00"):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.route("/login", methods=["GET", "POST"])
# Per address, every attempt is counted before the view runs; per account, the service counts
# each attempt before it checks the password (services.authenticate).
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"])
def login():
    """Show the sign-in form and sign a staff member in."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("auth.home"))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.TooManyAttempts:
            return error_response(429)
        if user is not None:
            lang = session.get("lang")
            session.clear()  # a fresh session at sign-in: nothing carries over from before
            session.permanent = True  # expires after the idle timeout
            sessions.mark_signed_in()  # and in any case after SESSION_ABSOLUTE_HOURS
            if lang:
                session["lang"] = lang
            login_user(user)
            db.session.commit()
            return redirect(safe_next(form.next.data) or url_for("auth.home"))
        db.session.commit()  # keep the audit entry of the failure
        form.password.errors.append(_("Wrong email or password."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out and invalidate every cookie issued for this account."""
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("auth.home"))
    services.sign_out(current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/staff/")
@login_required
def home():
    """The staff home page: who I am and where to go."""
    return render_template("auth/home.html")


@bp.route("/staff/account", methods=["GET", "POST"])
@login_required
def account():
    """Change my own password and interface language."""
    password_form = ChangePasswordForm(prefix="pw")
    language_form = LanguageForm(prefix="lang", language=current_user.language)
    if password_form.submit.data and password_form.validate_on_submit():
        try:
            services.change_password(
                current_user,
                current=password_form.current_password.data,
                new=password_form.new_password.data,
            )
        except IntranetError as error:
            db.session.rollback()
            password_form.new_password.errors.append(str(error))
        else:
            db.session.commit()
            # The token rotated: keep this browser signed in with the new one.
            login_user(current_user._get_current_object())
            flash(
                _("Your password has been changed. Other sessions have been signed out."), "success"
            )
            return redirect(url_for("auth.account"))
    elif language_form.submit.data and language_form.validate_on_submit():
        current_user.language = language_form.language.data
        session["lang"] = language_form.language.data
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("auth.account"))
    return render_template(
        "auth/account.html", password_form=password_form, language_form=language_form
    )
