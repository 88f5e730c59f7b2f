"""Administration rules: staff accounts named by their scope's slugs."""

from intranet.admin.services.accounts import (
    AccountRequest,
    NewAccountRequest,
    create_account,
    resolve_scope,
    update_account,
)

__all__ = [
    "AccountRequest",
    "NewAccountRequest",
    "create_account",
    "resolve_scope",
    "update_account",
]
