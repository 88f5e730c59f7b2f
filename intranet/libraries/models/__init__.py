"""Who and where: the libraries, their clubs, their closed days and their monthly reports."""

from intranet.libraries.models.closed_day import ClosedDay, ClosedDayKind
from intranet.libraries.models.club import Club
from intranet.libraries.models.diary import (
    BAND_FIGURES,
    DAY_FIGURES,
    FUND_SECTIONS,
    AgeBand,
    DiaryBand,
    DiaryDay,
    DiarySection,
    FundSection,
    LibraryFund,
)
from intranet.libraries.models.library import Library, LibraryKind
from intranet.libraries.models.monthly_report import (
    FROZEN_STATUSES,
    STATUS_BADGES,
    STATUS_LABELS,
    MonthlyReport,
    ReportStatus,
)
from intranet.libraries.models.working_day import WorkingDay

__all__ = [
    "BAND_FIGURES",
    "DAY_FIGURES",
    "FUND_SECTIONS",
    "AgeBand",
    "DiaryBand",
    "DiaryDay",
    "DiarySection",
    "FundSection",
    "LibraryFund",
    "FROZEN_STATUSES",
    "STATUS_BADGES",
    "STATUS_LABELS",
    "ClosedDay",
    "ClosedDayKind",
    "Club",
    "Library",
    "LibraryKind",
    "MonthlyReport",
    "ReportStatus",
    "WorkingDay",
]
