"""Admin pages: who may open them, and what each change does (with its audit entry)."""

import re

import pytest
from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.extensions import db
from tests.conftest import csrf_token, english_client, login

ADMIN_GETS = [
    "/staff/admin/users",
    "/staff/admin/users/new",
    "/staff/admin/audit",
    "/staff/admin/users/{id}",
]
ADMIN_POSTS = [
    "/staff/admin/users/new",
    "/staff/admin/users/{id}",
    "/staff/admin/users/{id}/active",
    "/staff/admin/users/{id}/password",
]
# Central staff invite branch staff: they open the list and the form (tests/accounts).
CENTRAL_INVITES = {"/staff/admin/users", "/staff/admin/users/new"}
ROLES = {
    "anonymous": None,
    "branch_staff": {"library": "no-6"},
    "coordinator": {"centres": ["cowork-central"]},
    "central_staff": {},
    "admin": {},
}


@pytest.fixture(autouse=True)
def english(client):
    client.get("/?lang=en")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ADMIN_GETS)
def test_admin_get_matrix(client, make_user, login_as, role, path):
    target_id, _ = make_user("central_staff")
    if ROLES[role] is not None:
        login_as(role, **ROLES[role])
    response = client.get(path.format(id=target_id))
    expected = {"anonymous": 302, "admin": 200}.get(role, 403)
    if role == "central_staff" and path in CENTRAL_INVITES:
        expected = 200
    assert response.status_code == expected
    if role == "anonymous":
        assert "/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
@pytest.mark.parametrize("path", ADMIN_POSTS)
def test_admin_post_matrix_refuses_others(app, client, make_user, login_as, role, path):
    target_id, target_email = make_user("central_staff")
    if ROLES[role] is not None:
        login_as(role, **ROLES[role])
    token = csrf_token(client)
    data = {
        "csrf_token": token,
        "role": "admin",
        "full_name": "Hacked",
        "email": "h@test.kz",
        "password": "long enough pw",
        "new_password": "long enough pw",
        "active": "0",
        "language": "kk",
    }
    response = client.post(path.format(id=target_id), data=data)
    inviting = role == "central_staff" and path in CENTRAL_INVITES
    # An inviter's form refuses the admin role as a choice that is not offered.
    assert response.status_code == (302 if role == "anonymous" else 200 if inviting else 403)
    with app.app_context():
        target = db.session.get(User, target_id)
        assert target.role == "central_staff"
        assert target.is_active
        assert target.full_name == ""
        assert db.session.scalar(select(User).where(User.email == "h@test.kz")) is None
        if role != "anonymous" and not inviting:
            denied = db.session.scalars(select(AuditLog).where(AuditLog.action == "access.denied"))
            assert denied.first() is not None


def test_admin_creates_branch_staff(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, "/staff/admin/users/new")
    response = client.post(
        "/staff/admin/users/new",
        data={
            "csrf_token": token,
            "email": "New.Person@Test.kz",
            "full_name": "Жанар Әлиева",
            "role": "branch_staff",
            "library": "no-12",
            "language": "ru",
            "password": "first password",
        },
    )
    assert response.status_code == 302
    page = client.get("/staff/admin/users").get_data(as_text=True)
    assert "new.person@test.kz" in page
    assert "Жанар Әлиева" in page
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new.person@test.kz"))
        assert user.library.slug == "no-12"
        assert user.language == "ru"
        entry = db.session.scalar(
            select(AuditLog).where(AuditLog.action == "user.create", AuditLog.target == user.email)
        )
        assert entry.actor.role == "admin"
        assert "no-12" in entry.detail
    assert login(app.test_client(), "new.person@test.kz", "first password").status_code == 302


def _new_account(client, **changes) -> dict:
    """The new-account form as an admin fills it in (a central staff member), with `changes`."""
    return {
        "csrf_token": csrf_token(client, "/staff/admin/users/new"),
        "email": "someone@test.kz",
        "full_name": "Someone",
        "role": "central_staff",
        "language": "kk",
        "password": "long enough pw",
        **changes,
    }


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"role": "branch_staff", "library": ""}, "Branch staff must belong to a library."),
        ({"role": "coordinator"}, "A coordinator must have at least one coworking centre."),
        ({"password": "short"}, "at least 8 characters"),
        ({"email": "dup@test.kz"}, "An account with this email already exists."),
        ({"full_name": "x" * 300}, "At most 200 characters."),
        ({"full_name": "bad\x00name"}, "characters that are not allowed"),
        ({"role": "superuser"}, "Not a valid choice"),
    ],
)
def test_create_user_bad_input(app, client, make_user, login_as, data, error):
    make_user("central_staff", email="dup@test.kz")
    login_as("admin")
    response = client.post("/staff/admin/users/new", data=_new_account(client, **data))
    assert response.status_code == 200
    assert error in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "someone@test.kz")) is None


