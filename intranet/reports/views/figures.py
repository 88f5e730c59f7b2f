"""How a report figure reads: whole numbers as whole numbers, shares as percentages, via Babel."""

from typing import Any

from babel.numbers import format_decimal, format_percent
from flask_babel import get_locale

from intranet.reports.queries.sections import Share


def figure(value: Any) -> str:
    """A report cell in the reader's language («5 592», «2,6 %»); a dash where none applies.

    Figures are rounded to one decimal where they are made; Babel shows that decimal only
    where it says something (152 seat-hours, but 152,5), in the locale's own pattern.
    """
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    locale = get_locale()
    if isinstance(value, Share):
        return format_percent(round(value / 100, 3), locale=locale, decimal_quantization=False)
    return format_decimal(value, locale=locale, decimal_quantization=False)
