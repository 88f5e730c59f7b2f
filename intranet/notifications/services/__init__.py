"""Notifications' rules: enqueue a message with the change, deliver what is due."""

from intranet.notifications.services.outbox import (
    MAX_ATTEMPTS,
    Delivery,
    backoff,
    deliver_due,
    enqueue,
)

__all__ = ["MAX_ATTEMPTS", "Delivery", "backoff", "deliver_due", "enqueue"]
