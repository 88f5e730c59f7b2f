"""The dashboard does not mislead: months to come are not zeros, empty heatmaps say so;
coordinators see their own centres' coworking figures."""

from datetime import date

from intranet.clock import local_today
from intranet.reports.views.staff.dashboard import _months_so_far

YEAR = "/staff/reports/dashboard?year=2025"


def test_months_to_come_are_left_out_not_zero():
    today = date(2026, 11, 26)
    assert _months_so_far(2026, today, list(range(1, 13)))[10:] == [11, None]
    assert _months_so_far(2025, today, [0] * 12) == [0] * 12
    assert _months_so_far(2027, today, [0] * 12) == [None] * 12


def test_this_years_attendance_line_stops_at_this_month(client, march, login_as):
    login_as("central_staff")
    page = client.get("/staff/reports/dashboard").get_data(as_text=True)
    trend = page.split('id="attendance-title"')[1].split("</svg>")[0]
    assert trend.count("<circle") == local_today().month


def test_a_coordinator_sees_their_own_centres_coworking(client, march, login_as):
    login_as("coordinator", centres=["cowork-no-6"])
    response = client.get(YEAR)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Coworking dashboard" in page
    bookings = page.split('id="section-bookings"')[1].split("</section>")[0]
    # March 2025 at No. 6: 5 bookings, 2 came, 1 no-show -> 33,3 % (tests/reports/test_figures).
    assert "Library No. 6" in bookings or "No. 6" in bookings
    assert ">5<" in bookings
    assert "33.3%" in bookings
    assert "No. 8" not in page  # another centre's figures are not theirs
    assert 'id="bookings-title"' in page  # bookings per month
    assert 'id="heat-' in page  # occupancy by weekday and hour of their centre
    assert "Events per month by type" not in page
    # A library asked for in the address changes nothing: the scope is the coordinator's.
    other = client.get(YEAR + "&library=no-8").get_data(as_text=True)
    assert "No. 8" not in other


def test_a_month_under_way_is_drawn_as_unfinished(app):
    from flask_babel import force_locale

    from intranet.reports.views.charts import line_chart

    with app.test_request_context("/"), force_locale("en"):
        line = line_chart("t", "People", ["Oct", "Nov", "Dec"], [40, 50, 1], last_unfinished=True)
    assert line.svg.count("<circle") == 3
    assert 'stroke-dasharray="5 4"' in line.svg  # the fall to December's first day is dashed
    assert line.svg.count('fill="#fff"') == 1  # and its point hollow
