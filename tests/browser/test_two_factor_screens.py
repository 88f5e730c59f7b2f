"""In a real browser, kk and ru, 390 and 1366 px: set up sign-in with a code on the Security page
(the code computed here by pyotp, as the phone's app would), sign out, sign in with both steps."""

import time

import pyotp
import pytest

from tests.browser.helpers import ADMINS, PASSWORD
from tests.browser.test_account_links import live_server, look  # noqa: F401 - its light server


def submit(page, selector: str = "#submit") -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_enrol_sign_out_and_sign_in_with_a_code(new_page, lang):
    page = new_page(lang, phone=True)
    page.goto("/login")
    page.fill("#email", ADMINS[lang])
    page.fill("#password", PASSWORD)
    submit(page)
    page.goto("/staff/security")
    look(page, f"security-enrol-{lang}")
    assert page.locator("figure.qr-code svg").count() == 1  # drawn on the server
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    submit(page)
    assert page.locator("#recovery-codes li").count() == 10
    look(page, f"security-recovery-codes-{lang}")
    submit(page, "main a.btn-primary")

    with page.expect_navigation():  # sign out (the menu's form; folded away on a phone)
        page.locator("form[action='/logout']").evaluate("form => form.submit()")
    page.goto("/login")
    page.fill("#email", ADMINS[lang])
    page.fill("#password", PASSWORD)
    submit(page)
    assert page.url.endswith("/login/code")
    look(page, f"sign-in-code-{lang}")
    page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))  # the enrolment's step is used
    submit(page)
    assert page.url.endswith("/staff/")
    page.goto("/staff/security")
    look(page, f"security-on-{lang}")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_central_staff_invite_a_branch_account(new_page, live_server, lang):  # noqa: F811
    central = f"central-invites-{lang}@browser.test"
    live_server.cli(
        "user", "create", "--password", PASSWORD, "--role", "central_staff",
        "--email", central, "--name", f"Central {lang.upper()}", "--language", lang,
    )  # fmt: skip
    page = new_page(lang)
    page.goto("/login")
    page.fill("#email", central)
    page.fill("#password", PASSWORD)
    submit(page)
    page.goto("/staff/admin/users/new")
    assert page.locator("#role option").count() == 1  # branch staff only
    assert page.locator("#password").count() == 0  # the person chooses it from the invitation
    page.fill("#email", f"branch-invited-{lang}@browser.test")
    page.fill("#full_name", "Әсел Нұрланқызы")
    page.select_option("#library", "no-6")
    page.select_option("#language", lang)
    submit(page)
    assert page.url.endswith("/staff/admin/users")
    look(page, f"central-invites-{lang}")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_end_a_forgotten_session_from_another_device(new_page, live_server, lang):  # noqa: F811
    person = f"two-devices-{lang}@browser.test"
    live_server.cli(
        "user", "create", "--password", PASSWORD, "--role", "central_staff",
        "--email", person, "--name", f"Devices {lang.upper()}", "--language", lang,
    )  # fmt: skip
    phone, laptop = new_page(lang, phone=True), new_page(lang)
    for page in (phone, laptop):
        page.goto("/login")
        page.fill("#email", person)
        page.fill("#password", PASSWORD)
        submit(page)
    laptop.goto("/staff/account")
    assert laptop.locator("#pw-end_others").is_checked()  # a new password signs the rest out
    look(laptop, f"account-{lang}")
    laptop.click("main a[href='/staff/account/sessions']")
    cards = laptop.locator("main li.card")
    assert cards.count() == 2
    assert cards.filter(has=laptop.locator(".badge")).count() == 1  # this device, marked
    look(laptop, f"sessions-{lang}")
    submit(laptop, "main li.card form[action$='/end'] button")  # the phone's, not this one
    assert laptop.locator("main li.card").count() == 1
    look(laptop, f"sessions-ended-{lang}")
    phone.goto("/staff/")
    assert "/login" in phone.url  # the phone must sign in again
    laptop.goto("/staff/")
    assert "/login" not in laptop.url
