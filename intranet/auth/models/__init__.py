"""Staff accounts, their roles, and the visitor who has not signed in."""

from intranet.auth.models.role import (
    CENTRAL_ROLES,
    COWORKING_DESK_ROLES,
    EVENT_DESK_ROLES,
    ROLE_LABELS,
    Role,
)
from intranet.auth.models.user import User, new_session_token, normalize_email, user_centre
from intranet.auth.models.visitor import Visitor

__all__ = [
    "CENTRAL_ROLES",
    "COWORKING_DESK_ROLES",
    "EVENT_DESK_ROLES",
    "ROLE_LABELS",
    "Role",
    "User",
    "Visitor",
    "new_session_token",
    "normalize_email",
    "user_centre",
]
