"""The messages an admin may need to act on: waiting, being sent, failed."""

from sqlalchemy import case, select

from intranet.extensions import db
from intranet.notifications.models import OutboxMessage, OutboxStatus

WAITING = (OutboxStatus.FAILED, OutboxStatus.PENDING, OutboxStatus.SENDING)
SHOWN = 200


def waiting_messages() -> list[OutboxMessage]:
    """Failed first (they need a decision), then waiting and being sent; oldest first."""
    failed_first = case((OutboxMessage.status == OutboxStatus.FAILED, 0), else_=1)
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status.in_(WAITING))
            .order_by(failed_first, OutboxMessage.created_dt, OutboxMessage.id)
            .limit(SHOWN)
        )
    )
