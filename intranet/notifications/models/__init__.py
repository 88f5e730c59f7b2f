"""The outbox of outgoing messages."""

from intranet.notifications.models.outbox import OutboxMessage, OutboxStatus

__all__ = ["OutboxMessage", "OutboxStatus"]
