"""Staff accounts, their roles, and the visitor who has not signed in."""

from intranet.auth.models.recovery_code import RecoveryCode
from intranet.auth.models.role import (
    CENTRAL_ROLES,
    COWORKING_DESK_ROLES,
    EVENT_DESK_ROLES,
    ROLE_LABELS,
    Role,
)
from intranet.auth.models.session import UserSession
from intranet.auth.models.token import AccountToken, TokenPurpose
from intranet.auth.models.user import User, normalize_email, user_centre
from intranet.auth.models.visitor import Visitor

__all__ = [
    "AccountToken",
    "CENTRAL_ROLES",
    "COWORKING_DESK_ROLES",
    "EVENT_DESK_ROLES",
    "ROLE_LABELS",
    "RecoveryCode",
    "Role",
    "TokenPurpose",
    "User",
    "UserSession",
    "Visitor",
    "normalize_email",
    "user_centre",
]
