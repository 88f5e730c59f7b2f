"""Forms of the event pages; each builds the frozen dataclass its service takes."""

from intranet.events.forms.catalog import CampaignForm, EventTypeForm
from intranet.events.forms.event import EventForm, ScopeForm, SeriesForm
from intranet.events.forms.workflow import AttendanceForm, CommentForm

__all__ = [
    "AttendanceForm",
    "CampaignForm",
    "CommentForm",
    "EventForm",
    "EventTypeForm",
    "ScopeForm",
    "SeriesForm",
]
