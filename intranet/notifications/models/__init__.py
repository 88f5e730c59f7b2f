"""The outbox of outgoing messages, and what staff are told."""

from intranet.notifications.models.outbox import OutboxMessage, OutboxStatus
from intranet.notifications.models.staff import (
    DIGEST_CHOICES,
    Notice,
    NotificationPreference,
    TimerMark,
)

__all__ = [
    "DIGEST_CHOICES",
    "Notice",
    "NotificationPreference",
    "OutboxMessage",
    "OutboxStatus",
    "TimerMark",
]
