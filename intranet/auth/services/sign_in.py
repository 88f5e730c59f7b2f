"""Signing in and out, and changing one's own password or language."""

import hashlib
from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from intranet.audit import record_audit
from intranet.auth.models import User, normalize_email
from intranet.auth.queries import find_user_by_email
from intranet.auth.services.accounts import check_language
from intranet.auth.services.passwords import check_new_password
from intranet.auth.services.throttling import count_password_attempt, forget_password_attempts
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now


class TooManyAttempts(IntranetError):
    """Too many password attempts for one account in the throttling window."""

    status_code = 429


@cache
def _dummy_hash(method: str) -> str:
    """A hash to check against when the email is unknown, so both paths take the same time."""
    return generate_password_hash("not-a-real-password", method=method)


def _attempt_key(email: str) -> str:
    # A digest: a fixed-length key, and no email addresses in the limiter's storage.
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()


def _attempt(email: str) -> None:
    """Count an attempt at this account's password before it is checked; refuse past the limit."""
    if not count_password_attempt(_attempt_key(email)):
        raise TooManyAttempts(_l("Too many attempts. Please wait a little and try again"))


def _forget_attempts(email: str) -> None:
    forget_password_attempts(_attempt_key(email))


def authenticate(email: str, password: str) -> User | None:
    """The active user these credentials belong to, else None (never says which part failed).

    Raises TooManyAttempts, without checking the password, once the account's limit is used.
    """
    _attempt(email)
    user = find_user_by_email(email)
    # Checked in full, never cut short: a longer password is a different password. The body
    # limit (MAX_CONTENT_LENGTH) bounds the cost, and pbkdf2 hashes a long password once.
    password = password or ""
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        record_audit("login.failure", target=normalize_email(email)[:80], outcome="failed")
        return None
    if not user.check_password(password) or not user.is_active:
        record_audit("login.failure", actor=user, target=user.email, outcome="failed")
        return None
    _forget_attempts(email)
    user.last_login_dt = utc_now()
    # Signed in only after the code, where one is needed (two_factor.verify_code).
    action = "login.password_ok" if user.needs_second_step() else "login.success"
    record_audit(action, actor=user, target=user.email)
    return user


def sign_out(user: User) -> None:
    """Sign out here: this browser's session ends (its cookie matches nothing), others go on."""
    if user.current_session is not None:
        db.session.delete(user.current_session)
    record_audit("logout", actor=user, target=user.email)


def change_password(user: User, *, current: str, new: str, end_others: bool = True) -> None:
    """The user changes their own password; their other sessions end unless they keep them."""
    _attempt(user.email)  # a stolen session must not become a way to guess the password
    if not user.check_password(current):
        raise IntranetError(_l("The current password is not correct."))
    _forget_attempts(user.email)
    check_new_password(new)
    if end_others:
        user.set_password(new, keep=user.current_session)
    else:
        user.set_password(new, keep_all=True)
    record_audit("password.change", actor=user, target=user.email)
    db.session.flush()


def choose_language(user: User, language: str) -> None:
    """The language of the user's interface and emails."""
    user.language = check_language(language)
    db.session.flush()
