"""Who is told: the staff of a library, the coordinators of a centre, central staff."""

from sqlalchemy import select

from intranet.auth.models import User
from intranet.auth.models.role import CENTRAL_ROLES, Role
from intranet.auth.models.user import user_centre
from intranet.extensions import db


def library_staff(library_id: int) -> list[User]:
    """The active branch staff of one library."""
    return list(
        db.session.scalars(
            select(User).where(
                User.is_active,
                User.role == Role.BRANCH_STAFF,
                User.library_id == library_id,
            )
        )
    )


def centre_coordinators(centre_id: int) -> list[User]:
    """The active coordinators of one coworking centre."""
    return list(
        db.session.scalars(
            select(User)
            .join(user_centre, user_centre.c.user_id == User.id)
            .where(
                User.is_active,
                User.role == Role.COORDINATOR,
                user_centre.c.centre_id == centre_id,
            )
        )
    )


def central_staff() -> list[User]:
    """The active central staff and admins (they approve events and decide reports)."""
    return list(
        db.session.scalars(select(User).where(User.is_active, User.role.in_(tuple(CENTRAL_ROLES))))
    )
