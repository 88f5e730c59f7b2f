"""Notifications' rules: enqueue a message with the change, deliver what is due."""

from intranet.notifications.services.outbox import (
    MAX_ATTEMPTS,
    Delivery,
    backoff,
    deliver_due,
    discard_message,
    enqueue,
    retry_message,
)

__all__ = [
    "MAX_ATTEMPTS",
    "Delivery",
    "backoff",
    "deliver_due",
    "discard_message",
    "enqueue",
    "retry_message",
]
