"""The staff roles, their names, and which roles open which desk."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    """What a staff member may do."""

    ADMIN = "admin"
    CENTRAL_STAFF = "central_staff"
    BRANCH_STAFF = "branch_staff"
    COORDINATOR = "coordinator"

    @property
    def label(self) -> str:
        """The role's name in the reader's language."""
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.CENTRAL_STAFF: _l("Central staff"),
    Role.BRANCH_STAFF: _l("Branch staff"),
    Role.COORDINATOR: _l("Coworking coordinator"),
}

# Who opens which desk: the one home of these groups (view gates and templates use the methods
# of User, never role names).
CENTRAL_ROLES = frozenset({Role.ADMIN, Role.CENTRAL_STAFF})
EVENT_DESK_ROLES = frozenset({Role.ADMIN, Role.CENTRAL_STAFF, Role.BRANCH_STAFF})
COWORKING_DESK_ROLES = frozenset({Role.ADMIN, Role.CENTRAL_STAFF, Role.COORDINATOR})
