"""Event models, one module per entity."""

from intranet.events.models.attendance import Attendance
from intranet.events.models.catalog import Campaign, EventType
from intranet.events.models.event import Event, EventTransition
from intranet.events.models.series import EventSeries, SeriesSkip

__all__ = [
    "Attendance",
    "Campaign",
    "Event",
    "EventSeries",
    "EventTransition",
    "EventType",
    "SeriesSkip",
]
