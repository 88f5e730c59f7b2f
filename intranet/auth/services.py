"""Account rules: sign-in, passwords, and creating or changing staff accounts."""

import hashlib
from collections.abc import Iterable
from functools import cache

from flask import current_app
from flask_babel import LazyString, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from intranet.audit import record_audit
from intranet.auth.models import Role, User
from intranet.auth.passwords import check_new_password
from intranet.auth.throttling import count_password_attempt, forget_password_attempts
from intranet.coworking.models import CoworkingCentre
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.i18n import LANGUAGES
from intranet.libraries.models import Library
from intranet.models import utc_now

MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 200  # User.full_name


class TooManyAttempts(IntranetError):
    """Too many password attempts for one account in the throttling window."""

    status_code = 429


@cache
def _dummy_hash(method: str) -> str:
    """A hash to check against when the email is unknown, so both paths take the same time."""
    return generate_password_hash("not-a-real-password", method=method)


def normalize_email(email: str | None) -> str:
    """Emails compare case-insensitively; we store them stripped and lowercased."""
    return (email or "").strip().lower()


def load_user_by_session_token(token: str) -> User | None:
    """Flask-Login loader: only an active account whose current token matches."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(User).where(User.session_token == token, User.is_active))


def find_user_by_email(email: str) -> User | None:
    """The account with this email, whatever its case, or None."""
    email = normalize_email(email)
    if not email or "\x00" in email or len(email) > MAX_EMAIL_LENGTH:
        return None
    return db.session.scalar(select(User).where(User.email == email))


def _attempt(email: str) -> None:
    """Count an attempt at this account's password before it is checked; refuse past the limit."""
    # A digest: a fixed-length key, and no email addresses in the limiter's storage.
    key = hashlib.sha256(normalize_email(email).encode()).hexdigest()
    if not count_password_attempt(key):
        raise TooManyAttempts(_l("Too many attempts. Please wait a little and try again"))


def _forget_attempts(email: str) -> None:
    forget_password_attempts(hashlib.sha256(normalize_email(email).encode()).hexdigest())


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
    record_audit("login.success", actor=user, target=user.email)
    return user


def sign_out(user: User) -> None:
    """Kill every session of this user: the old cookies no longer match."""
    user.rotate_session()
    record_audit("logout", actor=user, target=user.email)


def _name_too_long(n: int) -> str:
    return ngettext(
        "The full name must be at most %(num)d character long.",
        "The full name must be at most %(num)d characters long.",
        n,
    )


def _clean_name(full_name: str | None) -> str:
    """The name as stored: stripped, and refused (never cut) when longer than the column."""
    name = (full_name or "").strip()
    if len(name) > MAX_NAME_LENGTH:
        # Lazy: said in the language of whoever reads it (the command line speaks English).
        raise IntranetError(LazyString(_name_too_long, MAX_NAME_LENGTH))
    return name


def change_password(user: User, *, current: str, new: str) -> None:
    """The user changes their own password; every other session ends."""
    _attempt(user.email)  # a stolen session must not become a way to guess the password
    if not user.check_password(current):
        raise IntranetError(_l("The current password is not correct."))
    _forget_attempts(user.email)
    check_new_password(new)
    user.set_password(new)
    record_audit("password.change", actor=user, target=user.email)
    db.session.flush()


