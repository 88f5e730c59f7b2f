"""«My notifications» and the notices behind the bell, in kk and ru, on a phone and a desktop."""

import pytest
from sqlalchemy import select

from intranet.auth.models import User
from intranet.extensions import db
from intranet.notifications.models import Notice
from tests.browser.helpers import (
    BRANCH_STAFF,
    COORDINATORS,
    axe_violations,
    no_sideways_scroll,
    screenshot,
    sign_in,
)

NOTICES = {
    "kk": [
        "Қайтарылды: «Абай оқулары» поэзия кеші — Залды және қатысушылар санын нақтылаңыз",
        "Бекітілді: Жас оқырмандар клубы",
    ],
    "ru": [
        "Возвращено: Поэтический вечер «Абаевские чтения» — Уточните зал и число участников",
        "Утверждено: Клуб юных читателей",
    ],
}


@pytest.fixture
def branch_notices(live_app):
    """Two notices for each branch librarian, as the workflow writes them."""
    with live_app.app_context():
        ids = []
        for lang, texts in NOTICES.items():
            user = db.session.scalar(select(User).where(User.email == BRANCH_STAFF[lang]))
            # Earlier journeys on the shared live server may have told this librarian things.
            db.session.query(Notice).filter(Notice.user_id == user.id).delete()
            for text in texts:
                notice = Notice(
                    user_id=user.id, kind="events.returned", text=text, link="/staff/events/"
                )
                db.session.add(notice)
                db.session.flush()
                ids.append(notice.id)
        db.session.commit()
    yield ids
    with live_app.app_context():
        db.session.query(Notice).filter(Notice.id.in_(ids)).delete()
        db.session.commit()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_bell_and_the_notices_page(new_page, branch_notices, lang):
    page = new_page(lang, phone=True)
    sign_in(page, BRANCH_STAFF[lang])
    bell = page.locator("a.bell")
    assert bell.is_visible()  # first in the staff row: in view on a phone without scrolling it
    assert "2" in bell.inner_text()
    assert no_sideways_scroll(page)
    bell.click()
    assert page.locator("h1").inner_text() == {"kk": "Хабарламалар", "ru": "Уведомления"}[lang]
    assert page.locator("li.list-group-item").count() == 2
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"notices-{lang}-390", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 800})
    assert no_sideways_scroll(page)
    screenshot(page, f"notices-{lang}-1366", full_page=True)
    page.reload()  # opened once: read now, the bell shows no count
    assert page.locator("a.bell .badge").count() == 0


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_my_notifications_page(new_page, lang):
    page = new_page(lang, phone=True)
    sign_in(page, COORDINATORS[lang])
    page.goto("/staff/account")
    page.locator("a[href='/staff/me/notifications']").first.click()
    title = {"kk": "Хабарлама баптаулары", "ru": "Настройки уведомлений"}[lang]
    assert page.locator("h1").inner_text() == title
    assert page.locator("input[type=checkbox]").count() == 2
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"my-notifications-{lang}-390", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 800})
    assert no_sideways_scroll(page)
    screenshot(page, f"my-notifications-{lang}-1366", full_page=True)
    page.select_option("#digest", "60")
    page.locator("input[type=checkbox]").last.uncheck()
    with page.expect_navigation():
        page.locator("#submit").click()
    assert page.locator(".alert-success").is_visible()
    assert page.locator("#digest").input_value() == "60"
    assert not page.locator("input[type=checkbox]").last.is_checked()
    # Put it back: the live server is shared by the other browser tests.
    page.select_option("#digest", "0")
    page.locator("input[type=checkbox]").last.check()
    with page.expect_navigation():
        page.locator("#submit").click()