def test_role_change_is_audited_and_ends_sessions(app, client, make_user, login_as):
    target_id, target_email = make_user("branch_staff", library="no-6")
    target_client = app.test_client()
    login(target_client, target_email)
    login_as("admin")
    token = csrf_token(client, f"/staff/admin/users/{target_id}")
    response = client.post(
        f"/staff/admin/users/{target_id}",
        data={
            "csrf_token": token,
            "full_name": "Moved",
            "role": "coordinator",
            "centres": ["cowork-no-6", "cowork-no-8"],
            "language": "kk",
        },
    )
    assert response.status_code == 302
    assert target_client.get("/staff/").status_code == 302
    with app.app_context():
        user = db.session.get(User, target_id)
        assert [c.slug for c in user.centres] == ["cowork-no-6", "cowork-no-8"]
        assert user.library is None
        entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "user.role_change"))
        assert "branch_staff" in entry.detail
        assert "coordinator" in entry.detail


def test_deactivate_and_reset_password(app, client, make_user, login_as):
    target_id, target_email = make_user("central_staff")
    target_client = app.test_client()
    login(target_client, target_email)
    login_as("admin")
    token = csrf_token(client, f"/staff/admin/users/{target_id}")
    client.post(f"/staff/admin/users/{target_id}/active", data={"csrf_token": token, "active": "0"})
    assert target_client.get("/staff/").status_code == 302
    assert "Wrong email or password." in login(english_client(app), target_email).get_data(
        as_text=True
    )
    client.post(f"/staff/admin/users/{target_id}/active", data={"csrf_token": token, "active": "1"})
    client.post(
        f"/staff/admin/users/{target_id}/password",
        data={"csrf_token": token, "new_password": "a fresh password"},
    )
    assert login(app.test_client(), target_email, "a fresh password").status_code == 302
    audit = client.get("/staff/admin/audit").get_data(as_text=True)
    for sentence in ("deactivated the account", "reactivated the account", "set a new password"):
        assert sentence in audit
    assert "<code>user." not in audit  # the action is said, not shown as its code


def test_admin_cannot_lock_themselves_out(app, client, login_as):
    admin_id, _ = login_as("admin")
    token = csrf_token(client, f"/staff/admin/users/{admin_id}")
    client.post(f"/staff/admin/users/{admin_id}/active", data={"csrf_token": token, "active": "0"})
    response = client.post(
        f"/staff/admin/users/{admin_id}",
        data={"csrf_token": token, "full_name": "Me", "role": "central_staff", "language": "kk"},
    )
    assert "You cannot remove your own administrator role." in response.get_data(as_text=True)
    with app.app_context():
        me = db.session.get(User, admin_id)
        assert me.is_active
        assert me.role == "admin"


def test_unknown_user_is_404(client, login_as):
    login_as("admin")
    assert client.get("/staff/admin/users/999999").status_code == 404


def test_audit_filters(client, make_user, login_as):
    _, email = make_user("central_staff")
    login(client, email, "wrong password")
    login_as("admin")
    page = client.get("/staff/admin/audit?outcome=failed").get_data(as_text=True)
    assert re.search(r"A sign-in as <a href=\"/staff/admin/users/\d+\">[^<]+</a> failed", page)
    assert "signed in" not in page
    assert client.get("/staff/admin/audit?page=abc&outcome=nonsense").status_code == 400


@pytest.mark.parametrize("page", ["99999999999999999999", "-1", "0", "1.5", "١"])
def test_audit_page_number_out_of_range_is_page_one(client, login_as, page):
    login_as("admin")
    assert client.get(f"/staff/admin/audit?page={page}").status_code == 200


def test_wtforms_own_messages_speak_each_readers_language_in_turn(app, client, login_as):
    # WTForms' catalog is kept by the worker per language (intranet.i18n.AppRequest): one
    # worker answers a Kazakh reader, then a Russian one, then the Kazakh one again.
    login_as("admin")
    said = {}
    for language in ("kk", "ru", "kk"):
        client.get(f"/?lang={language}")
        form = _new_account(client, role="superuser")
        page = client.post("/staff/admin/users/new", data=form).get_data(as_text=True)
        said.setdefault(language, []).append(page)
    assert all("Жарамды таңдау емес." in page for page in said["kk"])
    assert "Неверный вариант." in said["ru"][0]
    assert "Жарамды таңдау емес." not in said["ru"][0]
