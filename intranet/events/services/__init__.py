"""The rules of events: workflow, recurrence, conflicts and attendance."""

from intranet.events.services.attendance import record_attendance
from intranet.events.services.conflicts import find_conflicts
from intranet.events.services.recurrence import (
    act_on_scope,
    cancel_occurrences,
    create_series,
    occurrence_dates,
    update_occurrences,
)
from intranet.events.services.workflow import (
    approve_event,
    cancel_event,
    create_event,
    return_event,
    submit_event,
    update_event,
)

__all__ = [
    "act_on_scope",
    "approve_event",
    "cancel_event",
    "cancel_occurrences",
    "create_event",
    "create_series",
    "find_conflicts",
    "occurrence_dates",
    "record_attendance",
    "return_event",
    "submit_event",
    "update_event",
    "update_occurrences",
]
