"""Signed-in browsers: opened at sign-in, seen on each request, ended by their owner."""

import re
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, delete, select

from intranet.audit import record_audit
from intranet.auth.models import User, UserSession
from intranet.auth.services.tokens import token_digest
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now

# How stale "last seen" may be: writing it on every request would make each page a write.
SEEN_EVERY = timedelta(minutes=5)
MAX_TOKEN_LENGTH = 64

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("YaBrowser/", "Yandex Browser"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)
SESSION_ENDED = _l("This session has already ended.")


def describe_device(user_agent: str | None) -> str:
    """'Chrome, Android' from a User-Agent header; '' when it names nothing we know."""
    agent = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in agent), "")
    system = next((name for mark, name in SYSTEMS if mark in agent), "")
    text = ", ".join(part for part in (browser, system) if part)
    return re.sub(r"[^\w ,.-]", "", text)[:80]


def _live(now: datetime) -> ColumnElement[bool]:
    """Sessions within their absolute lifetime and not idle longer than the idle timeout."""
    config = current_app.config
    return and_(
        UserSession.created_dt > now - config["SESSION_ABSOLUTE_LIFETIME"],
        UserSession.last_seen_dt > now - config["PERMANENT_SESSION_LIFETIME"] - SEEN_EVERY,
    )


def open_session(user: User, user_agent: str | None, *, now: datetime | None = None) -> str:
    """A new sign-in of this account: its row, and the token its cookie will hold."""
    now = now or utc_now()
    # An account's finished sessions go when it signs in again: the table stays small.
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, ~_live(now)))
    token = secrets.token_urlsafe(32)
    row = UserSession(
        user_id=user.id,
        token_hash=token_digest(token),
        device=describe_device(user_agent),
        created_dt=now,
        last_seen_dt=now,
    )
    db.session.add(row)
    db.session.flush()
    user.current_session, user.session_key = row, token
    return token


def load_signed_in_user(token: str) -> User | None:
    """Flask-Login loader: the active account of a live session with this cookie token.

    Marks the session as seen at most every SEEN_EVERY, in its own commit (listed in
    intranet/unit_of_work.py): it happens as the request starts, before any other change.
    The session's age is judged by auth.sessions, which says why it ended, in the person's
    language; a row past its lifetime is no longer listed and goes at the next sign-in.
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = utc_now()
    found = db.session.execute(
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.token_hash == token_digest(token), User.is_active)
    ).first()
    if found is None:
        return None
    user, row = found
    if now - row.last_seen_dt >= SEEN_EVERY:
        row.last_seen_dt = now
        db.session.commit()
    user.current_session, user.session_key = row, token
    return user


def live_sessions(user: User, *, now: datetime | None = None) -> list[UserSession]:
    """The account's sessions that still let someone in, the most recently seen first."""
    now = now or utc_now()
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, _live(now))
            .order_by(UserSession.last_seen_dt.desc(), UserSession.id.desc())
        )
    )


def end_session(user: User, session_id: int) -> None:
    """The person ends one of their own sessions (a phone left signed in somewhere)."""
    ended = db.session.execute(
        delete(UserSession)
        .where(UserSession.id == session_id, UserSession.user_id == user.id)
        .returning(UserSession.device)
    ).first()
    if ended is None:
        raise IntranetError(SESSION_ENDED)
    record_audit("session.end", actor=user, target=user.email, detail=ended.device or None)
    db.session.flush()


def end_other_sessions(user: User) -> int:
    """The person signs out everywhere but here; returns how many sessions ended."""
    others = [s for s in live_sessions(user) if s.id != getattr(user.current_session, "id", None)]
    user.end_sessions(keep=user.current_session)
    record_audit("session.end_others", actor=user, target=user.email, detail=len(others))
    db.session.flush()
    return len(others)
