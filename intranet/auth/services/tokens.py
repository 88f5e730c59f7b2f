"""Links that set a password: issued with a random token, stored hashed, used once."""

import hashlib
import re
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, select, update

from intranet.audit import record_audit
from intranet.auth.models import AccountToken, TokenPurpose, User
from intranet.auth.services.accounts import check_language
from intranet.auth.services.passwords import check_new_password
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.models import utc_now

LIFETIMES = {TokenPurpose.INVITE: timedelta(hours=72), TokenPurpose.RESET: timedelta(hours=1)}
# 32 random bytes (256 bits), URL-safe base64: 43 characters.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


class InvalidLink(IntranetError):
    """A link that is unknown, altered, expired, already used or replaced by a newer one."""

    status_code = 404


def _refusal(purpose: TokenPurpose) -> InvalidLink:
    if purpose == TokenPurpose.INVITE:
        return InvalidLink(
            _l(
                "This invitation link is not valid: it has expired, has been used, or a newer "
                "one was sent. Ask the administrator to send the invitation again."
            )
        )
    return InvalidLink(
        _l(
            "This link to set a new password is not valid: it has expired, has been used, or "
            "a newer one was sent. Ask for a new link."
        )
    )


def token_digest(token: str) -> str:
    """What is stored: a leaked table gives no usable link."""
    return hashlib.sha256(token.encode()).hexdigest()


def _close_open_links(user: User, purpose: TokenPurpose) -> None:
    """Every link of this purpose not yet used stops working."""
    db.session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == purpose,
            AccountToken.used_dt.is_(None),
        )
        .values(used_dt=utc_now())
        .execution_options(synchronize_session=False)
    )


def issue_link_token(user: User, purpose: TokenPurpose) -> str:
    """A new link's token (returned once, to be mailed); the previous open link is closed."""
    _close_open_links(user, purpose)
    token = secrets.token_urlsafe(32)
    now = utc_now()
    db.session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=token_digest(token),
            created_dt=now,
            expires_dt=now + LIFETIMES[purpose],
        )
    )
    db.session.flush()
    return token


def find_link(token: str, purpose: TokenPurpose) -> AccountToken:
    """The open, unexpired link of this token, of an active account; else InvalidLink."""
    if not TOKEN_SHAPE.fullmatch(token or ""):
        raise _refusal(purpose)
    row = db.session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == token_digest(token), AccountToken.purpose == purpose
        )
    )
    if (
        row is None
        or row.used_dt is not None
        or row.expires_dt <= utc_now()
        or not row.user.is_active
    ):
        raise _refusal(purpose)
    return row


def _use(row: AccountToken, purpose: TokenPurpose) -> None:
    """Mark the link used; a conditional UPDATE, so two tabs racing use it once."""
    result: CursorResult[object] = db.session.execute(  # type: ignore[assignment]
        update(AccountToken)
        .where(
            AccountToken.id == row.id,
            AccountToken.used_dt.is_(None),
            AccountToken.expires_dt > utc_now(),
        )
        .values(used_dt=utc_now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise _refusal(purpose)


def set_password_by_link(
    token: str, purpose: TokenPurpose, *, password: str, language: str | None = None
) -> User:
    """Set the account's password from a mailed link; every session of the account ends."""
    row = find_link(token, purpose)
    check_new_password(password)
    if language is not None:
        check_language(language)
    _use(row, purpose)
    user = row.user
    # Any other open link (an older reset next to an invitation) dies with the old password.
    _close_open_links(user, TokenPurpose.RESET)
    user.set_password(password)  # every session of the account ends
    if language is not None:
        user.language = language
    action = "invitation.accept" if purpose == TokenPurpose.INVITE else "password.reset_by_link"
    record_audit(action, actor=user, target=user.email)
    db.session.flush()
    return user
