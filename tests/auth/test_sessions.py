"""The sessions page: where I am signed in, ending one device or all the others."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.auth.models import User, UserSession
from intranet.auth.services.user_sessions import describe_device, open_session
from intranet.extensions import db
from tests.conftest import PASSWORD, csrf_token, login
from tests.test_request_overhead import session_of, statements_of

PAGE = "/staff/account/sessions"
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
LAPTOP = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)


def device_client(app, user_agent: str):
    """A browser that says what it is in every request, reading English."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    client.get("/?lang=en")
    return client


def signed_in_twice(app, make_user, role="branch_staff", **kw):
    """One account signed in on a laptop and on a phone."""
    kw.setdefault("library", "no-6") if role == "branch_staff" else None
    user_id, email = make_user(role, **kw)
    laptop, phone = device_client(app, LAPTOP), device_client(app, PHONE)
    assert login(laptop, email).status_code == 302
    assert login(phone, email).status_code == 302
    return user_id, email, laptop, phone


def session_ids(app, user_id: int) -> dict[str, int]:
    """The account's session rows by device."""
    with app.app_context():
        rows = db.session.scalars(select(UserSession).where(UserSession.user_id == user_id))
        return {row.device: row.id for row in rows}


@pytest.mark.parametrize(
    ("agent", "device"),
    [
        (PHONE, "Chrome, Android"),
        (LAPTOP, "Edge, Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari, iPhone",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox, Linux",
        ),
        ("curl/8.5.0", ""),
        ("<script>alert(1)</script>", ""),
        (None, ""),
    ],
)
def test_a_device_is_named_by_its_browser_and_system(agent, device):
    assert describe_device(agent) == device


def test_the_page_lists_each_device_and_marks_this_one(app, make_user):
    _, _, laptop, _ = signed_in_twice(app, make_user)
    page = laptop.get(PAGE).get_data(as_text=True)
    assert "Edge, Windows" in page
    assert "Chrome, Android" in page
    this_card = page[page.index("Edge, Windows") : page.index("Edge, Windows") + 400]
    assert "This device" in this_card
    assert page.count("This device") == 1
    assert "Sign out on all other devices" in page
    assert "Where I am signed in" in laptop.get("/staff/account").get_data(as_text=True)


def test_ending_another_device_signs_it_out_and_not_this_one(app, make_user):
    user_id, email, laptop, phone = signed_in_twice(app, make_user)
    phone_id = session_ids(app, user_id)["Chrome, Android"]
    response = laptop.post(f"{PAGE}/{phone_id}/end", data={"csrf_token": csrf_token(laptop, PAGE)})
    assert response.status_code == 302
    assert "That device is signed out." in laptop.get(PAGE).get_data(as_text=True)
    assert phone.get("/staff/").status_code == 302
    assert laptop.get("/staff/").status_code == 200
    assert "Chrome, Android" not in laptop.get(PAGE).get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "session.end"))
    assert entry is not None
    assert entry.actor_email == email
    assert entry.detail == "Chrome, Android"  # which device, for whoever reads the log


def test_ending_all_other_devices_says_how_many(app, make_user):
    user_id, email, laptop, phone = signed_in_twice(app, make_user)
    tablet = device_client(app, "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) Safari/604.1")
    assert login(tablet, email).status_code == 302
    laptop.post(f"{PAGE}/end-others", data={"csrf_token": csrf_token(laptop, PAGE)})
    page = laptop.get(PAGE).get_data(as_text=True)
    assert "2 other devices are signed out." in page
    assert "You are signed in on this device only." in page
    assert phone.get("/staff/").status_code == 302
    assert tablet.get("/staff/").status_code == 302
    assert laptop.get("/staff/").status_code == 200
    assert list(session_ids(app, user_id)) == ["Edge, Windows"]


def test_another_persons_session_cannot_be_ended(app, make_user):
    victim_id, _, _, victim_phone = signed_in_twice(app, make_user)
    _, _, attacker, _ = signed_in_twice(app, make_user, "central_staff")
    target = session_ids(app, victim_id)["Chrome, Android"]
    attacker.post(f"{PAGE}/{target}/end", data={"csrf_token": csrf_token(attacker, PAGE)})
    assert "This session has already ended." in attacker.get(PAGE).get_data(as_text=True)
    assert victim_phone.get("/staff/").status_code == 200
    assert target in session_ids(app, victim_id).values()


def test_without_the_csrf_token_nothing_ends(app, make_user):
    user_id, _, laptop, phone = signed_in_twice(app, make_user)
    laptop.post(f"{PAGE}/end-others", data={})
    laptop.post(f"{PAGE}/{session_ids(app, user_id)['Chrome, Android']}/end", data={})
    assert phone.get("/staff/").status_code == 200
    assert len(session_ids(app, user_id)) == 2


