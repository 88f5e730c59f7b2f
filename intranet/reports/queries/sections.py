"""The activity report's shape: sections of figures, each beside the same period a year earlier."""

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from intranet.i18n import localized
from intranet.libraries.models import Library
from intranet.reports.queries.periods import Period

# A row's first cell names it; the others are figures (a number, or None where none applies).
Row = list[Any]


class Share(float):
    """A share in percent (0-100): shown as a percentage, kept a plain number in files."""


class YearEarlier(str):
    """The name of a column holding the same figure a year earlier."""

    __slots__ = ()


@dataclass
class Section:
    """One table of the report; `total` is its last row when the figures add up."""

    key: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    note: str = ""  # what the table's figures rest on, said under its title

    def without_empty_year_earlier(self) -> "Section":
        """The section without its year-earlier columns when none of them holds a figure."""
        earlier = [i for i, column in enumerate(self.columns) if isinstance(column, YearEarlier)]
        lines = [*self.rows, *([self.total] if self.total else [])]
        if not earlier or any(line[i] for line in lines for i in earlier):
            return self
        kept = [i for i in range(len(self.columns)) if i not in earlier]
        return Section(
            self.key,
            self.title,
            [self.columns[i] for i in kept],
            [[row[i] for i in kept] for row in self.rows],
            [self.total[i] for i in kept] if self.total else None,
            self.note,
        )


@dataclass
class Report:
    """The sections of one library's (or, with None, the whole system's) report for a period."""

    period: Period
    library: Library | None
    sections: list[Section]

    @property
    def scope_name(self) -> str:
        return localized(self.library, "name") if self.library else _("All libraries")

    @property
    def args(self) -> dict[str, str | int]:
        """The query parameters that select this report again."""
        period = self.period
        args: dict[str, str | int] = {
            "library": self.library.slug if self.library else "all",
            "period": period.kind,
        }
        args["year"] = period.year
        if period.kind != "year":
            args[period.kind] = period.number
        return args

    @property
    def slug(self) -> str:
        return f"report-{self.library.slug if self.library else 'all'}-{self.period.slug()}"


def side_by_side(names: list[str]) -> list[str]:
    """Each column name followed by the same figure a year earlier."""
    return [column for name in names for column in (name, _before(name))]


def _before(name: str) -> YearEarlier:
    return YearEarlier(_("%(figure)s, a year earlier", figure=name))


def pairs(now: tuple[Any, ...], before: tuple[Any, ...]) -> Row:
    """The figures of now and a year earlier, interleaved as the columns of side_by_side."""
    return [value for pair in zip(now, before, strict=True) for value in pair]


def total_row(label: str, rows: list[Row]) -> Row:
    """The sum of each figure column (an empty cell counts 0)."""
    return [label, *[sum(row[i] or 0 for row in rows) for i in range(1, len(rows[0]))]]


def percent(used: float, available: float) -> Share | None:
    """A share in percent, or None when nothing was available (closed)."""
    return Share(round(100 * used / available, 1)) if available else None