def _resolve_scope(
    role: str, library_slug: str | None, centre_slugs: Iterable[str]
) -> tuple[Library | None, list[CoworkingCentre]]:
    """Check the role and turn its scope (library, centres) into objects."""
    if role not in set(Role):
        raise IntranetError(_l("Unknown role: %(role)s."), role=role)
    library = None
    centres: list[CoworkingCentre] = []
    if role == Role.BRANCH_STAFF:
        if not library_slug:
            raise IntranetError(_l("Branch staff must belong to a library."))
        library = db.session.scalar(select(Library).where(Library.slug == library_slug))
        if library is None:
            raise IntranetError(_l("Unknown library: %(slug)s."), slug=library_slug)
    if role == Role.COORDINATOR:
        slugs = sorted(set(centre_slugs))
        if not slugs:
            raise IntranetError(_l("A coordinator must have at least one coworking centre."))
        centres = list(
            db.session.scalars(select(CoworkingCentre).where(CoworkingCentre.slug.in_(slugs)))
        )
        missing = set(slugs) - {c.slug for c in centres}
        if missing:
            raise IntranetError(
                _l("Unknown coworking centre: %(slug)s."), slug=", ".join(sorted(missing))
            )
    return library, centres


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise IntranetError(_l("Unknown language: %(lang)s."), lang=language)
    return language


def create_user(
    *,
    actor: User | None,
    email: str,
    password: str,
    role: str,
    full_name: str = "",
    library: str | None = None,
    centres: Iterable[str] = (),
    language: str = "kk",
    is_demo: bool = False,
) -> User:
    """Create a staff account with its role and scope."""
    email = normalize_email(email)
    if not email or "@" not in email or len(email) > MAX_EMAIL_LENGTH:
        raise IntranetError(_l("Enter a valid email address."))
    if find_user_by_email(email) is not None:
        raise IntranetError(_l("An account with this email already exists."))
    check_new_password(password)
    lib, centre_objs = _resolve_scope(role, library, centres)
    user = User(
        email=email,
        full_name=_clean_name(full_name),
        role=role,
        library=lib,
        centres=centre_objs,
        language=_check_language(language),
        is_demo=is_demo,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record_audit(
        "user.create", actor=actor, target=email, detail=_scope_text(role, lib, centre_objs)
    )
    return user


def _scope_text(role: str, library: Library | None, centres: list[CoworkingCentre]) -> str:
    scope = library.slug if library else ",".join(c.slug for c in centres)
    return f"role={role} scope={scope or '-'}"


def update_user(
    user: User,
    *,
    actor: User,
    full_name: str,
    role: str,
    library: str | None,
    centres: Iterable[str],
    language: str,
) -> None:
    """Change an account's name, language, role and scope (admins only)."""
    if not actor.can_manage_users():
        raise PermissionDenied(_l("Only administrators manage accounts."))
    if user.id == actor.id and role != Role.ADMIN:
        raise IntranetError(_l("You cannot remove your own administrator role."))
    lib, centre_objs = _resolve_scope(role, library, centres)
    before = _scope_text(user.role, user.library, list(user.centres))
    user.full_name = _clean_name(full_name)
    user.language = _check_language(language)
    user.role, user.library, user.centres = role, lib, centre_objs
    after = _scope_text(role, lib, centre_objs)
    if before != after:
        # A narrower role must not keep a session that was opened with wider rights.
        user.rotate_session()
        record_audit(
            "user.role_change", actor=actor, target=user.email, detail=f"{before} -> {after}"
        )
    record_audit("user.update", actor=actor, target=user.email)
    db.session.flush()


def set_user_active(user: User, *, actor: User, active: bool) -> None:
    """Deactivate (which ends every session) or reactivate an account."""
    if not actor.can_manage_users():
        raise PermissionDenied(_l("Only administrators manage accounts."))
    if user.id == actor.id and not active:
        raise IntranetError(_l("You cannot deactivate your own account."))
    user.is_active = active
    if not active:
        user.rotate_session()
    record_audit("user.activate" if active else "user.deactivate", actor=actor, target=user.email)
    db.session.flush()


def reset_password(user: User, *, actor: User, new_password: str) -> None:
    """An administrator sets a new password; the user's sessions end."""
    if not actor.can_manage_users():
        raise PermissionDenied(_l("Only administrators manage accounts."))
    check_new_password(new_password)
    user.set_password(new_password)
    record_audit("user.password_reset", actor=actor, target=user.email)
    db.session.flush()
