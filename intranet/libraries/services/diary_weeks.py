"""A week's work diary in one row: the week's totals on its first day of the month, with the
days the library was open, so the month's sums and the average daily visits stay exact.

A week is Monday to Sunday cut at the month's ends (its part in each month is entered in that
month, and frozen with that month's report). A week already kept day by day is changed there.
"""

from datetime import date
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l

from intranet.errors import PermissionDenied
from intranet.extensions import db
from intranet.libraries.models import DAY_FIGURES, DiaryDay, Library
from intranet.libraries.services.diary import (
    LIMIT,
    DiaryRefused,
    Values,
    day_problem,
    diary_month,
    ensure_diary_open,
    finish_saving,
    month_weeks,
)

if TYPE_CHECKING:
    from intranet.auth.models import User

WEEK_COLUMNS = (*DAY_FIGURES, "days_open")


def week_cells(row: DiaryDay | None) -> dict[str, int]:
    """A week's row as the weekly grid's cells (zeros for none)."""
    return {name: getattr(row, name) if row is not None else 0 for name in WEEK_COLUMNS}


def _week_problem(
    stored: dict[date, DiaryDay], first: date, last: date, cells: dict[str, int]
) -> str | None:
    if any(not 0 <= value < LIMIT for value in cells.values()):
        return str(_l("Figures are whole numbers, 0 or more."))
    if cells["days_open"] > (last - first).days + 1:
        return str(_l("The library cannot be open on more days than the week has this month."))
    if cells["visits"] and not cells["days_open"]:
        return str(_l("Say on how many days the library was open."))
    by_day = [d for d, row in stored.items() if first <= d <= last and row.period == "day"]
    if by_day and any(cells.values()):
        return str(_l("This week is kept day by day: change it in the daily grid."))
    return None


def save_diary_weeks(
    library: Library, *, actor: "User", year: int, month: int, values: Values, today: date
) -> int:
    """Save the weekly grid of a month's totals at once; returns the weeks written (all or none)."""
    if not actor.can_keep_diary(library):
        raise PermissionDenied(_l("You can keep the diary only of your own library."))
    ensure_diary_open(library.id, year, month)
    stored = diary_month(library.id, year, month)
    refused = DiaryRefused()
    written = 0
    for first, last in month_weeks(year, month):
        if first not in values:
            continue
        cells = {name: values[first].get(name, 0) for name in WEEK_COLUMNS}
        row = stored.get(first)
        if first > today:
            if any(cells.values()):
                refused.problems.append((first, str(_l("A day ahead cannot be filled in yet."))))
            continue
        if problem := _week_problem(stored, first, last, cells):
            refused.problems.append((first, problem))
            continue
        if row is None:
            if not any(cells.values()):
                continue
            row = DiaryDay(library_id=library.id, day=first, period="week")
            row.bands, row.sections = [], []
            db.session.add(row)
        if week_cells(row) == cells:
            continue
        for name, value in cells.items():
            setattr(row, name, value)
        written += 1
        if problem := day_problem(row):
            refused.problems.append((first, problem))
    finish_saving(refused, actor=actor, target=f"diary {library.slug} {year}-{month:02d} weeks")
    return written
