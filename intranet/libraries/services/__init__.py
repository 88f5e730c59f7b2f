"""Rules about the libraries' days: closed days, and months frozen by their reports."""

from intranet.libraries.services.age_bands import BandData, save_age_bands
from intranet.libraries.services.calendar import Calendar, DayRule, day_changes, day_rule
from intranet.libraries.services.closed_days import (
    add_closed_day,
    closed_day,
    closed_days,
    remove_closed_day,
)
from intranet.libraries.services.clubs import ClubData, create_club, update_club
from intranet.libraries.services.diary import (
    PARTS,
    DiaryRefused,
    age_bands,
    cell_values,
    diary_month,
    month_weeks,
    part_columns,
    record_fund,
    save_diary_month,
    week_covered,
)
from intranet.libraries.services.diary_weeks import WEEK_COLUMNS, save_diary_weeks, week_cells
from intranet.libraries.services.holidays import (
    KURBAN_AIT,
    fixed_holiday,
    kurban_ait_days,
    kurban_ait_name,
    suggested_kurban_ait,
)
from intranet.libraries.services.library import DETAILS, LibraryData, update_library
from intranet.libraries.services.months import ensure_month_open, find_report, hold_library
from intranet.libraries.services.working_days import (
    WorkingDayData,
    add_working_day,
    remove_working_day,
    update_working_day,
)

__all__ = [
    "BandData",
    "save_age_bands",
    "PARTS",
    "DiaryRefused",
    "age_bands",
    "cell_values",
    "diary_month",
    "part_columns",
    "record_fund",
    "save_diary_month",
    "WEEK_COLUMNS",
    "month_weeks",
    "week_covered",
    "save_diary_weeks",
    "week_cells",
    "DETAILS",
    "KURBAN_AIT",
    "ClubData",
    "LibraryData",
    "add_closed_day",
    "closed_day",
    "closed_days",
    "create_club",
    "ensure_month_open",
    "find_report",
    "fixed_holiday",
    "hold_library",
    "kurban_ait_days",
    "kurban_ait_name",
    "remove_closed_day",
    "suggested_kurban_ait",
    "update_club",
    "update_library",
    "Calendar",
    "DayRule",
    "WorkingDayData",
    "add_working_day",
    "day_changes",
    "day_rule",
    "remove_working_day",
    "update_working_day",
]
