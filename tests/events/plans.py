"""Annual plan workbooks for tests and the bench: the template's headings and given rows."""

import io
from datetime import date, datetime

from openpyxl import Workbook

from intranet.events.services.plan_sheet import headings

TYPES = ("Поэзия сағаты", "Әдеби кеш", "Кітап көрмесі", "Кітап талдауы")


def plan_file(rows, language: str = "kk") -> bytes:
    """A workbook with the template's headings in `language` and these rows under them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings(language))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def generated_rows(good: int, bad: int, year: int, library: str = "№ 6 кітапхана-филиалы"):
    """`good` valid rows (every fifth with only a month) and `bad` rows with an unknown type."""
    rows = []
    for number in range(good):
        month = number % 12 + 1
        when = month if number % 5 == 4 else datetime(year, month, number % 27 + 1, 15, 0)
        title = f"Абай оқулары {number + 1}"
        rows.append((when, None, title, TYPES[number % 4], "Жастар", library, "", "", "Айгүл"))
    for number in range(bad):
        rows.append((date(year, 5, 5), "15:00", f"Жоқ түр {number}", "Би кеші", "", library))
    return rows
