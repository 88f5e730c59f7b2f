"""The absolute session lifetime: a sign-in lasts SESSION_ABSOLUTE_HOURS, however active."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from intranet.auth.models import User
from intranet.auth.services.user_sessions import open_session
from intranet.extensions import db
from intranet.models import utc_now

SIGNED_IN_AT = "signed_in_at"  # seconds since the epoch, UTC
# Between the password and the code: who, until when, and where to go. Not signed in yet.
PENDING = "pending_sign_in"
PENDING_SECONDS = 300


def start_session(user: User) -> None:
    """A fresh session at sign-in: nothing carries over from before but the language.

    The sign-in gets its row (the sessions page lists it) in its own commit, after the
    sign-in's checks were committed by the view.
    """
    open_session(user, request.user_agent.string)
    db.session.commit()
    lang = session.get("lang")
    session.clear()
    session.permanent = True  # expires after the idle timeout
    mark_signed_in()  # and in any case after SESSION_ABSOLUTE_HOURS
    if lang:
        session["lang"] = lang
    login_user(user)


def begin_second_step(user: User, next_url: str | None) -> None:
    """The password was right: remember the account for a few minutes, signed out."""
    logout_user()
    session[PENDING] = {
        "user": user.id,
        "until": int(utc_now().timestamp()) + PENDING_SECONDS,
        "next": next_url or "",
    }


def pending_sign_in() -> tuple[User, str] | None:
    """The active account waiting for its second step, and where it was going; else None."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("until", 0) < utc_now().timestamp():
        return None
    user = db.session.get(User, pending.get("user"))
    if user is None or not user.is_active:
        return None
    return user, str(pending.get("next") or "")


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
