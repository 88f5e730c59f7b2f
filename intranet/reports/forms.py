"""What a reader sends to the report pages: the period asked for, and central staff's decision."""

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, TextAreaField

from intranet.clock import MAX_YEAR, MIN_YEAR
from intranet.errors import IntranetError
from intranet.forms import (
    choices,
    max_length,
    no_control_characters,
    required,
    sensible_year,
    whole_number,
)
from intranet.libraries.models import FUND_SECTIONS
from intranet.reports.queries.periods import KINDS, Period
from intranet.reports.services import COMMENT_LIMIT


class DecisionForm(FlaskForm):
    """Central staff accept a submitted month, or return it with a comment."""

    decision = RadioField(
        _l("Decision"),
        choices=choices([("accept", _l("Accept")), ("return", _l("Return for correction"))]),
        validators=[required()],
    )
    comment = TextAreaField(
        _l("Comment for the library"),
        validators=[max_length(COMMENT_LIMIT), no_control_characters],
    )

    @property
    def accepted(self) -> bool:
        """True to accept the month, False to return it."""
        return self.decision.data == "accept"


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


def parse_period(args: Mapping[str, str], today: date) -> Period:
    """Read ?period=month|quarter|year&year=&month=|quarter= ; defaults to the last full month."""
    kind = args.get("period") or "month"
    if kind.startswith(("month-", "quarter-")):
        # The page's one period select: "month-3", "quarter-1" (or "year").
        kind, chosen = kind.split("-", 1)
        args = {**args, kind: chosen}
    if kind not in KINDS:
        raise IntranetError(_l("Unknown period: choose a month, a quarter or a year."))
    default_year, default_month = (
        (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
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


def period_choices(year: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """The period select's groups: the twelve months, the four quarters, the whole year."""
    months = [(f"month-{m}", Period("month", year, m).month_name()) for m in range(1, 13)]
    quarters = [(f"quarter-{q}", Period("quarter", year, q).label()) for q in range(1, 5)]
    return [
        (str(_l("Month")), months),
        (str(_l("Quarter")), quarters),
        (str(_l("Year")), [("year", str(_l("The whole year")))]),
    ]


def year_choices(today: date, shown: int) -> list[int]:
    """The years a report can be asked for: the last five, this one and the year shown."""
    return sorted({*range(today.year - 5, today.year + 1), shown}, reverse=True)


def period_or_last_month(args: Mapping[str, str], today: date) -> tuple[Period, str | None]:
    """The period asked for; a bad one is (last month, the message saying what is wrong)."""
    try:
        return parse_period(args, today), None
    except IntranetError as error:
        return parse_period({}, today), str(error)


def month_asked(args: Mapping[str, str], today: date) -> Period:
    """?year=&month= of the monthly cycle (last month by default)."""
    return parse_period({**args, "period": "month"}, today)


def year_asked(args: Mapping[str, str], today: date) -> tuple[int, str | None]:
    """?year= of the dashboard; a bad one is (this year, the message saying what is wrong)."""
    try:
        return parse_period({"period": "year", "year": args.get("year", "")}, today).year, None
    except IntranetError as error:
        return today.year, str(error)


FUND_LIMIT = 99_999_999
COPIES = _l("Enter a whole number of copies, 0 or more.")


class FundForm(FlaskForm):
    """The library fund as counted on a date: copies, those in Kazakh, and by section."""

    as_of = DateField(_l("Counted on"), validators=[required(), sensible_year])
    total = whole_number(_l("Copies in the fund"), 0, FUND_LIMIT, COPIES)
    in_kazakh = whole_number(_l("of them in Kazakh"), 0, FUND_LIMIT, COPIES)


for _key, _label in FUND_SECTIONS.items():
    setattr(FundForm, f"section_{_key}", whole_number(_label, 0, FUND_LIMIT, COPIES, optional=True))
