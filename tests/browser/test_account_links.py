"""In a real browser, kk and ru, phone and laptop: accept an invitation, and set a forgotten
password from the link that arrived at a real SMTP server (aiosmtpd)."""

import os
import re
import signal
import subprocess
import time

import pytest

from intranet.extensions import db
from intranet.notifications.services import deliver_due
from tests.browser.conftest import (
    LiveServer,
    _server_env,
    _wait_for_port,
    _wait_healthy,
    gunicorn_command,
)
from tests.browser.helpers import (
    ADMINS,
    PASSWORD,
    PHONE,
    ROOT,
    axe_violations,
    no_sideways_scroll,
    screenshot,
    sign_in,
)
from tests.notifications.mailserver import MailServer

LAPTOP = {"width": 1366, "height": 768}
LINK_RE = re.compile(
    r"https?://[^/\s]+(/(?:invitation|password/reset)/[A-Za-z0-9_-]{43}\?lang=\w\w)"
)
CHOSEN = "my own browser passphrase"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """This module's own server: reference data and two admins only (the shared one seeds the
    demo and twelve accounts, too slow on a busy machine), under gunicorn with two workers."""
    folder = tmp_path_factory.mktemp("accounts-live")
    env = _server_env(folder)
    log = folder / "gunicorn.log"
    server = LiveServer(url="", env=env, log=log)
    server.cli("db", "upgrade")
    server.cli("seed")
    for lang in ("kk", "ru"):
        server.cli(
            "user", "create", "--password", PASSWORD, "--role", "admin",
            "--email", ADMINS[lang], "--name", f"Browser {lang.upper()}", "--language", lang,
        )  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*gunicorn_command(), "--bind", "127.0.0.1:0", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        url = f"http://127.0.0.1:{_wait_for_port(log, proc, deadline)}"
        _wait_healthy(url, deadline)
        yield LiveServer(url=url, env=env, log=log)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def live_app(live_server):
    """The app in this process on the module's server database: the worker's side."""
    from intranet import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": live_server.env["DATABASE_URL"],
            "SECRET_KEY": live_server.env["SECRET_KEY"],
        }
    )


@pytest.fixture(scope="module")
def smtp():
    server = MailServer()
    server.start()
    yield server
    server.stop()


def mailed_link(live_app, smtp, recipient: str, kind: str) -> str:
    """Run the worker against the real SMTP server; the path of the link mailed to recipient."""
    live_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    try:
        with live_app.app_context():
            deliver_due(worker_id="browser-test")
            db.session.remove()
    finally:
        live_app.config.update(MAIL_SERVER="")
    bodies = [m.get_body().get_content() for m in smtp.messages if m["To"] == recipient]
    links = [m.group(1) for body in bodies for m in LINK_RE.finditer(body)]
    links = [link for link in links if link.startswith(kind)]
    assert links, f"no {kind} link mailed to {recipient}: {bodies}"
    return links[-1]


def look(page, name: str) -> None:
    """The page at phone and laptop width: fits, no serious axe finding, screenshot saved."""
    for label, size in (("390", PHONE), ("1366", LAPTOP)):
        page.set_viewport_size(size)
        assert no_sideways_scroll(page), f"{name} at {label}px scrolls sideways"
        screenshot(page, f"accounts-{name}-{label}", full_page=True)
    assert axe_violations(page) == [], name


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_invited_person_sets_a_password_and_signs_in(new_page, live_app, smtp, lang):
    invited = f"invited-{lang}@browser.test"
    admin = new_page(lang)
    sign_in(admin, ADMINS[lang])
    admin.goto("/staff/admin/users/new")
    admin.fill("#email", invited)
    admin.fill("#full_name", "Айгүл Серикова")
    admin.select_option("#role", "branch_staff")
    admin.select_option("#library", "no-6")
    admin.select_option("#language", lang)
    look(admin, f"new-account-{lang}")
    with admin.expect_navigation():
        admin.click("#submit")
    assert invited in admin.locator(".alert-success").inner_text()

    path = mailed_link(live_app, smtp, invited, "/invitation/")
    assert path.endswith(f"?lang={lang}")
    person = new_page(lang, phone=True)
    person.goto(path)
    assert invited in person.locator("main").inner_text()
    look(person, f"invitation-{lang}")
    person.fill("#password", CHOSEN)
    person.fill("#confirm", CHOSEN)
    with person.expect_navigation():
        person.click("#submit")
    assert "/login" in person.url
    look(person, f"invitation-done-{lang}")
    sign_in(person, invited, CHOSEN)
    person.goto(path)  # the link was used
    assert person.locator("h1").count() == 1
    look(person, f"link-used-{lang}")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_forgotten_password_is_set_again_from_the_mailed_link(new_page, live_app, smtp, lang):
    email = f"invited-{lang}@browser.test"  # the account the test above opened
    page = new_page(lang, phone=True)
    page.goto("/login")
    with page.expect_navigation():
        page.click("a[href^='/password/forgot']")
    look(page, f"forgot-{lang}")
    page.fill("#email", email)
    with page.expect_navigation():
        page.click("#submit")
    look(page, f"forgot-sent-{lang}")
    path = mailed_link(live_app, smtp, email, "/password/reset/")
    page.goto(path)
    look(page, f"reset-{lang}")
    page.fill("#password", "a second browser passphrase")
    page.fill("#confirm", "a second browser passphrase")
    with page.expect_navigation():
        page.click("#submit")
    sign_in(page, email, "a second browser passphrase")
