"""The report reads as a report: figures through Babel, periods from selects, honest columns."""

import re

import pytest
from flask_babel import force_locale

from intranet.reports.queries.sections import Section, Share, YearEarlier
from intranet.reports.views.figures import figure

MARCH = "/staff/reports/?library=no-6&period=month&year=2025&month=3"


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("kk", 5592, "5\xa0592"),
        ("ru", 5592, "5\xa0592"),
        ("en", 5592, "5,592"),
        ("kk", 5592.0, "5\xa0592"),  # a whole number of seat-hours has no ".0"
        ("ru", 152.5, "152,5"),
        ("ru", Share(2.6), "2,6\xa0%"),
        ("en", Share(75.0), "75%"),
        ("kk", None, "—"),
    ],
)
def test_figures_read_in_the_readers_language(app, lang, value, shown):
    with app.test_request_context(), force_locale(lang):
        assert figure(value) == shown


def test_year_earlier_columns_only_where_that_year_has_figures():
    earlier = YearEarlier("Held, a year earlier")
    empty = Section("s", "S", ["Name", "Held", earlier], [["A", 3, 0], ["B", 1, None]])
    assert empty.without_empty_year_earlier().columns == ["Name", "Held"]
    assert empty.without_empty_year_earlier().rows == [["A", 3], ["B", 1]]
    full = Section("s", "S", ["Name", "Held", earlier], [["A", 3, 0], ["B", 1, 2]])
    assert full.without_empty_year_earlier() is full


def test_the_page_shows_no_float_text_and_picks_the_period_from_selects(client, march, login_as):
    login_as("central_staff", language="ru")
    page = client.get(MARCH).get_data(as_text=True)
    assert not re.search(r">\s*\d+\.\d\s*<", page), "a figure printed as a Python float"
    assert "2,6\xa0%" in page  # occupancy of the centre (4 of 152 seat-hours)
    assert ">152<" in page  # open seat-hours, a whole number
    assert '<option value="month-3" selected>' in page
    assert '<option value="2025" selected>' in page
    assert 'name="month"' not in page
    assert 'inputmode="numeric"' not in page
    # Partners had no events a year earlier: no empty year-earlier column; types had some.
    partners = page.split('id="section-partners"')[1].split("</section>")[0]
    assert "годом ранее" not in partners
    types = page.split('id="section-types"')[1].split("</section>")[0]
    assert "годом ранее" in types


def test_the_period_select_value_is_understood(client, march, login_as):
    login_as("central_staff")
    chosen = client.get("/staff/reports/?library=no-6&period=month-3&year=2025")
    assert chosen.status_code == 200
    assert "March 2025" in chosen.get_data(as_text=True)
    quarter = client.get("/staff/reports/?library=no-6&period=quarter-1&year=2025")
    assert "Q1 2025" in quarter.get_data(as_text=True)
    bad = client.get("/staff/reports/?period=month-13&year=2025")
    assert bad.status_code == 400
    assert "Month must be between 1 and 12." in bad.get_data(as_text=True)


def test_people_and_events_are_not_in_one_column(client, march, login_as):
    login_as("central_staff")
    page = client.get(MARCH).get_data(as_text=True)
    attendance = page.split('id="section-attendance"')[1].split("</section>")[0]
    assert "Counted at 3 events with attendance recorded." in attendance
    assert "Events with attendance recorded" not in attendance
    assert ">Participants<" in attendance


def test_the_branch_previews_the_months_figures_before_submitting(app, client, march, login_as):
    login_as("branch_staff", library="no-6")
    with app.app_context():
        from intranet.extensions import db

        # The March fixture leaves events without attendance: count them so the month can go.
        from intranet.reports.queries import events_without_attendance
        from tests.reports.conftest import library

        for event in events_without_attendance(library("no-6").id, 2025, 3):
            event.status = "cancelled"
            event.cancel_reason = "Ауа райы"
        db.session.commit()
    page = client.get("/staff/reports/month/no-6/2025/3").get_data(as_text=True)
    assert "The month's figures" in page
    assert 'id="section-types"' in page
    assert "Poetry hour" in page
    assert "Submit the report" in page


def test_the_decision_sits_beside_the_figures(app, client, march, login_as, make_user):
    from intranet.extensions import db
    from intranet.libraries.models import MonthlyReport
    from tests.reports.conftest import library

    with app.app_context():
        db.session.add(MonthlyReport(library_id=library("no-6").id, year=2025, month=3))
        db.session.commit()
    login_as("central_staff")
    page = client.get("/staff/reports/month/no-6/2025/3").get_data(as_text=True)
    assert 'id="section-attendance"' in page
    decision = page.split("<fieldset")[1].split("</fieldset>")[0]
    assert "<legend" in decision
    assert decision.count('type="radio"') == 2
    assert 'class="form-control"' not in decision
    # Saving without a choice says so by the radios, with the figures still there.
    from tests.conftest import csrf_token

    with app.app_context():
        report_id = db.session.query(MonthlyReport.id).scalar()
    token = csrf_token(client, "/staff/reports/month/no-6/2025/3")
    refused = client.post(f"/staff/reports/decide/{report_id}", data={"csrf_token": token})
    assert refused.status_code == 400
    text = refused.get_data(as_text=True)
    assert 'id="decision-error"' in text
    assert 'id="section-types"' in text
