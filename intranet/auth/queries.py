"""Reading accounts: the one behind a session cookie, the one with an email."""

from sqlalchemy import select

from intranet.auth.models import User, normalize_email
from intranet.extensions import db

MAX_EMAIL_LENGTH = 254  # User.email


def load_user_by_session_token(token: str) -> User | None:
    """Flask-Login loader: only an active account whose current token matches."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(User).where(User.session_token == token, User.is_active))


def find_user_by_email(email: str | None) -> User | None:
    """The account with this email, whatever its case, or None."""
    email = normalize_email(email)
    if not email or "\x00" in email or len(email) > MAX_EMAIL_LENGTH:
        return None
    return db.session.scalar(select(User).where(User.email == email))
