"""The annual plan's import and the plan-and-actual page, in kk and ru, on a phone and a laptop."""

from datetime import date

import pytest

from intranet.clock import local_today
from tests.browser.helpers import (
    BRANCH_STAFF,
    axe_violations,
    no_sideways_scroll,
    open_as,
    screenshot,
)
from tests.browser.test_report_screens import last_month
from tests.events.plans import plan_file

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

YEAR = local_today().year + 1
WORDS = {
    "kk": ("Жылдық жұмыс жоспары", "Жоба ретінде қосылған іс-шаралар: 2", "Жоспар және орындалуы"),
    "ru": ("Годовой план работы", "2 черновика мероприятий добавлено", "План и выполнение"),
}


def _plan(lang: str, width: str) -> list[tuple]:
    """Three good rows (two dated, one month only) and one of an unknown type."""
    kinds = {
        "kk": ("Поэзия сағаты", "Кітап көрмесі", "Наурыз"),
        "ru": ("Час поэзии", "Книжная выставка", "март"),
    }[lang]
    tag = f"{lang} {width}"
    return [
        (date(YEAR, 2, 12), "15:00", f"Абай оқулары {tag}", kinds[0], "", "", "", "", "Айгүл"),
        (date(YEAR, 3, 4), "", f"Наурыз кеші {tag}", kinds[1]),
        (kinds[2], "", f"Жыр мүшәйрасы {tag}", kinds[0]),
        (date(YEAR, 5, 5), "", "Би кеші", "Би кеші"),
    ]


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_plan_import_and_plan_and_actual(new_page, tmp_path, lang, width):
    page = open_as(new_page, BRANCH_STAFF[lang], lang, width)
    page.goto("/staff/events/plan")
    assert WORDS[lang][0] in page.locator("h1").inner_text()
    path = tmp_path / "plan.xlsx"
    path.write_bytes(plan_file(_plan(lang, width), lang))
    page.select_option("#year", str(YEAR))
    page.set_input_files("#file", str(path))
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit]").click()
    result = page.locator("#plan-result").locator("..").inner_text()
    assert WORDS[lang][1] in result
    assert "Би кеші" in page.locator("table").inner_text()
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"plan-import-{lang}-{width}", full_page=True)
    page.goto(f"/staff/reports/plan?year={YEAR}")
    assert WORDS[lang][2] in page.locator("h1").inner_text()
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"plan-actual-{lang}-{width}", full_page=True)


@pytest.mark.parametrize("width", ["laptop", "phone"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_weekly_diary_grid(new_page, lang, width):
    page = open_as(new_page, BRANCH_STAFF[lang], lang, width)
    year, month = last_month()
    page.goto(f"/staff/reports/diary/no-6/{year}/{month}?part=weeks")
    words = {"kk": "Апта қорытындысы", "ru": "Итоги недели"}[lang]
    assert words in page.locator(".nav-tabs .active").inner_text()
    assert no_sideways_scroll(page)
    assert not axe_violations(page)
    screenshot(page, f"diary-weeks-{lang}-{width}")
