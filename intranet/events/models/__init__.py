"""Event models, one module per entity, and the vocabulary (statuses, audiences) with labels."""

from intranet.events.models.attendance import Attendance
from intranet.events.models.catalog import Campaign, EventType
from intranet.events.models.event import Event, EventTransition
from intranet.events.models.plan import PlanRow
from intranet.events.models.registration import (
    HOLDING,
    MAX_GROUP,
    MODE_LABELS,
    Registration,
    RegistrationMode,
    RegistrationRules,
    RegistrationStatus,
)
from intranet.events.models.series import EventSeries, SeriesSkip
from intranet.events.models.series_registration import SeriesRegistration, SeriesStatus
from intranet.events.models.vocabulary import (
    AUDIENCE_GROUPS,
    AUDIENCE_LABELS,
    AUDIENCES,
    CANCELLABLE,
    EDITABLE_BY_BRANCH,
    EDITABLE_BY_CENTRAL,
    EVENT_LANGUAGE_LABELS,
    EVENT_LANGUAGES,
    FREQUENCIES,
    FREQUENCY_LABELS,
    MAX_EVENT_DAYS,
    MAX_OCCURRENCES,
    PUBLIC_STATUSES,
    SCOPE_LABELS,
    SCOPES,
    STATUS_BADGES,
    STATUS_LABELS,
    TEXT_LIMIT,
    Status,
)

__all__ = [
    "AUDIENCES",
    "AUDIENCE_GROUPS",
    "AUDIENCE_LABELS",
    "CANCELLABLE",
    "EDITABLE_BY_BRANCH",
    "EDITABLE_BY_CENTRAL",
    "HOLDING",
    "MAX_GROUP",
    "MODE_LABELS",
    "EVENT_LANGUAGES",
    "EVENT_LANGUAGE_LABELS",
    "FREQUENCIES",
    "FREQUENCY_LABELS",
    "MAX_EVENT_DAYS",
    "MAX_OCCURRENCES",
    "PUBLIC_STATUSES",
    "Registration",
    "RegistrationMode",
    "RegistrationRules",
    "RegistrationStatus",
    "SCOPES",
    "SCOPE_LABELS",
    "STATUS_BADGES",
    "STATUS_LABELS",
    "TEXT_LIMIT",
    "Attendance",
    "Campaign",
    "Event",
    "EventSeries",
    "EventTransition",
    "EventType",
    "SeriesRegistration",
    "PlanRow",
    "SeriesSkip",
    "SeriesStatus",
    "Status",
]
