"""Reporting periods: a calendar month, quarter or year (parsed from a page's query by forms)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from intranet.i18n import format_day, month_name

KINDS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year: [start, end)."""

    kind: str
    year: int
    number: int = 1  # month 1-12, quarter 1-4, 1 for a year

    @property
    def start(self) -> date:
        month = {"month": self.number, "quarter": 3 * self.number - 2, "year": 1}[self.kind]
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        """The first day after the period."""
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        index = self.start.month - 1 + months
        return date(self.year + index // 12, index % 12 + 1, 1)

    def year_before(self) -> "Period":
        """The same period a year earlier, for comparison."""
        return Period(self.kind, self.year - 1, self.number)

    def label(self) -> str:
        """The period in the reader's language, e.g. «2026 жылғы қараша», «Q4 2026», «2026»."""
        if self.kind == "month":
            return month_name(self.start)
        if self.kind == "quarter":
            return str(_l("Q%(n)d %(year)d", n=self.number, year=self.year))
        return str(self.year)

    def month_name(self) -> str:
        """The month's name alone, as a heading says it («қараша», «ноябрь»)."""
        name = format_day(self.start, "month_alone")
        return name[:1].upper() + name[1:]

    def select_value(self) -> str:
        """The value of this period in the report page's period select."""
        return "year" if self.kind == "year" else f"{self.kind}-{self.number}"

    def slug(self) -> str:
        """A file-name-safe name: 2026-11, 2026-Q4, 2026."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    def months(self, today: date) -> list[tuple[int, int]]:
        """(year, month) of each month of the period that has begun by today."""
        months, day = [], self.start
        while day < self.end and day <= today:
            months.append((day.year, day.month))
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return months
