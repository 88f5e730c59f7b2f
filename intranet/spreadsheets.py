"""CSV and XLSX files for people's spreadsheets, with formula injection neutralised."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[Any]


def safe_cell(value: Any) -> Any:
    """A cell value that a spreadsheet will never run: text that looks like a formula is quoted.

    Numbers stay numbers (a negative count is not a formula), so figures remain number cells.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Row]) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel opens Kazakh and Russian text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(str(h)) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[Row]]]) -> bytes:
    """One workbook, a sheet per (title, header, rows); titles cut to Excel's 31 characters."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, header, rows in sheets:
        name = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "Sheet"
        while name in used:
            name = name[:28] + f"~{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append([safe_cell(str(h)) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            letter = column[0].column_letter
            sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
