"""Forms of the event pages; each builds the frozen dataclass its service takes."""

from intranet.events.forms.catalog import CampaignForm, CatalogActionForm, EventTypeForm
from intranet.events.forms.event import EventForm, ScopeForm, SeriesForm
from intranet.events.forms.plan import PlanUploadForm
from intranet.events.forms.workflow import AttendanceForm, CommentForm

__all__ = [
    "AttendanceForm",
    "CampaignForm",
    "CatalogActionForm",
    "CommentForm",
    "EventForm",
    "EventTypeForm",
    "PlanUploadForm",
    "ScopeForm",
    "SeriesForm",
]