def test_ending_this_very_device_is_signing_out(app, make_user):
    user_id, _, laptop, phone = signed_in_twice(app, make_user)
    mine = session_ids(app, user_id)["Edge, Windows"]
    response = laptop.post(f"{PAGE}/{mine}/end", data={"csrf_token": csrf_token(laptop, PAGE)})
    assert response.headers["Location"] == "/login"
    assert laptop.get("/staff/").status_code == 302
    assert phone.get("/staff/").status_code == 200


def test_signing_out_here_leaves_the_other_devices_signed_in(app, make_user):
    user_id, _, laptop, phone = signed_in_twice(app, make_user)
    stolen = laptop.get_cookie("session").value
    laptop.post("/logout", data={"csrf_token": csrf_token(laptop, "/staff/")})
    assert phone.get("/staff/").status_code == 200
    assert list(session_ids(app, user_id)) == ["Chrome, Android"]
    thief = device_client(app, LAPTOP)
    thief.set_cookie("session", stolen)  # the cookie from before signing out opens nothing
    assert thief.get("/staff/").status_code == 302


@pytest.mark.parametrize(("ticked", "phone_status"), [(True, 302), (False, 200)])
def test_a_password_change_ends_the_other_devices_unless_unticked(
    app, make_user, ticked, phone_status
):
    _, _, laptop, phone = signed_in_twice(app, make_user)
    form = csrf_token(laptop, "/staff/account")
    data = {
        "pw-current_password": PASSWORD,
        "pw-new_password": "a brand new secret",
        "pw-confirm": "a brand new secret",
        "pw-submit": "1",
        "csrf_token": form,
    }
    if ticked:
        data["pw-end_others"] = "y"
    account = laptop.get("/staff/account").get_data(as_text=True)
    checkbox = re.search(r'<input[^>]*name="pw-end_others"[^>]*>', account)
    assert checkbox is not None
    assert " checked" in checkbox.group(0)  # ticked until the person unticks it
    laptop.post("/staff/account", data=data)
    assert laptop.get("/staff/").status_code == 200
    assert phone.get("/staff/").status_code == phone_status


def test_an_admin_sees_how_many_devices_and_ends_them_all(app, make_user):
    user_id, _, _, phone = signed_in_twice(app, make_user)
    admin_id, admin_email = make_user("admin")
    admin = device_client(app, LAPTOP)
    login(admin, admin_email)
    page = admin.get(f"/staff/admin/users/{user_id}").get_data(as_text=True)
    assert "Signed in on 2 devices now." in page
    admin.post(
        f"/staff/admin/users/{user_id}/sessions/end",
        data={"csrf_token": csrf_token(admin, f"/staff/admin/users/{user_id}")},
    )
    assert phone.get("/staff/").status_code == 302
    assert session_ids(app, user_id) == {}
    page = admin.get(f"/staff/admin/users/{user_id}").get_data(as_text=True)
    assert "Not signed in anywhere now." in page


def test_last_seen_is_written_at_most_every_five_minutes(app, make_user):
    user_id, _, laptop, _ = signed_in_twice(app, make_user)
    laptop.get("/staff/")
    with statements_of(app) as sent:
        laptop.get("/staff/")
    assert not [s for s in sent if s.lstrip().upper().startswith("UPDATE")]
    with app.app_context():
        row = db.session.get(UserSession, session_ids(app, user_id)["Edge, Windows"])
        row.last_seen_dt -= timedelta(minutes=6)
        db.session.commit()
        before = row.last_seen_dt
    with statements_of(app) as sent:
        assert laptop.get("/staff/").status_code == 200
    assert len([s for s in sent if s.lstrip().upper().startswith("UPDATE")]) == 1
    with app.app_context():
        row = db.session.get(UserSession, session_ids(app, user_id)["Edge, Windows"])
        assert row.last_seen_dt > before


def test_a_finished_session_is_not_listed_and_goes_at_the_next_sign_in(app, make_user):
    user_id, email, laptop, _ = signed_in_twice(app, make_user)
    with app.app_context():
        old = db.session.get(UserSession, session_ids(app, user_id)["Chrome, Android"])
        old.created_dt -= timedelta(hours=13)
        db.session.commit()
    assert "Chrome, Android" not in laptop.get(PAGE).get_data(as_text=True)
    with app.app_context():
        open_session(db.session.get(User, user_id), LAPTOP)
        db.session.commit()
    assert "Chrome, Android" not in session_ids(app, user_id)


def test_the_cookie_holds_a_random_token_and_the_table_only_its_digest(app, make_user):
    user_id, _, laptop, _ = signed_in_twice(app, make_user)
    token = session_of(app, laptop)["_user_id"]
    assert len(token) >= 43
    assert str(user_id) != token
    with app.app_context():
        digests = set(db.session.scalars(select(UserSession.token_hash)))
    assert token not in digests
    assert len(digests) == 2
