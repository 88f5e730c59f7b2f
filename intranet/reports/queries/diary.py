"""The control indicators from the work diary: readers, visits, issues, the fund, the ratios.

A library's report counts all its diary days; the city-wide report counts only the months
central staff accepted, as its summary does.
"""

from dataclasses import astuple, dataclass, fields
from datetime import date

from sqlalchemy import Integer, Select, and_, case, cast, extract, func, select

from intranet.extensions import db
from intranet.libraries.models import (
    DiaryBand,
    DiaryDay,
    DiarySection,
    LibraryFund,
    MonthlyReport,
    ReportStatus,
)


@dataclass(frozen=True)
class Figures:
    """A period's sums from the diary, and the fund counted by its end."""

    readers: int = 0
    readers_new: int = 0
    visits: int = 0
    issues: int = 0
    answers: int = 0
    issues_kk: int = 0
    issues_ru: int = 0
    issues_other: int = 0
    days_open: int = 0
    days_entered: int = 0  # diary days written at all: none means no figures, not zeros
    fund: int = 0
    fund_kk: int = 0

    def ratio(self, top: int, bottom: int) -> float | None:
        """top ÷ bottom, or None when there is nothing to divide by."""
        return top / bottom if bottom else None

    def plus(self, other: "Figures") -> "Figures":
        return Figures(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


_SUMS = (
    func.sum(DiaryDay.readers_new + DiaryDay.readers_re),
    func.sum(DiaryDay.readers_new),
    func.sum(DiaryDay.visits),
    func.sum(DiaryDay.issues),
    func.sum(DiaryDay.answers),
    func.sum(DiaryDay.issues_kk),
    func.sum(DiaryDay.issues_ru),
    func.sum(DiaryDay.issues_other),
    # Days open: a day with visits counts one, a week's row the days it says it was open.
    func.sum(case((DiaryDay.visits > 0, DiaryDay.days_open), else_=0)),
    func.count(DiaryDay.id),
)


def diary_figures(
    start: date, end: date, library_id: int | None, *, accepted_only: bool
) -> dict[int, Figures]:
    """{library_id: Figures} of the diary days in [start, end), with each library's fund."""
    query = (
        select(DiaryDay.library_id, *_SUMS)
        .where(DiaryDay.day >= start, DiaryDay.day < end)
        .group_by(DiaryDay.library_id)
    )
    if library_id is not None:
        query = query.where(DiaryDay.library_id == library_id)
    if accepted_only:
        query = _accepted_months_only(query)
    sums = {row[0]: [int(v or 0) for v in row[1:]] for row in db.session.execute(query)}
    funds = funds_by(end, library_id)
    names = [f.name for f in fields(Figures)]
    return {
        lib: Figures(
            **dict(
                zip(names, [*sums.get(lib, [0] * len(_SUMS)), *funds.get(lib, (0, 0))], strict=True)
            )
        )
        for lib in sums.keys() | funds.keys()
    }


def _accepted_months_only(query: Select) -> Select:
    """The query's diary days restricted to months central staff accepted."""
    return query.join(
        MonthlyReport,
        and_(
            MonthlyReport.library_id == DiaryDay.library_id,
            MonthlyReport.year == cast(extract("year", DiaryDay.day), Integer),
            MonthlyReport.month == cast(extract("month", DiaryDay.day), Integer),
            MonthlyReport.status == ReportStatus.ACCEPTED,
        ),
    )


def band_figures(start: date, end: date) -> dict[tuple[int, int], tuple[int, int, int]]:
    """{(library_id, band_id): (readers, visits, issues)} of the accepted months in [start, end)."""
    query = (
        select(
            DiaryDay.library_id,
            DiaryBand.band_id,
            func.sum(DiaryBand.readers),
            func.sum(DiaryBand.visits),
            func.sum(DiaryBand.issues),
        )
        .join(DiaryBand, DiaryBand.day_id == DiaryDay.id)
        .where(DiaryDay.day >= start, DiaryDay.day < end)
        .group_by(DiaryDay.library_id, DiaryBand.band_id)
    )
    rows = db.session.execute(_accepted_months_only(query))
    return {(lib, band): (int(r or 0), int(v or 0), int(i or 0)) for lib, band, r, v, i in rows}


def section_issues(start: date, end: date) -> dict[tuple[int, str], int]:
    """{(library_id, fund section): issues} of the accepted months in [start, end)."""
    query = (
        select(DiaryDay.library_id, DiarySection.section, func.sum(DiarySection.issues))
        .join(DiarySection, DiarySection.day_id == DiaryDay.id)
        .where(DiaryDay.day >= start, DiaryDay.day < end)
        .group_by(DiaryDay.library_id, DiarySection.section)
    )
    rows = db.session.execute(_accepted_months_only(query))
    return {(lib, section): int(issues or 0) for lib, section, issues in rows}


def funds_by(end: date, library_id: int | None) -> dict[int, tuple[int, int]]:
    """{library_id: (copies, in Kazakh)}: each library's latest count before `end`."""
    latest = (
        select(LibraryFund.library_id, func.max(LibraryFund.as_of).label("as_of"))
        .where(LibraryFund.as_of < end)
        .group_by(LibraryFund.library_id)
    )
    if library_id is not None:
        latest = latest.where(LibraryFund.library_id == library_id)
    last = latest.subquery()
    query = select(LibraryFund.library_id, LibraryFund.total, LibraryFund.in_kazakh).join(
        last, and_(LibraryFund.library_id == last.c.library_id, LibraryFund.as_of == last.c.as_of)
    )
    return {row[0]: (row[1], row[2]) for row in db.session.execute(query)}


def total_figures(start: date, end: date, library_id: int | None) -> Figures:
    """The figures of one library (all days) or of the system (accepted months only)."""
    total = Figures()
    for figures in diary_figures(start, end, library_id, accepted_only=library_id is None).values():
        total = total.plus(figures)
    return total
