"""Forms of the coworking pages; each builds the frozen dataclass its service takes."""

from intranet.coworking.forms.booking import BookingForm, asked_minutes, parse_date, parse_time
from intranet.coworking.forms.checkin import SelfCheckInForm
from intranet.coworking.forms.finder import FindSeatForm, duration_choices, duration_label
from intranet.coworking.forms.lost_link import LostLinkForm
from intranet.coworking.forms.seats import SeatsForm
from intranet.coworking.forms.setup import CentreForm, ClosureForm, HoursForm, read_hours
from intranet.coworking.forms.staff import (
    REJECT_PRESETS,
    AgreedCancellationsForm,
    AsksBeforeCancelling,
    BulkApproveForm,
    CheckInForm,
    RejectForm,
)

__all__ = [
    "REJECT_PRESETS",
    "AgreedCancellationsForm",
    "AsksBeforeCancelling",
    "BookingForm",
    "BulkApproveForm",
    "CheckInForm",
    "CentreForm",
    "ClosureForm",
    "FindSeatForm",
    "LostLinkForm",
    "RejectForm",
    "HoursForm",
    "SeatsForm",
    "SelfCheckInForm",
    "asked_minutes",
    "duration_choices",
    "duration_label",
    "parse_date",
    "parse_time",
    "read_hours",
]
