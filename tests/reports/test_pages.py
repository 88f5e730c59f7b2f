"""Report pages, exports and dashboards: what each reader may open, files, bad input."""

import io
import re

from openpyxl import load_workbook
from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.extensions import db
from tests.reports.conftest import INJECTION

MARCH = "period=month&year=2025&month=3"


def test_branch_staff_read_their_own_library_only(client, march, login_as):
    login_as("branch_staff", library="no-6")
    page = client.get(f"/staff/reports/?{MARCH}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Events by type" in text
    assert "Poetry hour" in text
    assert client.get(f"/staff/reports/?library=no-8&{MARCH}").status_code == 403
    assert client.get(f"/staff/reports/?library=all&{MARCH}").status_code == 403
    assert client.get(f"/staff/reports/export.xlsx?library=no-8&{MARCH}").status_code == 403
    assert client.get("/staff/reports/dashboard?library=no-8").status_code == 403


def test_coordinators_have_no_activity_reports(client, march, login_as):
    login_as("coordinator", centres=["cowork-no-6"])
    assert client.get("/staff/reports/").status_code == 403


def test_bad_input(client, march, login_as):
    login_as("central_staff")
    response = client.get("/staff/reports/?year=abc")
    assert response.status_code == 400
    assert "Year must be a whole number." in response.get_data(as_text=True)
    assert client.get("/staff/reports/?period=week").status_code == 400
    assert client.get("/staff/reports/?period=month&year=2025&month=13").status_code == 400
    assert client.get(f"/staff/reports/?library=nowhere&{MARCH}").status_code == 404
    assert client.get(f"/staff/reports/export.pdf?{MARCH}").status_code == 404
    for bad in ("export.csv?year=abc", "print?year=abc", "cycle?year=abc"):
        response = client.get(f"/staff/reports/{bad}")
        assert response.status_code == 400
        assert "Year must be a whole number." in response.get_data(as_text=True)
    future = client.get("/staff/reports/?period=month&year=2099&month=1")
    assert future.status_code == 200
    assert "has not begun yet" in future.get_data(as_text=True)
    empty = client.get("/staff/reports/?library=no-9&period=year&year=2001")
    assert empty.status_code == 200
    assert "No figures for this period." in empty.get_data(as_text=True)
    assert client.get("/staff/reports/dashboard?year=abc").status_code == 200


def test_xlsx_has_a_sheet_per_section_and_neutralised_names(app, client, march, login_as):
    login_as("central_staff")
    response = client.get(f"/staff/reports/export.xlsx?library=no-6&{MARCH}")
    assert response.status_code == 200
    assert 'filename="report-no-6-2025-03.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:5] == [
        "Control indicators",
        "Ratios",
        "Events by type",
        "Campaigns",
        "Events by audience",
    ]
    assert "Visitors' institutions" in book.sheetnames
    types = book["Events by type"]
    assert [c.value for c in types[types.max_row]] == ["Total", 5, 1, 3, 1, 1, 0]
    attendance = book["Attendance"]
    assert [c.value for c in attendance[attendance.max_row - 1]] == ["Total", 50, 20]
    assert attendance.cell(attendance.max_row, 1).value == (
        "Counted at 3 events with attendance recorded."
    )
    names = [row[0].value for row in book["Visitors' institutions"].iter_rows(min_row=2)]
    assert "'" + INJECTION in names
    assert INJECTION not in names
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).where(AuditLog.action == "report.exported")) == 1
        )


def test_city_wide_xlsx_has_the_summary(client, march, login_as):
    login_as("admin")
    response = client.get(f"/staff/reports/export.xlsx?library=all&{MARCH}")
    assert 'filename="report-all-2025-03.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    summary = book["City-wide summary"]
    assert summary.max_row == 1 + 21 + 1  # header, 21 libraries, total
    assert [c.value for c in summary[summary.max_row]] == ["Total", 0, 21, 0, 0]


def test_csv_and_print(client, march, login_as):
    login_as("branch_staff", library="no-6")
    response = client.get("/staff/reports/export.csv?period=quarter&year=2025&quarter=1")
    assert 'filename="report-no-6-2025-Q1.csv"' in response.headers["Content-Disposition"]
    assert response.data.startswith("\ufeff".encode())
    text = response.data.decode("utf-8-sig")
    assert "'" + INJECTION.replace('"', '""') in text
    page = client.get(f"/staff/reports/print?{MARCH}")
    assert page.status_code == 200
    assert re.search(r"/static/css/reports(\.[0-9a-f]+)?\.css", page.get_data(as_text=True))


def test_dashboards(client, march, login_as, app):
    login_as("central_staff")
    page = client.get("/staff/reports/dashboard?year=2025").get_data(as_text=True)
    # Events, attendance, and a heatmap for the one centre booked in 2025; the four others
    # say that nobody has booked there yet instead of drawing a grid of zeros.
    assert page.count('class="chart"') == 2 + 1
    assert page.count("No bookings yet this year") == 4
    assert "The figures as a table" in page
    assert page.count("Not submitted") == 21
    branch = app.test_client()
    branch.get("/?lang=en")
    from tests.conftest import login

    _uid, email = (None, None)
    with app.app_context():
        from intranet.admin.services import NewAccountRequest, create_account

        request = NewAccountRequest(
            email="b6@test.kz",
            password="long enough pw",
            role="branch_staff",
            library="no-6",
            language="en",
        )
        user = create_account(request, actor=None)
        db.session.commit()
        email = user.email
    login(branch, email, "long enough pw")
    own = branch.get("/staff/reports/dashboard?year=2025").get_data(as_text=True)
    assert own.count('class="chart"') == 2 + 1
    assert own.count("Not submitted") == 1


def test_impossible_library_slugs_are_not_found(client, march, login_as):
    login_as("central_staff")
    assert client.get("/staff/reports/?library=%00").status_code == 404
    assert client.get("/staff/reports/dashboard?library=%00").status_code == 404
    assert client.get("/staff/reports/month/%00/2025/3").status_code == 404


def test_city_wide_page_says_how_many_libraries_are_missing(client, march, login_as):
    login_as("central_staff")
    page = client.get(f"/staff/reports/?library=all&{MARCH}").get_data(as_text=True)
    assert "Libraries with months not yet accepted: 21 of 21." in page
