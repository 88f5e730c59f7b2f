"""Central staff open the monthly report and download it as XLSX, in Kazakh and Russian."""

import pytest
from babel.support import Translations
from openpyxl import load_workbook

from tests.browser.helpers import ROOT, axe_violations, html_lang, screenshot, sign_in

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
CENTRAL = "central@demo.kz"  # made by `seed --demo` (README: demo accounts)
DEMO_PASSWORD = "demo-password-2026"


def t(lang: str, message: str) -> str:
    return Translations.load(str(ROOT / "translations"), [lang]).gettext(message)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_central_staff_download_the_monthly_report(new_page, lang, tmp_path):
    page = new_page(lang)
    sign_in(page, CENTRAL, DEMO_PASSWORD)
    page.goto(f"/staff/reports/?lang={lang}")
    assert html_lang(page) == lang
    assert t(lang, "Activity report") in page.locator("h1").inner_text()
    # Last month of the demo programme: held events with attendance, in every section.
    tables = page.locator("table")
    assert tables.count() >= 4
    violations = axe_violations(page)
    assert not violations, violations
    screenshot(page, f"journey-report-{lang}")

    with page.expect_download() as info:
        page.get_by_role("link", name=t(lang, "Download XLSX")).click()
    download = info.value
    assert download.suggested_filename.startswith("report-")
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = load_workbook(saved)
    assert len(workbook.sheetnames) >= 4
    first = workbook[workbook.sheetnames[0]]
    assert first.max_row >= 2  # a header and at least one row of figures

    page.goto(f"/staff/reports/cycle?lang={lang}")
    assert page.locator("table, ul").count() >= 1
    violations = axe_violations(page)
    assert not violations, violations

    page.goto(f"/staff/reports/dashboard?lang={lang}")
    assert page.locator("svg[role=img]").count() >= 2
    violations = axe_violations(page)
    assert not violations, violations
    screenshot(page, f"journey-dashboard-{lang}")
