"""Account rules: signing in, passwords, and creating or changing staff accounts."""

from intranet.auth.services.accounts import (
    AccountData,
    NewAccountData,
    check_language,
    create_user,
    end_sessions,
    reset_password,
    set_user_active,
    update_user,
)
from intranet.auth.services.passwords import PasswordRejected, check_new_password
from intranet.auth.services.sign_in import (
    TooManyAttempts,
    authenticate,
    change_password,
    choose_language,
    sign_out,
)
from intranet.auth.services.tokens import (
    InvalidLink,
    find_link,
    issue_link_token,
    set_password_by_link,
)
from intranet.auth.services.user_sessions import live_sessions

__all__ = [
    "AccountData",
    "InvalidLink",
    "NewAccountData",
    "PasswordRejected",
    "TooManyAttempts",
    "authenticate",
    "change_password",
    "check_language",
    "check_new_password",
    "choose_language",
    "create_user",
    "end_sessions",
    "find_link",
    "issue_link_token",
    "live_sessions",
    "reset_password",
    "set_password_by_link",
    "set_user_active",
    "sign_out",
    "update_user",
]
