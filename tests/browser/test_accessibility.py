"""axe-core on every page that exists, in Kazakh and Russian: no serious or critical issue."""

import pytest

from tests.browser.helpers import ADMINS, axe_violations, html_lang, sign_in

PUBLIC = {"home": "/", "login": "/login", "error-404": "/no-such-page"}
STAFF = {
    "staff-desk": "/staff/",
    "account": "/staff/account",
    "admin-users": "/staff/admin/users",
    "user-form": "/staff/admin/users/new",
    "user-edit": "/staff/admin/users/1",
    "audit-log": "/staff/admin/audit",
    "closed-days": "/staff/admin/closed-days",
}


def _report(found: dict) -> str:
    return "\n".join(
        f"{page}: [{v['impact']}] {v['id']}: {v['help']} at {v['nodes']}"
        for page, violations in found.items()
        for v in violations
    )


# Both languages on a desktop, and Kazakh on a phone too (tables scroll sideways there).
@pytest.mark.parametrize(
    ("lang", "phone"), [("kk", False), ("ru", False), ("kk", True)], ids=["kk", "ru", "kk-phone"]
)
def test_no_serious_violations_on_any_page(new_page, lang, phone):
    page = new_page(lang, phone=phone)
    found = {}
    for name, url in PUBLIC.items():
        page.goto(url)
        assert html_lang(page) == lang
        found[name] = axe_violations(page)
    page.goto("/login")
    page.fill("#email", ADMINS[lang])
    page.fill("#password", "wrong-password")
    with page.expect_navigation():
        page.press("#password", "Enter")
    found["login-error"] = axe_violations(page)
    sign_in(page, ADMINS[lang])
    for name, url in STAFF.items():
        page.goto(url)
        assert html_lang(page) == lang
        found[name] = axe_violations(page)
    # A form showing its errors is a page too.
    page.goto("/staff/admin/users/new")
    page.click("main form[method=post] [type=submit]")
    found["user-form-errors"] = axe_violations(page)
    found = {name: v for name, v in found.items() if v}
    assert not found, "\n" + _report(found)
