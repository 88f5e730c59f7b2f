"""The annual plan's page: the template in the reader's language, an upload and its result."""

import io

from openpyxl import load_workbook

from intranet.clock import local_today
from tests.conftest import csrf_token
from tests.events.plans import generated_rows, plan_file

PAGE = "/staff/events/plan"
YEAR = local_today().year + 1


def test_the_template_has_kazakh_headings_and_the_lists_to_choose_from(client, login_as):
    login_as("branch_staff", library="no-6", language="kk")
    response = client.get(PAGE + "/template.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    plan, lists = workbook.worksheets
    assert next(plan.iter_rows(values_only=True))[:3] == (
        "Күні немесе айы",
        "Басталу уақыты",
        "Іс-шараның атауы",
    )
    columns = list(zip(*lists.iter_rows(values_only=True), strict=False))
    assert "Поэзия сағаты" in columns[0]
    assert "Жастар" in columns[1]
    workbook.close()
    assert columns[2][0] == "Кітапхана"
    assert [name for name in columns[2][1:] if name] == ["№ 6 кітапхана-филиалы"]


def test_an_upload_says_what_was_added_and_lists_each_refused_row(client, login_as):
    login_as("branch_staff", library="no-6")
    data = {
        "csrf_token": csrf_token(client, PAGE),
        "year": str(YEAR),
        "file": (io.BytesIO(plan_file(generated_rows(10, 1, YEAR))), "plan.xlsx"),
    }
    response = client.post(PAGE, data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "8 draft events added" in page
    assert "2 planned entries added" in page
    assert "1 row refused" in page
    assert "<td>12</td><td>Type</td><td>«Би кеші» is not on the list" in page


def test_a_file_that_is_not_a_plan_is_refused_next_to_the_file_field(client, login_as):
    login_as("central_staff")
    data = {
        "csrf_token": csrf_token(client, PAGE),
        "year": str(YEAR),
        "file": (io.BytesIO(b"not a workbook"), "plan.xlsx"),
    }
    response = client.post(PAGE, data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="file-error"' in page
    assert "This is not an Excel workbook (.xlsx)" in page
