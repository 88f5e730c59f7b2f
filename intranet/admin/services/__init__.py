"""Administration rules: staff accounts named by their scope's slugs."""

from intranet.admin.services.accounts import (
    AccountRequest,
    NewAccountRequest,
    create_account,
    resolve_scope,
    update_account,
)
from intranet.admin.services.holidays import set_kurban_ait

__all__ = [
    "AccountRequest",
    "NewAccountRequest",
    "create_account",
    "resolve_scope",
    "set_kurban_ait",
    "update_account",
]
