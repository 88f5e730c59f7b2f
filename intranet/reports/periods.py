"""Reporting periods (a month, a quarter or a year) and their parsing from query parameters."""

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from intranet.clock import MAX_YEAR, MIN_YEAR
from intranet.errors import IntranetError

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
        """The period in the reader's language, e.g. «қараша 2026», «Q4 2026», «2026»."""
        if self.kind == "month":
            return format_date(self.start, "LLLL yyyy")
        if self.kind == "quarter":
            return str(_l("Q%(n)d %(year)d", n=self.number, year=self.year))
        return str(self.year)

    def slug(self) -> str:
        """A file-name-safe name: 2026-11, 2026-Q4, 2026."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)


def _whole_number(raw: str | None, name: str, low: int, high: int) -> int:
    try:
        value = int(raw or "")
    except ValueError:
        raise IntranetError(_l("%(name)s must be a whole number.", name=name)) from None
    if not low <= value <= high:
        raise IntranetError(
            _l("%(name)s must be between %(low)d and %(high)d.", name=name, low=low, high=high)
        )
    return value


def parse_period(args, today: date) -> Period:
    """Read ?period=month|quarter|year&year=&month=|quarter= ; defaults to the last full month."""
    kind = args.get("period") or "month"
    if kind not in KINDS:
        raise IntranetError(_l("Unknown period: choose a month, a quarter or a year."))
    last_month = date(today.year, today.month, 1).replace(day=1)
    default_year, default_month = (
        (last_month.year - 1, 12)
        if last_month.month == 1
        else (last_month.year, last_month.month - 1)
    )
    year = _whole_number(args.get("year") or str(default_year), _l("Year"), MIN_YEAR, MAX_YEAR)
    if kind == "month":
        number = _whole_number(args.get("month") or str(default_month), _l("Month"), 1, 12)
    elif kind == "quarter":
        number = _whole_number(
            args.get("quarter") or str((default_month - 1) // 3 + 1), _l("Quarter"), 1, 4
        )
    else:
        number = 1
    return Period(kind, year, number)
