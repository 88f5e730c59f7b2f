"""Reading the outbox for the admins' page."""

from intranet.notifications.queries.outbox import WAITING, waiting_messages

__all__ = ["WAITING", "waiting_messages"]
