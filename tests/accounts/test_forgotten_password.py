"""Forgot my password: the same answer for every address, a one-hour single-use link from
BASE_URL by real SMTP in the account's language, other sessions ended, audited, limited."""

from datetime import timedelta

from sqlalchemy import select, update

from intranet.audit import AuditLog
from intranet.auth.models import AccountToken
from intranet.extensions import db
from intranet.models import utc_now
from tests.accounts.conftest import BASE_URL, link_in, received
from tests.conftest import CSRF_RE, PASSWORD, csrf_token, english_client, login

NEW = "a brand new passphrase"
ANSWER = "If this address belongs to a staff account"


def ask(client, email: str, **kw):
    page = client.get("/password/forgot?lang=en", **kw).get_data(as_text=True)
    token = CSRF_RE.search(page).group(1)
    return client.post(
        "/password/forgot", data={"email": email, "csrf_token": token}, follow_redirects=True, **kw
    )


def set_new(client, path: str, password: str = NEW):
    # A refused link's page has no form: the session's token is read from another page.
    token = csrf_token(client, "/password/forgot")
    return client.post(path, data={"password": password, "confirm": password, "csrf_token": token})


def test_the_sign_in_page_offers_it(client):
    page = client.get("/login?lang=kk").get_data(as_text=True)
    assert "Құпиясөзді ұмыттыңыз ба?" in page
    assert 'href="/password/forgot?lang=kk"' in page


def test_a_known_and_an_unknown_address_get_the_same_answer(app, make_user, smtp):
    _id, email = make_user("branch_staff", library="no-6")
    known = ask(english_client(app), email)
    unknown = ask(english_client(app), "nobody-here@test.kz")
    assert known.status_code == unknown.status_code == 200
    assert ANSWER in known.get_data(as_text=True)
    assert ANSWER in unknown.get_data(as_text=True)
    mails = received(app, smtp)
    assert [to for to, _s, _b in mails] == [email]


def test_the_link_sets_a_new_password_once_and_ends_other_sessions(app, make_user, smtp):
    _id, email = make_user("central_staff", language="kk")
    elsewhere = app.test_client()
    assert login(elsewhere, email).status_code == 302
    ask(english_client(app), email.upper())
    [(_to, subject, body)] = received(app, smtp)
    assert subject == "Жаңа құпиясөз орнатуға сілтеме"  # the account's language: Kazakh
    assert f"{BASE_URL}/password/reset/" in body
    path = link_in(body)
    with app.app_context():
        stored = db.session.scalar(select(AccountToken.token_hash))
    assert path.split("/")[3].split("?")[0] not in stored  # only a digest is kept

    browser = app.test_client()
    page = browser.get(path)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "Жаңа құпиясөз орнату" in page.get_data(as_text=True)
    response = set_new(browser, path)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/login")

    assert elsewhere.get("/staff/").status_code == 302  # the other session ended
    assert login(app.test_client(), email, PASSWORD).status_code == 200  # the old one fails
    assert login(app.test_client(), email, NEW).status_code == 302
    again = set_new(app.test_client(), path, "yet another passphrase")
    assert again.status_code == 404
    assert "сілтеме жарамсыз" in again.get_data(as_text=True)
    assert login(app.test_client(), email, NEW).status_code == 302  # nothing changed
    with app.app_context():
        actions = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert "password.reset_link" in actions
    assert "password.reset_by_link" in actions


def test_an_expired_altered_or_replaced_link_is_refused_and_changes_nothing(app, make_user, smtp):
    _id, email = make_user("branch_staff", library="no-6")
    ask(english_client(app), email)
    first = link_in(received(app, smtp)[0][2])
    altered = first[:-10] + ("A" if first[-9] != "A" else "B") + first[-9:]
    ask(english_client(app), email)
    second = link_in(received(app, smtp)[1][2])
    browser = english_client(app)
    for path in (first, altered, "/password/reset/short?lang=en"):
        response = set_new(browser, path) if path != first else browser.get(path)
        assert response.status_code == 404, path
        assert "it has expired, has been used, or a newer one was sent" in response.get_data(
            as_text=True
        )
    with app.app_context():
        db.session.execute(
            update(AccountToken).values(
                created_dt=utc_now() - timedelta(hours=2), expires_dt=utc_now() - timedelta(hours=1)
            )
        )
        db.session.commit()
    assert set_new(browser, second).status_code == 404  # an hour passed
    assert login(app.test_client(), email, PASSWORD).status_code == 302


def test_a_forged_host_header_never_reaches_the_link(app, make_user, smtp):
    _id, email = make_user("branch_staff", library="no-6")
    ask(english_client(app), email, headers={"Host": "evil.example.com"})
    ask(english_client(app), email, headers={"X-Forwarded-Host": "evil.example.com"})
    bodies = [body for _to, _s, body in received(app, smtp)]
    assert len(bodies) == 2
    for body in bodies:
        assert "evil" not in body
        assert f"{BASE_URL}/password/reset/" in body


def test_mails_are_limited_per_account_and_asking_per_client(app, make_user, smtp):
    app.config["RATELIMIT_ENABLED"] = True
    _id, email = make_user("branch_staff", library="no-6")
    for n in range(5):  # from five different addresses
        ask(english_client(app), email, environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
    assert len(received(app, smtp)) == 3  # PASSWORD_RESET_LIMIT_PER_ACCOUNT: 3 per hour
    client = english_client(app)
    statuses = [ask(client, f"x{n}@test.kz").status_code for n in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_a_link_opens_only_its_own_account(app, make_user, smtp):
    """Aigul's link sets Aigul's password; Bolat's stays as it was, whoever follows the link."""
    _a, aigul = make_user("branch_staff", library="no-6")
    _b, bolat = make_user("branch_staff", library="no-8")
    ask(english_client(app), aigul)
    [(_to, _subject, body)] = received(app, smtp)
    bolat_client = english_client(app)
    assert login(bolat_client, bolat).status_code == 302
    set_new(bolat_client, link_in(body))  # followed while signed in as someone else
    assert login(english_client(app), aigul, NEW).status_code == 302
    assert login(english_client(app), bolat, NEW).status_code == 200  # refused: unchanged
    assert login(english_client(app), bolat).status_code == 302
