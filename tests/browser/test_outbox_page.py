"""The admins' outbox page in a browser: readable on a phone and a desktop, in kk and ru."""

from datetime import timedelta

import pytest

from intranet.extensions import db
from intranet.mail import new_message_id
from intranet.models import utc_now
from intranet.notifications.models import OutboxMessage
from tests.browser.helpers import ADMINS, PHONE, axe_violations, screenshot, sign_in


@pytest.fixture
def waiting_mail(live_app):
    """A refused message and one waiting for its third try, as an admin would find them."""
    with live_app.app_context():
        rows = [
            OutboxMessage(
                message_id=new_message_id(),
                kind="coworking.confirmed",
                recipient="aigerim.nurlankyzy.student@university-example.kz",
                language="kk",
                subject="Коворкингтегі брондауыңыз расталды: Орталық кітапхана, 10:00–12:00",
                body_text="…",
                status="failed",
                attempts=1,
                last_error="recipient refused 550",
            ),
            OutboxMessage(
                message_id=new_message_id(),
                kind="coworking.reminder",
                recipient="sergey@example.kz",
                language="ru",
                subject="Напоминание: ваше бронирование в коворкинге",
                body_text="…",
                status="pending",
                attempts=2,
                next_attempt_dt=utc_now() + timedelta(minutes=4),
                last_error="ConnectionRefusedError",
            ),
        ]
        db.session.add_all(rows)
        db.session.commit()
        ids = [row.id for row in rows]
    yield ids
    with live_app.app_context():
        db.session.query(OutboxMessage).filter(OutboxMessage.id.in_(ids)).delete()
        db.session.commit()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_outbox_page_on_a_phone_and_a_desktop(new_page, waiting_mail, lang):
    page = new_page(lang, phone=True)
    sign_in(page, ADMINS[lang])
    page.goto("/staff/admin/outbox")
    heading = {"kk": "Шығыс хаттар", "ru": "Исходящие письма"}[lang]
    assert page.locator("h1").inner_text() == heading
    retry = page.locator("button", has_text={"kk": "Қайта жіберу", "ru": "Отправить ещё раз"}[lang])
    assert retry.count() >= 2
    assert retry.first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    screenshot(page, f"outbox-{lang}-390", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot(page, f"outbox-{lang}-1366", full_page=True)
