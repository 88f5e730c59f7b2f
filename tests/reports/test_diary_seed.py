"""The demo work diary: a year for 21 libraries, marked demo, adding up; the system's fund."""

from datetime import date

from sqlalchemy import func, select

from intranet.extensions import db
from intranet.libraries.models import DiaryDay, LibraryFund
from intranet.libraries.seed_diary import demo_diary_year, seed_demo_diary
from intranet.libraries.services.diary import day_problem
from intranet.reports.queries.diary import total_figures


def test_a_demo_year_that_adds_up(app):
    with app.app_context():
        first, last = demo_diary_year(date(2026, 12, 1))
        assert (first, last) == (date(2025, 12, 1), date(2026, 11, 30))
        written = seed_demo_diary(first, last)
        db.session.commit()
        # 365 days less 52 Sundays, for 21 libraries.
        assert written == 21 * 313
        assert seed_demo_diary(first, last) == 0  # a second seed adds nothing
        assert db.session.scalar(select(func.count()).where(~DiaryDay.is_demo)) == 0
        funds = db.session.execute(
            select(func.sum(LibraryFund.total), func.sum(LibraryFund.in_kazakh))
        ).one()
        assert tuple(funds) == (647_659, 264_923)  # the seed's figure for the whole system
        for row in db.session.scalars(select(DiaryDay).limit(300)):
            assert day_problem(row) is None
            assert len(row.bands) == 4
            assert len(row.sections) == 8
        figures = total_figures(
            first, date(2026, 12, 1), db.session.scalar(select(LibraryFund.library_id))
        )
        assert figures.fund > 0
        assert figures.visits > 0
