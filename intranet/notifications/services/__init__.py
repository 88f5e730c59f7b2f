"""Notifications' rules: enqueue a message with the change, deliver what is due, tell staff."""

from intranet.notifications.services.outbox import (
    MAX_ATTEMPTS,
    Delivery,
    backoff,
    deliver_due,
    discard_message,
    enqueue,
    enqueue_later,
    retry_message,
    written_when_sent,
)
from intranet.notifications.services.staff import (
    KIND_LABELS,
    Choice,
    Kind,
    News,
    kinds_for,
    mark_read,
    once,
    preferences,
    save_preferences,
    tell,
)

__all__ = [
    "KIND_LABELS",
    "MAX_ATTEMPTS",
    "Choice",
    "Delivery",
    "Kind",
    "News",
    "backoff",
    "deliver_due",
    "discard_message",
    "enqueue",
    "enqueue_later",
    "kinds_for",
    "mark_read",
    "once",
    "preferences",
    "retry_message",
    "written_when_sent",
    "save_preferences",
    "tell",
]
