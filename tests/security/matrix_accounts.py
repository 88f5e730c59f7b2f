"""Authorization matrix rows of the mailed links (forgot my password, invitations)."""

from intranet.admin.services import NewAccountRequest, create_account
from intranet.auth.models import TokenPurpose, User
from intranet.auth.services import issue_link_token
from intranet.extensions import db
from tests.security.matrix import (
    ADMIN_ONLY,
    ANY_STAFF,
    CENTRAL_ONLY,
    PUBLIC,
    other_user,
    plain,
)


def _link(world, purpose: TokenPurpose) -> dict:
    """A fresh open link of a new account: anyone holding it may use it, signed in or not."""
    user_id = world.other_user()
    with world.app.app_context():
        token = issue_link_token(db.session.get(User, user_id), purpose)
        db.session.commit()
    return {"token": token}


def reset_link(world) -> dict:
    return _link(world, TokenPurpose.RESET)


def invitation_link(world) -> dict:
    return _link(world, TokenPurpose.INVITE)


def invited_branch_user(world) -> dict:
    """A branch account waiting for its invitation: central staff may send it again."""
    with world.app.app_context():
        world._n += 1
        request = NewAccountRequest(
            email=f"invited{world._n}@test.kz", password=None, role="branch_staff", library="no-6"
        )
        user = create_account(request, actor=None)
        db.session.commit()
        return {"user_id": user.id}


ROWS = {
    ("accounts_public.forgot", "GET"): (plain, PUBLIC),
    ("accounts_public.forgot", "POST"): (plain, PUBLIC),
    ("accounts_public.reset", "GET"): (reset_link, PUBLIC),
    ("accounts_public.reset", "POST"): (reset_link, PUBLIC),
    ("accounts_public.accept_invitation", "GET"): (invitation_link, PUBLIC),
    ("accounts_public.accept_invitation", "POST"): (invitation_link, PUBLIC),
    ("admin_staff.resend_invitation", "POST"): (invited_branch_user, CENTRAL_ONLY),
    ("admin_staff.end_sessions", "POST"): (other_user, ADMIN_ONLY),
    # Without a password step just passed, both send everyone back to the sign-in page.
    ("auth_two_factor.code", "GET"): (plain, PUBLIC),
    ("auth_two_factor.code", "POST"): (plain, PUBLIC),
    ("auth_two_factor.enrol", "GET"): (plain, PUBLIC),
    ("auth_two_factor.enrol", "POST"): (plain, PUBLIC),
    ("auth_two_factor.security", "GET"): (plain, ANY_STAFF),
    ("auth_two_factor.security", "POST"): (plain, ANY_STAFF),
    ("auth_two_factor.reset", "POST"): (other_user, ADMIN_ONLY),
}
