"""The annual plan's spreadsheet: its columns in three languages, the template, and a safe reader.

The reader never evaluates a formula (data_only: a cell gives its cached value), refuses
macro-enabled workbooks and files that unpack to far more than they weigh (zip bombs), and
stops at MAX_ROWS, so an upload costs a bounded amount of memory and time.
"""

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from flask_babel import lazy_gettext as _l

from intranet.errors import IntranetError

MAX_BYTES = 512 * 1024  # a year's plan of 2000 rows weighs about 100 KB
MAX_UNPACKED = 20 * 1024 * 1024
MAX_ROWS = 2000

# (key, kk, ru, en): the template's headings; an upload may use any one of the languages.
COLUMNS = (
    ("when", "Күні немесе айы", "Дата или месяц", "Date or month"),
    ("time", "Басталу уақыты", "Время начала", "Start time"),
    ("title", "Іс-шараның атауы", "Название мероприятия", "Title"),
    ("type", "Іс-шара түрі", "Форма мероприятия", "Type"),
    ("audience", "Оқырмандар тобы", "Аудитория", "Audience"),
    ("library", "Кітапхана", "Библиотека", "Library"),
    ("campaign", "Акция", "Акция", "Campaign"),
    ("partner", "Серіктес", "Партнёр", "Partner"),
    ("responsible", "Жауапты", "Ответственный", "Responsible"),
)
LANGUAGE_INDEX = {"kk": 1, "ru": 2, "en": 3}


class PlanFileRefused(IntranetError):
    """The file as a whole cannot be read as a plan: nothing of it is imported."""


def heading(key: str, language: str) -> str:
    """A column's heading in a language."""
    row = next(column for column in COLUMNS if column[0] == key)
    return row[LANGUAGE_INDEX.get(language, 1)]


def headings(language: str) -> list[str]:
    """The template's headings in a language."""
    return [heading(column[0], language) for column in COLUMNS]


def _normal(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def headings_language(first_row: tuple[Any, ...]) -> str:
    """The language whose headings the first row has; refuses a sheet with other headings."""
    cells = [_normal(cell) for cell in first_row]
    while cells and not cells[-1]:
        cells.pop()
    for language in LANGUAGE_INDEX:
        if cells == [_normal(h) for h in headings(language)]:
            return language
    raise PlanFileRefused(
        _l("The first row must hold the template's headings: %(headings)s."),
        field="file",
        headings="; ".join(headings("kk")),
    )


def _check_container(content: bytes, filename: str) -> None:
    """An .xlsx workbook within the limits, without macros."""
    if len(content) > MAX_BYTES:
        raise PlanFileRefused(
            _l("The file is larger than %(size)s KB."), field="file", size=MAX_BYTES // 1024
        )
    if filename.lower().endswith((".xlsm", ".xltm", ".xlsb", ".xls")):
        raise PlanFileRefused(
            _l("Save the plan as an .xlsx workbook without macros."), field="file"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            unpacked = sum(item.file_size for item in archive.infolist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile:
        raise PlanFileRefused(
            _l("This is not an Excel workbook (.xlsx). Download the template and fill it in."),
            field="file",
        ) from None
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in types:
        raise PlanFileRefused(
            _l("Save the plan as an .xlsx workbook without macros."), field="file"
        )
    if unpacked > MAX_UNPACKED or "xl/workbook.xml" not in names:
        raise PlanFileRefused(
            _l("This is not an Excel workbook (.xlsx). Download the template and fill it in."),
            field="file",
        )


def read_rows(content: bytes, filename: str) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """The headings' language and the non-empty rows of the first sheet, by their number."""
    from openpyxl import load_workbook

    _check_container(content, filename)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same here
        raise PlanFileRefused(
            _l("This is not an Excel workbook (.xlsx). Download the template and fill it in."),
            field="file",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        values: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
        language = headings_language(next(values, ()))
        keys = [column[0] for column in COLUMNS]
        rows: list[tuple[int, dict[str, Any]]] = []
        for number, cells in enumerate(values, start=2):
            if not any(cell not in (None, "") for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise PlanFileRefused(
                    _l("A plan has at most %(rows)d rows; split the file."),
                    field="file",
                    rows=MAX_ROWS,
                )
            rows.append((number, dict(zip(keys, cells, strict=False))))
    finally:
        workbook.close()
    return language, rows
