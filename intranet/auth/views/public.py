"""Signing in and out."""

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
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from intranet.auth import services, sessions
from intranet.auth.forms import LoginForm
from intranet.errors import error_response
from intranet.extensions import limiter
from intranet.forms import EmptyForm
from intranet.unit_of_work import commit_or_show

bp = Blueprint("auth_public", __name__)
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
def login() -> Response | str:
    """Show the sign-in form and sign a staff member in."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("auth_staff.home"))
    if form.validate_on_submit():
        # Committed either way: a failed attempt leaves its audit entry.
        outcome = commit_or_show(
            lambda: services.authenticate(form.email.data, form.password.data),
            field=form.password,
        )
        if not outcome.ok:
            return error_response(outcome.status)  # too many attempts: 429
        user = outcome.value
        if user is not None and user.needs_second_step():
            sessions.begin_second_step(user, safe_next(form.next.data))
            step = "code" if user.uses_two_factor else "enrol"
            return redirect(url_for(f"auth_two_factor.{step}"))
        if user is not None:
            sessions.start_session(user)
            return redirect(safe_next(form.next.data) or url_for("auth_staff.home"))
        form.password.errors.append(_("Wrong email or password."))
    return render_template("auth/public/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Sign out on this device; the other devices stay signed in (the sessions page ends them)."""
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("auth_staff.home"))
    user = current_user._get_current_object()
    commit_or_show(lambda: services.sign_out(user))
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth_public.login"))
