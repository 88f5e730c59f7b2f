"""Plan and actual: the annual plan's rows against what was held, by month, type, campaign and
library; the share of the plan done in the activity report; a sheet in the annual export."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from intranet.events.models import Campaign, EventType, PlanRow
from intranet.extensions import db
from intranet.libraries.models import Library
from intranet.reports.queries import Period, build_report
from intranet.reports.queries.plan import plan_sections
from tests.reports.conftest import add_event, library


def _row(slug: str, month: int, type_slug: str, event=None, campaign=None) -> None:
    kind = db.session.scalar(select(EventType).where(EventType.slug == type_slug))
    db.session.add(
        PlanRow(
            library_id=library(slug).id,
            year=2025,
            month=month,
            title=f"Жоспар {month}",
            type_id=kind.id,
            campaign_id=campaign.id if campaign else None,
            fingerprint=f"{slug}-{month}-{type_slug}-{event is not None}",
            event=event,
        )
    )


@pytest.fixture
def plan(app):
    """No. 6: March held and cancelled, April approved (never reported held), May a month
    only, in the campaign; No. 7: June held."""
    with app.app_context():
        campaign = Campaign(
            slug="one-book",
            name_kk="Бір ел – бір кітап",
            name_ru="Одна страна – одна книга",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 12, 31),
        )
        db.session.add(campaign)
        _row("no-6", 3, "poetry_hour", add_event(date(2025, 3, 10), status="held"))
        _row("no-6", 3, "exhibition", add_event(date(2025, 3, 12), status="cancelled"))
        _row("no-6", 4, "poetry_hour", add_event(date(2025, 4, 2), status="approved"))
        _row("no-6", 5, "poetry_hour", campaign=campaign)
        june = add_event(date(2025, 6, 3), status="held", library_slug="no-7")
        _row("no-7", 6, "exhibition", june)
        db.session.commit()


def _table(section) -> dict:
    return {row[0]: row[1:] for row in [*section.rows, section.total]}


def test_plan_against_actual_by_month_type_campaign_and_library(app, plan):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        months, types, campaigns, libraries = plan_sections(2025, None)
        assert _table(months)["Total"] == [5, 2, 1, 2, 40.0]  # planned, held, cancelled, not yet
        assert list(_table(months).values())[:2] == [[2, 1, 1, 0, 50.0], [1, 0, 0, 1, 0.0]]
        assert _table(types)["Poetry hour"] == [3, 1, 0, 2, 33.3]
        assert _table(types)["Book exhibition"] == [2, 1, 1, 0, 50.0]
        assert _table(campaigns) == {
            "No campaign": [4, 2, 1, 1, 50.0],
            "Бір ел – бір кітап": [1, 0, 0, 1, 0.0],  # no English name: Kazakh
            "Total": [5, 2, 1, 2, 40.0],
        }
        by_library = _table(libraries)
        assert by_library["Branch library No. 6"] == [4, 1, 1, 2, 25.0]
        assert by_library["Branch library No. 7"] == [1, 1, 0, 0, 100.0]
        assert by_library["Branch library No. 8"] == [0, 0, 0, 0, None]
        assert len(libraries.rows) == 21
        own = plan_sections(2025, db.session.scalar(select(Library).where(Library.slug == "no-7")))
        assert len(own) == 3
        assert _table(own[0])["Total"] == [1, 1, 0, 0, 100.0]


def test_the_share_of_the_plan_done_by_the_end_of_each_period(app, plan):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        no_6 = library("no-6")
        for period, held in ((Period("month", 2025, 2), 0), (Period("month", 2025, 3), 1)):
            report = build_report(period, no_6, date(2025, 12, 31))
            share = next(s for s in report.sections if s.key == "plan_share")
            assert [row[1] for row in share.rows] == [4, held, held and 1, 25.0 * held]
        year = build_report(Period("year", 2026), no_6, date(2026, 12, 31))
        empty = next(s for s in year.sections if s.key == "plan_share")
        assert empty.rows == []
        assert empty.note == "No annual plan has been imported for 2026."


def test_the_page_and_the_annual_export(client, plan, login_as):
    login_as("branch_staff", library="no-6")
    page = client.get("/staff/reports/plan?year=2025").get_data(as_text=True)
    assert "Plan and actual: Branch library No. 6 · 2025" in page
    assert 'id="section-plan_libraries"' not in page
    assert client.get("/staff/reports/plan?year=2025&library=no-7").status_code == 403
    login_as("central_staff")
    book = load_workbook(
        io.BytesIO(client.get("/staff/reports/annual.xlsx?year=2025").data), read_only=True
    )
    rows = list(book["Plan and actual 2025"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Library", "Planned")
    assert rows[-1] == ("Total", 5, 2, 1, 2, 40.0)
