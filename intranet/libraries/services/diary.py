"""The work diary's rules: a month's grid saved at once, never negative, its splits adding up
to the day's totals, and frozen with the month's report; and the library fund by section."""

from calendar import monthrange
from datetime import date, timedelta
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intranet.audit import record_audit
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.i18n import month_name
from intranet.libraries.models import (
    BAND_FIGURES,
    DAY_FIGURES,
    FROZEN_STATUSES,
    FUND_SECTIONS,
    AgeBand,
    DiaryBand,
    DiaryDay,
    DiarySection,
    FundSection,
    Library,
    LibraryFund,
)
from intranet.libraries.services.months import find_report, hold_library

if TYPE_CHECKING:
    from intranet.auth.models import User

# A grid's part: the day's totals, the split by age band, or the issues by fund section.
PARTS = ("totals", "bands", "sections")
# Whole numbers a day or a fund can hold (a typo of extra digits is refused, not stored).
LIMIT = 1_000_000_000
Values = dict[date, dict[str, int]]


class DiaryRefused(IntranetError):
    """Some days of a grid break a rule: each (day, message); nothing is saved."""

    def __init__(self) -> None:
        super().__init__(_l("Nothing was saved: correct the days marked in the grid."))
        self.problems: list[tuple[date, str]] = []


def age_bands() -> list[AgeBand]:
    """The age bands, in their order."""
    return list(db.session.scalars(select(AgeBand).order_by(AgeBand.position, AgeBand.id)))


def part_columns(part: str, bands: list[AgeBand]) -> list[str]:
    """The names of a grid part's columns (a band's are "<code>.<figure>")."""
    if part == "bands":
        return [f"{band.code}.{figure}" for band in bands for figure in BAND_FIGURES]
    if part == "sections":
        return list(FUND_SECTIONS)
    return list(DAY_FIGURES)


def diary_month(library_id: int, year: int, month: int) -> dict[date, DiaryDay]:
    """The library's diary days of a month, with their splits."""
    first, last = date(year, month, 1), date(year, month, monthrange(year, month)[1])
    rows = db.session.scalars(
        select(DiaryDay)
        .where(DiaryDay.library_id == library_id, DiaryDay.day.between(first, last))
        .options(selectinload(DiaryDay.bands), selectinload(DiaryDay.sections))
    )
    return {row.day: row for row in rows}


def cell_values(row: DiaryDay | None, part: str, bands: list[AgeBand]) -> dict[str, int]:
    """A stored day as a grid part's cells (zeros for a day not yet written)."""
    columns = part_columns(part, bands)
    if row is None:
        return dict.fromkeys(columns, 0)
    if part == "totals":
        return {name: getattr(row, name) for name in columns}
    if part == "sections":
        kept = {s.section: s.issues for s in row.sections}
        return {name: kept.get(name, 0) for name in columns}
    codes = {band.id: band.code for band in bands}
    cells = dict.fromkeys(columns, 0)
    for b in row.bands:
        for figure in BAND_FIGURES:
            cells[f"{codes[b.band_id]}.{figure}"] = getattr(b, figure)
    return cells


def month_weeks(year: int, month: int) -> list[tuple[date, date]]:
    """(first, last) day of each week (Monday to Sunday) in the month, cut at its ends."""
    start, last = date(year, month, 1), date(year, month, monthrange(year, month)[1])
    weeks = []
    while start <= last:
        end = min(start + timedelta(days=6 - start.weekday()), last)
        weeks.append((start, end))
        start = end + timedelta(days=1)
    return weeks


def week_covered(stored: dict[date, DiaryDay]) -> set[date]:
    """The days after its first that a week's row of the month already counts."""
    covered: set[date] = set()
    for day, row in stored.items():
        if row.period == "week":
            end = next(last for first, last in month_weeks(day.year, day.month) if first == day)
            covered |= {day + timedelta(days=n) for n in range(1, (end - day).days + 1)}
    return covered


def ensure_diary_open(library_id: int, year: int, month: int) -> None:
    """Refuse changes to a month whose report was submitted or accepted."""
    hold_library(library_id)
    report = find_report(library_id, year, month)
    if report is not None and report.status in FROZEN_STATUSES:
        raise Conflict(
            _l(
                "The report for %(month)s has been submitted: its diary is frozen.",
                month=month_name(date(year, month, 1)),
            )
        )


def _apply(row: DiaryDay, part: str, cells: dict[str, int], bands: list[AgeBand]) -> None:
    if part == "totals":
        for name, value in cells.items():
            setattr(row, name, value)
    elif part == "sections":
        row.sections = [DiarySection(section=k, issues=v) for k, v in cells.items() if v]
    else:
        row.bands = [
            DiaryBand(band_id=band.id, **{f: cells[f"{band.code}.{f}"] for f in BAND_FIGURES})
            for band in bands
            if any(cells[f"{band.code}.{f}"] for f in BAND_FIGURES)
        ]


