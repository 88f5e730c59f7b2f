"""The absolute session lifetime: a sign-in lasts SESSION_ABSOLUTE_HOURS, however active."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import ngettext
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from intranet.models import utc_now

SIGNED_IN_AT = "signed_in_at"  # seconds since the epoch, UTC


def mark_signed_in() -> None:
    """Record in the session when this browser signed in."""
    session[SIGNED_IN_AT] = int(utc_now().timestamp())


def end_expired_session() -> Response | None:
    """Before each request: sign a session out once its absolute lifetime has passed.

    The idle timeout alone lets a session that is used every few hours live for ever. A session
    without a recorded sign-in time (opened before this rule) is ended too: its age is unknown.
    """
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    lifetime = current_app.config["SESSION_ABSOLUTE_LIFETIME"]
    started = session.get(SIGNED_IN_AT)
    if isinstance(started, int) and utc_now().timestamp() - started < lifetime.total_seconds():
        return None
    hours = int(lifetime.total_seconds() // 3600)
    # Said, and the sign-in page shown, in the language of the person who was signed in.
    language = current_user.language
    message = ngettext(
        "For your security, a session ends %(num)d hour after signing in. Please sign in again.",
        "For your security, a session ends %(num)d hours after signing in. Please sign in again.",
        hours,
    )
    logout_user()
    session.clear()
    session["lang"] = language
    session.permanent = True
    flash(message, "warning")
    if request.path.startswith("/api/"):
        return None  # the API is public: the request goes on as a visitor's
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth_public.login", next=target))
