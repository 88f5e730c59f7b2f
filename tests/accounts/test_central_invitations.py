"""Central staff open branch accounts by invitation, and only those; the rule lives on User."""

import pytest
from sqlalchemy import select

from intranet.accounts.services import send_invitation
from intranet.admin.services import NewAccountRequest, create_account
from intranet.auth.models import Role, User
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from tests.accounts.conftest import link_in, received
from tests.conftest import csrf_token


def new_account(client, role: str, **extra):
    data = {
        "csrf_token": csrf_token(client, "/staff/admin/users/new"),
        "email": f"new-{role}@test.kz",
        "full_name": "Әсел Нұрланқызы",
        "role": role,
        "library": "no-6",
        "language": "kk",
        **extra,
    }
    return client.post("/staff/admin/users/new", data=data, follow_redirects=True)


def test_who_may_invite_which_role(app, make_user):
    with app.app_context():
        users = {role: User(role=role) for role in Role}
        assert all(users[Role.ADMIN].can_invite(role) for role in Role)
        central = users[Role.CENTRAL_STAFF]
        assert [role for role in Role if central.can_invite(role)] == [Role.BRANCH_STAFF]
        for role in (Role.BRANCH_STAFF, Role.COORDINATOR):
            assert not users[role].can_invite_staff()


def test_central_staff_invite_a_branch_account_by_mail(app, client, login_as, smtp):
    login_as("central_staff")
    form = client.get("/staff/admin/users/new").get_data(as_text=True)
    assert 'value="branch_staff"' in form
    assert 'value="admin"' not in form
    assert 'value="central_staff"' not in form
    assert 'name="password"' not in form  # the person chooses it from the invitation
    page = new_account(client, "branch_staff").get_data(as_text=True)
    assert "an invitation is on its way" in page
    assert "Invited, no password yet" in page  # the list central staff see
    [(to, _subject, body)] = received(app, smtp)
    assert to == "new-branch_staff@test.kz"
    assert link_in(body).endswith("?lang=kk")

    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == to))
    again = client.post(
        f"/staff/admin/users/{user_id}/invitation",
        data={"csrf_token": csrf_token(client, "/staff/admin/users")},
        follow_redirects=True,
    )
    assert "A new invitation is on its way" in again.get_data(as_text=True)
    assert len(received(app, smtp)) == 2


@pytest.mark.parametrize("role", ["admin", "central_staff", "coordinator"])
def test_central_staff_cannot_open_wider_accounts(app, client, login_as, role):
    login_as("central_staff")
    page = new_account(client, role, centres="cowork-no-6")
    assert page.status_code == 200
    assert "You can create accounts of branch staff only" in page.get_data(as_text=True) or (
        "Not a valid choice" in page.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == f"new-{role}@test.kz")) is None


def test_the_service_refuses_central_staff_wider_roles_and_typed_passwords(app, make_user):
    central_id, _ = make_user("central_staff")
    admin_id, _ = make_user("admin")
    with app.app_context():
        central = db.session.get(User, central_id)
        wider = NewAccountRequest(email="x@test.kz", password=None, role="admin")
        with pytest.raises(PermissionDenied):
            create_account(wider, actor=central)
        typed = NewAccountRequest(
            email="y@test.kz", password="long enough pw", role="branch_staff", library="no-6"
        )
        with pytest.raises(IntranetError) as refused:
            create_account(typed, actor=central)
        assert refused.value.field == "password"
        with pytest.raises(PermissionDenied):
            send_invitation(db.session.get(User, admin_id), actor=central)
        db.session.rollback()


def test_central_staff_list_only_branch_accounts(app, client, login_as, make_user):
    make_user("coordinator", email="coord@test.kz", centres=["cowork-no-6"])
    make_user("branch_staff", email="branch@test.kz", library="no-6")
    login_as("central_staff")
    page = client.get("/staff/admin/users").get_data(as_text=True)
    assert "branch@test.kz" in page
    assert "coord@test.kz" not in page
    assert 'href="/staff/admin/users/' not in page.replace("/staff/admin/users/new", "")  # no edits
    assert client.get("/staff/admin/users?role=admin").status_code == 200