def day_problem(row: DiaryDay) -> str | None:
    """Why a day's figures do not add up, or None; a split left empty is not yet split."""
    if row.issues_kk + row.issues_ru + row.issues_other != row.issues:
        return str(_l("The issues by language do not add up to the issues."))
    sums = {f: sum(getattr(b, f) for b in row.bands) for f in BAND_FIGURES}
    if row.bands and sums != {"readers": row.readers, "visits": row.visits, "issues": row.issues}:
        return str(_l("The age bands do not add up to the day's readers, visits and issues."))
    if row.sections and sum(s.issues for s in row.sections) != row.issues:
        return str(_l("The issues by fund section do not add up to the issues."))
    return None


def save_diary_month(
    library: Library,
    *,
    actor: "User",
    year: int,
    month: int,
    part: str,
    values: Values,
    today: date,
) -> int:
    """Save one part of a month's grid at once; returns the days written (all or none)."""
    if not actor.can_keep_diary(library):
        raise PermissionDenied(_l("You can keep the diary only of your own library."))
    ensure_diary_open(library.id, year, month)
    bands = age_bands()
    columns = part_columns(part, bands)
    stored = diary_month(library.id, year, month)
    refused = DiaryRefused()
    written = 0
    covered = week_covered(stored)
    for day, given in sorted(values.items()):
        if (day.year, day.month) != (year, month) or day > today:
            refused.problems.append((day, str(_l("A day ahead cannot be filled in yet."))))
            continue
        cells = {name: given.get(name, 0) for name in columns}
        if any(not 0 <= value < LIMIT for value in cells.values()):
            refused.problems.append((day, str(_l("Figures are whole numbers, 0 or more."))))
            continue
        row = stored.get(day)
        if row is None:
            if not any(cells.values()):
                continue  # an empty day stays without a row
            if day in covered:
                refused.problems.append((day, str(_l("This day is in a week entered as one row."))))
                continue
            row = DiaryDay(library_id=library.id, day=day, **dict.fromkeys(DAY_FIGURES, 0))
            row.bands, row.sections = [], []
            db.session.add(row)
        if cell_values(row, part, bands) == cells and row in stored.values():
            continue
        if row.period == "week" and part == "totals":  # its totals are the weekly grid's
            if any(cells.values()):  # the daily grid does not send them (its cells are locked)
                refused.problems.append((day, str(_l("This day is in a week entered as one row."))))
            continue
        _apply(row, part, cells, bands)
        written += 1
        if problem := day_problem(row):
            refused.problems.append((day, problem))
    finish_saving(refused, actor=actor, target=f"diary {library.slug} {year}-{month:02d} {part}")
    return written


def finish_saving(refused: DiaryRefused, *, actor: "User", target: str) -> None:
    """All of a grid or nothing: raise its problems, else write it and audit who did."""
    if refused.problems:
        raise refused
    db.session.flush()
    record_audit("diary.saved", actor=actor, target=target)


def record_fund(
    library: Library,
    *,
    actor: "User",
    as_of: date,
    total: int,
    in_kazakh: int,
    sections: dict[str, int],
) -> LibraryFund:
    """Record the library's fund as counted on a date (a second count that day replaces it)."""
    if not actor.can_keep_diary(library):
        raise PermissionDenied(_l("You can keep the diary only of your own library."))
    if not 0 <= in_kazakh <= total < LIMIT:
        raise IntranetError(_l("The copies in Kazakh cannot exceed the fund."), field="in_kazakh")
    counted = {key: sections.get(key, 0) for key in FUND_SECTIONS}
    if any(v < 0 for v in counted.values()):
        raise IntranetError(_l("Figures are whole numbers, 0 or more."))
    if any(counted.values()) and sum(counted.values()) != total:
        raise IntranetError(_l("The sections do not add up to the fund's total."))
    fund = db.session.scalar(
        select(LibraryFund).where(LibraryFund.library_id == library.id, LibraryFund.as_of == as_of)
    )
    if fund is None:
        fund = LibraryFund(library_id=library.id, as_of=as_of)
        db.session.add(fund)
    fund.total, fund.in_kazakh = total, in_kazakh
    fund.sections = [FundSection(section=k, copies=v) for k, v in counted.items() if v]
    db.session.flush()
    record_audit("fund.recorded", actor=actor, target=f"fund {library.slug} {as_of.isoformat()}")
    return fund
