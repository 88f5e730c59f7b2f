"""Rules about the libraries' days: closed days, and months frozen by their reports."""

from intranet.libraries.services.closed_days import (
    add_closed_day,
    closed_day,
    closed_days,
    remove_closed_day,
)
from intranet.libraries.services.library import DETAILS, LibraryData, update_library
from intranet.libraries.services.months import ensure_month_open, find_report, hold_library

__all__ = [
    "DETAILS",
    "LibraryData",
    "add_closed_day",
    "closed_day",
    "closed_days",
    "ensure_month_open",
    "find_report",
    "hold_library",
    "remove_closed_day",
    "update_library",
]
