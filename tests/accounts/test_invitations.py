"""Invitations: an admin opens an account without a password; the person gets a 72-hour,
single-use link in their language by real SMTP and chooses a password and a language."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from intranet.auth.models import AccountToken, TokenPurpose, User
from intranet.extensions import db
from intranet.models import utc_now
from tests.accounts.conftest import link_in, received
from tests.conftest import csrf_token, login

CHOSEN = "my own long passphrase"


def invite(client, email: str, language: str = "ru"):
    token = csrf_token(client, "/staff/admin/users/new")
    data = {
        "csrf_token": token,
        "email": email,
        "full_name": "Айгүл Серикова",
        "role": "branch_staff",
        "library": "no-6",
        "language": language,
        "password": "",
    }
    return client.post("/staff/admin/users/new", data=data, follow_redirects=True)


def accept(client, path: str, password: str = CHOSEN, language: str = "kk"):
    token = csrf_token(client, "/password/forgot")
    data = {"csrf_token": token, "password": password, "confirm": password, "language": language}
    return client.post(path, data=data)


def test_an_invited_person_chooses_a_password_and_language_once(app, client, login_as, smtp):
    login_as("admin")
    page = invite(client, "aigul@test.kz").get_data(as_text=True)
    assert "an invitation is on its way" in page
    assert login(app.test_client(), "aigul@test.kz", "").status_code == 200  # no password yet
    [(to, subject, body)] = received(app, smtp)
    assert to == "aigul@test.kz"
    assert subject == "Ваша учётная запись в интранете библиотек"  # in the person's Russian
    path = link_in(body)
    assert path.endswith("?lang=ru")
    assert "72" in body

    person = app.test_client()
    form = person.get(path)
    assert form.status_code == 200
    assert "aigul@test.kz" in form.get_data(as_text=True)
    assert accept(person, path, password="short").status_code == 400
    assert accept(person, path).status_code == 303
    assert login(person, "aigul@test.kz", CHOSEN).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.language).where(User.email == "aigul@test.kz")) == "kk"
    refused = accept(app.test_client(), path, password="someone else's pass")
    assert refused.status_code == 404
    assert login(app.test_client(), "aigul@test.kz", CHOSEN).status_code == 302


def test_sending_again_closes_the_first_link_and_old_links_expire(app, client, login_as, smtp):
    login_as("admin")
    invite(client, "bota@test.kz", language="kk")
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == "bota@test.kz"))
    token = csrf_token(client, f"/staff/admin/users/{user_id}")
    resent = client.post(f"/staff/admin/users/{user_id}/invitation", data={"csrf_token": token})
    assert resent.status_code == 302
    first, second = (link_in(body) for _to, _s, body in received(app, smtp))
    assert first != second
    refused = accept(app.test_client(), first)
    assert refused.status_code == 404
    assert "Шақыру сілтемесі жарамсыз" in refused.get_data(as_text=True)  # Kazakh, from ?lang=kk
    with app.app_context():
        db.session.execute(
            update(AccountToken).values(
                created_dt=utc_now() - timedelta(hours=80),
                expires_dt=utc_now() - timedelta(hours=8),
            )
        )
        db.session.commit()
    assert accept(app.test_client(), second).status_code == 404  # 72 hours passed
    assert login(app.test_client(), "bota@test.kz", CHOSEN).status_code == 200


def test_a_reset_link_does_not_open_an_invitation(app, client, login_as, smtp):
    login_as("admin")
    invite(client, "dana@test.kz")
    path = link_in(received(app, smtp)[0][2])
    assert (
        accept(app.test_client(), path.replace("/invitation/", "/password/reset/")).status_code
        == 404
    )


def test_the_database_keeps_one_open_link_per_account_and_purpose(app, make_user):
    user_id, _email = make_user("branch_staff", library="no-6")
    with app.app_context():
        now = utc_now()
        for n in range(2):
            db.session.add(
                AccountToken(
                    user_id=user_id,
                    purpose=TokenPurpose.INVITE,
                    token_hash=f"{n}" * 64,
                    created_dt=now,
                    expires_dt=now + timedelta(hours=1),
                )
            )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_an_admin_signs_an_account_out_on_every_device(app, client, login_as, make_user):
    login_as("admin")
    user_id, email = make_user("central_staff")
    elsewhere = app.test_client()
    assert login(elsewhere, email).status_code == 302
    token = csrf_token(client, f"/staff/admin/users/{user_id}")
    done = client.post(
        f"/staff/admin/users/{user_id}/sessions/end",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert f"{email} is signed out on every device." in done.get_data(as_text=True)
    assert elsewhere.get("/staff/").status_code == 302
    audit = client.get("/staff/admin/audit").get_data(as_text=True)
    assert "out on every device" in audit
