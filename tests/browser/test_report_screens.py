"""The activity report and a month of a library read as a report, in kk and ru, laptop and phone."""

import pytest

from intranet.clock import local_today
from tests.browser.helpers import (
    ADMINS,
    CENTRAL_STAFF,
    COORDINATORS,
    LAPTOP,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
WIDTHS = {"laptop": LAPTOP, "phone": None}


def last_month() -> tuple[int, int]:
    today = local_today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def open_as_central(new_page, lang: str, width: str, accounts=CENTRAL_STAFF):
    return open_as(new_page, accounts[lang], lang, width)


def smallest_chart_text(page) -> float:
    """The smallest text drawn in a chart, in CSS pixels as shown (an SVG may be scaled)."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.chart text')].map(t => {
            const svg = t.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(t.getAttribute('font-size')) * scale; }))"""
    )


def overlapping_legend_items(page) -> int:
    """How many pairs of legend entries cover each other."""
    return page.evaluate(
        """() => { let n = 0;
        for (const list of document.querySelectorAll('.chart-legend')) {
          const boxes = [...list.children].map(li => li.getBoundingClientRect());
          boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
          }));
        } return n; }"""
    )


def figures_read_as_figures(page) -> None:
    """No cell shows a Python float such as 5592.0, and a percentage carries its sign."""
    cells = page.locator(".report-table td").all_inner_texts()
    assert cells
    assert not [c for c in cells if c.endswith(".0")], cells[:20]


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_activity_report(new_page, lang, width):
    page = open_as_central(new_page, lang, width)
    page.goto("/staff/reports/?library=all")
    assert page.locator("select#period").count() == 1
    assert page.locator("select#year").count() == 1
    figures_read_as_figures(page)
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"report-{lang}-{width}", full_page=True)
    # Another period chosen from the selects, no typed numbers.
    year, month = last_month()
    page.select_option("select#period", f"month-{month}")
    page.select_option("select#year", str(year - 1))
    with page.expect_navigation():
        page.locator("form.no-print button[type=submit]").click()
    assert f"year={year - 1}" in page.url
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_librarys_month_with_its_figures(new_page, lang, width):
    page = open_as_central(new_page, lang, width)
    year, month = last_month()
    page.goto(f"/staff/reports/month/no-6/{year}/{month}")
    assert page.locator(".report-table").count() >= 3
    figures_read_as_figures(page)
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"report-month-{lang}-{width}", full_page=width == "laptop")


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("role", ["central", "coordinator"])
def test_the_dashboard(new_page, lang, width, role):
    accounts = CENTRAL_STAFF if role == "central" else COORDINATORS
    page = open_as_central(new_page, lang, width, accounts)
    response = page.goto("/staff/reports/dashboard")
    assert response.status == 200
    assert page.locator("svg.chart").count() >= 1
    assert smallest_chart_text(page) >= 12
    assert overlapping_legend_items(page) == 0
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"dashboard-{role}-{lang}-{width}", full_page=True)


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_audit_log_in_words(new_page, lang, width):
    page = open_as_central(new_page, lang, width, ADMINS)
    page.goto("/staff/admin/audit")
    entries = page.locator(".audit-entries li")
    assert entries.count() >= 1
    assert "login.success" not in entries.first.inner_text()
    assert page.locator("select#action").count() == 1
    assert page.locator("select#actor").count() == 1
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"audit-{lang}-{width}")
    page.goto("/staff/admin/audit?since=2026-02-30")
    assert page.locator(".invalid-feedback").count() == 1
    assert no_sideways_scroll(page)
