"""Reading the outbox for the admins' page, and the bell's notices."""

from intranet.notifications.queries.notices import latest_notices, unread_count
from intranet.notifications.queries.outbox import WAITING, waiting_messages
from intranet.notifications.queries.recipients import (
    central_staff,
    centre_coordinators,
    library_staff,
)

__all__ = [
    "WAITING",
    "central_staff",
    "centre_coordinators",
    "latest_notices",
    "library_staff",
    "unread_count",
    "waiting_messages",
]
