"""Every figure in every export is a number a spreadsheet can add up, never text like '21'."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport
from intranet.models import utc_now

PERIODS = ("period=month&year=2025&month=3", "period=quarter&year=2025&quarter=1")
TEXT_COLUMNS = {"Missing months"}  # a list of months per library; its total is a count


@pytest.fixture
def accepted_march(app, march):
    """No. 6 has its March 2025 accepted, so the city-wide summary has figures."""
    with app.app_context():
        library = db.session.scalar(select(Library).where(Library.slug == "no-6"))
        db.session.add(
            MonthlyReport(
                library_id=library.id, year=2025, month=3, status="accepted", decided_dt=utc_now()
            )
        )
        db.session.commit()


def text_figures(book) -> list[str]:
    """Cells of figure columns (all but the first) holding text, as 'sheet!A1 = value'."""
    found = []
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            is_total = row[0].value == "Total"
            for cell in row[1:]:
                if cell.value is None or cell.data_type == "n":
                    continue
                if header[cell.column - 1] in TEXT_COLUMNS and not is_total:
                    continue
                found.append(f"{sheet.title}!{cell.coordinate} = {cell.value!r}")
    return found


@pytest.mark.parametrize("scope", ["no-6", "all"])
@pytest.mark.parametrize("period", PERIODS)
def test_xlsx_figures_are_number_cells(client, login_as, accepted_march, scope, period):
    login_as("admin")
    response = client.get(f"/staff/reports/export.xlsx?library={scope}&{period}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert not text_figures(book)
    if scope == "all":
        summary = book["City-wide summary"]
        total = [c.value for c in summary[summary.max_row]]
        assert total[0] == "Total"
        assert all(isinstance(value, int) for value in total[1:]), total
        libraries = summary.iter_rows(min_row=2, max_row=summary.max_row - 1)
        assert total[2] == sum(1 for row in libraries if row[2].value)  # libraries missing one


def test_csv_figures_read_as_numbers(client, login_as, accepted_march):
    login_as("admin")
    response = client.get(f"/staff/reports/export.csv?library=all&{PERIODS[0]}")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    total = next(row for row in rows if row[:1] == ["Total"] and len(row) == 5)
    # March of No. 6 accepted: 3 held events, 50 people; 20 libraries still missing a month.
    assert [int(value) for value in total[1:]] == [1, 20, 3, 50]
