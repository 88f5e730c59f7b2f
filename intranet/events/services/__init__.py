"""The rules of events: planning, workflow, recurrence, conflicts, attendance and campaigns."""

from intranet.events.services.attendance import record_attendance
from intranet.events.services.campaigns import create_campaign, create_event_type
from intranet.events.services.conflicts import ConflictWarning, conflicts_for, find_conflicts
from intranet.events.services.data import (
    AttendanceData,
    CampaignData,
    EventData,
    EventTypeData,
    SeriesData,
)
from intranet.events.services.editing import create_event, update_event
from intranet.events.services.recurrence import (
    act_on_scope,
    create_series,
    occurrence_dates,
    scope_events,
    update_occurrences,
)
from intranet.events.services.workflow import (
    approve_event,
    cancel_event,
    record_transition,
    return_event,
    submit_event,
)

__all__ = [
    "AttendanceData",
    "CampaignData",
    "ConflictWarning",
    "EventData",
    "EventTypeData",
    "SeriesData",
    "act_on_scope",
    "approve_event",
    "cancel_event",
    "create_campaign",
    "create_event",
    "create_event_type",
    "create_series",
    "conflicts_for",
    "find_conflicts",
    "occurrence_dates",
    "record_attendance",
    "record_transition",
    "return_event",
    "scope_events",
    "submit_event",
    "update_event",
    "update_occurrences",
]
