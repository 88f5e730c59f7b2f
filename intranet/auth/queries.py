"""Reading accounts: the one with an email."""

from sqlalchemy import select

from intranet.auth.models import User, normalize_email
from intranet.extensions import db

MAX_EMAIL_LENGTH = 254  # User.email


def find_user_by_email(email: str | None) -> User | None:
    """The account with this email, whatever its case, or None."""
    email = normalize_email(email)
    if not email or "\x00" in email or len(email) > MAX_EMAIL_LENGTH:
        return None
    return db.session.scalar(select(User).where(User.email == email))
