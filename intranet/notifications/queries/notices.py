"""The bell: how many notices are unread, and the last ones for the notices page."""

from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.extensions import db
from intranet.notifications.models import Notice

SHOWN = 50


def unread_count(user: User) -> int:
    """The number beside the bell: one query."""
    count = db.session.scalar(
        select(func.count(Notice.id)).where(Notice.user_id == user.id, Notice.read_dt.is_(None))
    )
    return int(count or 0)


def latest_notices(user: User) -> list[Notice]:
    """The person's last notices, newest first."""
    return list(
        db.session.scalars(
            select(Notice)
            .where(Notice.user_id == user.id)
            .order_by(Notice.created_dt.desc(), Notice.id.desc())
            .limit(SHOWN)
        )
    )
