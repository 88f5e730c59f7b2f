"""Mailing the links: an invitation to a new account, a link to set a forgotten password."""

import hashlib

from flask_babel import lazy_gettext as _l

from intranet.audit import record_audit
from intranet.auth import services as auth_services
from intranet.auth.models import TokenPurpose, User
from intranet.auth.queries import find_user_by_email
from intranet.auth.services.throttling import count_hit
from intranet.errors import PermissionDenied
from intranet.notifications.services.outbox import enqueue
from intranet.urls import external_url_for

INVITATION_SUBJECT = _l("Your account on the libraries' intranet")
RESET_SUBJECT = _l("A link to set a new password")


def _send_link(
    user: User,
    purpose: TokenPurpose,
    *,
    kind: str,
    subject: object,
    endpoint: str,
    **context: object,
) -> None:
    """Queue a mail with a fresh single-use link of this purpose (an earlier one stops working)."""
    token = auth_services.issue_link_token(user, purpose)
    enqueue(
        kind=kind,
        recipient=user.email,
        language=user.language,
        subject=subject,
        template=f"accounts/email/{kind.removeprefix('account.')}.txt",
        context={
            "user": user,
            # Built on BASE_URL: the Host header a client sends never reaches a link.
            "link": external_url_for(endpoint, token=token, lang=user.language),
            **context,
        },
    )


def send_invitation(user: User, *, actor: User) -> None:
    """Mail a 72-hour invitation link; an earlier invitation stops working."""
    if not actor.can_invite(user.role):
        raise PermissionDenied(_l("You may not send an invitation to this account."))
    _send_link(
        user,
        TokenPurpose.INVITE,
        kind="account.invitation",
        subject=INVITATION_SUBJECT,
        endpoint="accounts_public.accept_invitation",
        inviter=actor,
    )
    record_audit("invitation.send", actor=actor, target=user.email)


def _address_key(email: str) -> str:
    # A digest: no email addresses in the limiter's storage.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def send_reset_link(email: str) -> bool:
    """Mail a 1-hour link to an active account of this address; the caller never tells the asker.

    Limited per account too (PASSWORD_RESET_LIMIT_PER_ACCOUNT): asking again and again from
    many addresses cannot flood someone's inbox. True when a mail was queued (for tests).
    """
    if not count_hit("PASSWORD_RESET_LIMIT_PER_ACCOUNT", "password-reset", _address_key(email)):
        return False
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return False
    _send_link(
        user,
        TokenPurpose.RESET,
        kind="account.password_reset",
        subject=RESET_SUBJECT,
        endpoint="accounts_public.reset",
    )
    record_audit("password.reset_link", actor=user, target=user.email)
    return True
