"""Periods, exports and charts: the parts every report is made of."""

import csv
import io
import re
from datetime import date

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from intranet.errors import IntranetError
from intranet.reports.forms import parse_period
from intranet.reports.queries import Period
from intranet.reports.queries.sections import Share
from intranet.reports.views.charts import heatmap, line_chart, stacked_bars
from intranet.spreadsheets import safe_cell, to_csv, to_xlsx

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, Period("month", 2026, 10)),
        ({"period": "month", "year": "2026", "month": "2"}, Period("month", 2026, 2)),
        ({"period": "quarter", "year": "2025", "quarter": "4"}, Period("quarter", 2025, 4)),
        ({"period": "year", "year": "2025"}, Period("year", 2025)),
    ],
)
def test_parse_period(args, expected):
    assert parse_period(MultiDict(args), TODAY) == expected


def test_january_defaults_to_last_december():
    assert parse_period(MultiDict(), date(2027, 1, 10)) == Period("month", 2026, 12)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"year": "abc"}, "must be a whole number"),
        ({"year": "0001"}, "between 2000 and 2100"),
        ({"year": "9999"}, "between 2000 and 2100"),
        ({"month": "13"}, "between 1 and 12"),
        ({"period": "quarter", "quarter": "5"}, "between 1 and 4"),
        ({"period": "decade"}, "Unknown period"),
    ],
)
def test_bad_periods_are_clear_errors(app, args, message):
    with (
        app.test_request_context("/?lang=en"),
        force_locale("en"),
        pytest.raises(IntranetError) as error,
    ):
        parse_period(MultiDict(args), TODAY)
    with app.test_request_context("/"), force_locale("en"):
        assert message in str(error.value)


def test_period_bounds_and_year_before():
    assert (Period("month", 2026, 12).start, Period("month", 2026, 12).end) == (
        date(2026, 12, 1),
        date(2027, 1, 1),
    )
    q = Period("quarter", 2026, 2)
    assert (q.start, q.end) == (date(2026, 4, 1), date(2026, 7, 1))
    assert Period("year", 2026).end == date(2027, 1, 1)
    assert q.year_before() == Period("quarter", 2025, 2)
    assert [Period("month", 2026, 3).slug(), q.slug(), Period("year", 2026).slug()] == [
        "2026-03",
        "2026-Q2",
        "2026",
    ]


def test_period_label_in_each_language(app):
    with app.test_request_context("/"):
        with force_locale("kk"):
            assert Period("month", 2026, 11).label() == "2026 жылғы қараша"
        with force_locale("ru"):
            assert Period("month", 2026, 11).label() == "ноябрь 2026\u00a0г."


@pytest.mark.parametrize("value", ["=1+1", "+7 701", "-2", "@SUM(A1)", "\t=x"])
def test_formula_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value


def test_plain_cells_are_kept():
    assert safe_cell("Әлем BOOK") == "Әлем BOOK"
    assert safe_cell(42) == 42


def test_csv_has_bom_and_neutralised_cells():
    data = to_csv(["Атауы", "Саны"], [['=HYPERLINK("x")', 3], ["Кітап", 5]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Атауы", "Саны"], ['\'=HYPERLINK("x")', "3"], ["Кітап", "5"]]


def test_xlsx_has_a_sheet_per_section():
    data = to_xlsx(
        [
            ("Іс-шаралар", ["Түрі", "Саны"], [["Әдеби кеш", 4], ["@evil", 1]]),
            ("Коворкинг: орталықтар/кестесі [1]", ["Орталық"], [["central"]]),
        ]
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Іс-шаралар", "Коворкинг орталықтаркестесі 1"]
    sheet = workbook["Іс-шаралар"]
    assert [c.value for c in sheet[2]] == ["Әдеби кеш", 4]
    assert sheet["A3"].value == "'@evil"


def test_charts_escape_labels_and_carry_a_table(app):
    with app.test_request_context("/"), force_locale("ru"):
        chart = stacked_bars(
            "c1", "Events <by> type", ["Қаз", "Қар"], {"<script>": [1, 2], "Әдеби кеш": [3, 0]}
        )
        line = line_chart("c2", "Attendance", ["1", "2", "3"], [10, 0, None])
        heat = heatmap("c3", "Occupancy", ["Mon"], ["09", "10"], [[Share(2.5), None]])
    assert "<script>" not in chart.svg
    assert "&lt;script&gt;" in chart.svg
    assert 'role="img"' in chart.svg
    assert chart.rows == [["Қаз", "1", "3", "4"], ["Қар", "2", "0", "2"]]
    # The legend is a list under the chart (names wrap there), not text drawn inside it.
    assert [name for _colour, name in chart.legend] == ["<script>", "Әдеби кеш"]
    # A month to come is neither a point nor a 0: the line stops at the last month so far.
    assert line.svg.count("<circle") == 2
    assert line.rows[2] == ["3", "—"]
    assert heat.rows == [["Mon", "2,5\xa0%", "—"]]
    for svg in (chart.svg, line.svg, heat.svg):
        sizes = {int(size) for size in re.findall(r'font-size="(\d+)"', svg)}
        assert sizes
        assert min(sizes) >= 12, sizes
