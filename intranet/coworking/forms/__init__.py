"""Forms of the coworking pages; each builds the frozen dataclass its service takes."""

from intranet.coworking.forms.booking import BookingForm, parse_date, parse_time
from intranet.coworking.forms.setup import ClosureForm, RulesForm, SeatForm, read_hours
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
    "ClosureForm",
    "RejectForm",
    "RulesForm",
    "SeatForm",
    "parse_date",
    "parse_time",
    "read_hours",
]
