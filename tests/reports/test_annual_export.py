"""The annual export for СРДГОБ-1: per library and in total, accepted months only."""

import io

import pytest
from openpyxl import load_workbook

from tests.reports.diary_fixture import add_diary


@pytest.fixture
def diary(app, march):
    with app.app_context():
        add_diary()


def test_the_year_per_library_and_total(app, client, diary, login_as):
    login_as("central_staff")
    response = client.get("/staff/reports/annual.xlsx?year=2025")
    assert response.status_code == 200
    assert 'filename="srdgob-1-2025.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    assert book.sheetnames == ["Indicators 2025", "Months not accepted", "Plan and actual 2025"]
    lines = {row[0]: row[1:] for row in book["Indicators 2025"].iter_rows(values_only=True)}
    assert len(lines) == 1 + 21 + 1  # header, 21 libraries, the total
    # no-6: only March is accepted (the February and April days do not count); the fund is
    # the latest count of the year (2,000 on 1 April). no-7's March is only submitted.
    assert lines["Total"][:10] == (11, 5, 50, 75, 50, 20, 5, 6, 2500, 600)
    assert lines["Total"][10:] == (6.8, 4.5, 0.03, 227.3, 25.0)  # 75/11, 50/11, 75/2500, ...
    with_figures = [k for k, v in lines.items() if k != "Total" and v[0] not in (0, "Readers")]
    assert len(with_figures) == 1  # no-6 alone; no-7 shows its fund only
    assert lines[with_figures[0]][:3] == (11, 5, 50)
    missing = list(book["Months not accepted"].iter_rows(values_only=True))
    assert missing[0] == ("Library", "Months not accepted", "Which months")
    assert sum(1 for row in missing[1:] if row[1] == 11) == 1  # no-6: all months but March
    assert sum(1 for row in missing[1:] if row[1] == 12) == 20


def test_a_bad_year_is_a_clear_400(client, login_as):
    login_as("central_staff")
    for year in ("abc", "1900"):
        response = client.get(f"/staff/reports/annual.xlsx?year={year}")
        assert response.status_code == 400
        assert "Choose a year between 2000 and 2100." in response.get_data(as_text=True)
