"""The rules of events: planning, workflow, recurrence, conflicts, attendance and campaigns."""

from intranet.events.services.attendance import record_attendance
from intranet.events.services.campaigns import (
    create_campaign,
    create_event_type,
    delete_catalog_row,
    is_used,
    set_catalog_row_active,
    update_catalog_row,
)
from intranet.events.services.conflicts import ConflictWarning, conflicts_for, find_conflicts
from intranet.events.services.data import (
    AttendanceData,
    CampaignData,
    EventData,
    EventTypeData,
    SeriesData,
)
from intranet.events.services.door import (
    add_walk_in,
    check_in,
    people_checked_in,
    undo_check_in,
)
from intranet.events.services.editing import create_event, delete_draft, update_event
from intranet.events.services.notices import message_registrants, send_reminders
from intranet.events.services.plan_import import PlanImport, Refusal, import_plan
from intranet.events.services.plan_sheet import PlanFileRefused
from intranet.events.services.recurrence import (
    act_on_scope,
    create_series,
    occurrence_dates,
    scope_events,
    update_occurrences,
)
from intranet.events.services.registration import (
    CONSENT_VERSION,
    RegistrationData,
    RulesData,
    opening_words,
    register,
    registration_refusal,
    rules_of,
    set_rules,
    window,
)
from intranet.events.services.series_registration import (
    fill_series,
    leave_meeting,
    leave_series,
    register_series,
    series_refusal,
)
from intranet.events.services.series_settings import save_rules
from intranet.events.services.telling import send_queue_digest
from intranet.events.services.waitlist import accept_offer, expire_offers, fill_places, leave
from intranet.events.services.workflow import (
    approve_event,
    cancel_event,
    record_transition,
    return_event,
    submit_event,
)

__all__ = [
    "fill_series",
    "leave_meeting",
    "leave_series",
    "register_series",
    "save_rules",
    "series_refusal",
    "PlanFileRefused",
    "PlanImport",
    "Refusal",
    "import_plan",
    "CONSENT_VERSION",
    "RegistrationData",
    "RulesData",
    "accept_offer",
    "add_walk_in",
    "check_in",
    "people_checked_in",
    "undo_check_in",
    "expire_offers",
    "fill_places",
    "leave",
    "message_registrants",
    "send_reminders",
    "register",
    "registration_refusal",
    "opening_words",
    "rules_of",
    "set_rules",
    "window",
    "send_queue_digest",
    "delete_draft",
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
    "delete_catalog_row",
    "is_used",
    "set_catalog_row_active",
    "update_catalog_row",
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
