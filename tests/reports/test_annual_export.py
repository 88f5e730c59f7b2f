"""The annual export for СРДГОБ-1: per library and in total, accepted months only."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import DiaryBand, DiaryDay, DiarySection
from intranet.libraries.services.diary import age_bands
from tests.reports.conftest import library
from tests.reports.diary_fixture import add_diary


def no6_id() -> int:
    return library("no-6").id


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
    assert book.sheetnames == [
        "Indicators 2025",
        "By age band 2025",
        "Issues by fund section 2025",
        "Months not accepted",
        "Plan and actual 2025",
    ]
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


def test_age_bands_and_fund_sections_of_the_accepted_months(app, client, diary, login_as):
    """As the form asks them: readers, visits, issues per age band; issues per fund section."""
    with app.app_context():
        bands = age_bands()
        days = {
            d.day: d
            for d in db.session.scalars(select(DiaryDay).where(DiaryDay.library_id == no6_id()))
        }
        # 3 March (accepted) and 1 April (not accepted: must not count).
        for when, readers, issues in ((date(2025, 3, 3), 6, 30), (date(2025, 4, 1), 9, 99)):
            db.session.add(
                DiaryBand(
                    day_id=days[when].id,
                    band_id=bands[0].id,
                    readers=readers,
                    visits=readers,
                    issues=issues,
                )
            )
            db.session.add(DiarySection(day_id=days[when].id, section="fiction", issues=issues))
        db.session.commit()
        first_band = bands[0].name_en  # the page and the file speak English here
    login_as("central_staff")
    book = load_workbook(
        io.BytesIO(client.get("/staff/reports/annual.xlsx?year=2025").data), read_only=True
    )
    by_band = list(book["By age band 2025"].iter_rows(values_only=True))
    assert by_band[0][:4] == (
        "Library",
        f"{first_band}: readers",
        f"{first_band}: visits",
        f"{first_band}: book issues",
    )
    assert len(by_band[0]) == 1 + 3 * len(bands)
    assert by_band[-1][:4] == ("Total", 6, 6, 30)
    by_section = list(book["Issues by fund section 2025"].iter_rows(values_only=True))
    fiction = by_section[0].index("Fiction")
    assert by_section[-1][0] == "Total"
    assert by_section[-1][fiction] == 30
    assert len(by_section) == 1 + 21 + 1
