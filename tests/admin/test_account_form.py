"""The account form starts at the least privileged role; the scope field follows the role."""

import re

from sqlalchemy import select

from intranet.auth.models import User
from intranet.extensions import db
from tests.conftest import csrf_token


def test_a_new_account_starts_as_branch_staff_never_administrator(client, login_as):
    login_as("admin")
    page = client.get("/staff/admin/users/new").get_data(as_text=True)
    role = re.search(r'<select[^>]*name="role".*?</select>', page, re.S).group(0)
    values = re.findall(r'value="([^"]*)"', role)
    assert values == ["branch_staff", "coordinator", "central_staff", "admin"]
    assert 'selected value="admin"' not in role
    assert '<div data-for-role="branch_staff">' in page
    assert '<div data-for-role="coordinator">' in page


def test_the_server_ignores_the_scope_another_role_would_use(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, "/staff/admin/users/new")
    data = {
        "csrf_token": token,
        "email": "central.person@test.kz",
        "full_name": "Central Person",
        "role": "central_staff",
        "library": "no-12",
        "centres": ["cowork-central"],
        "language": "kk",
        "password": "first password",
    }
    assert client.post("/staff/admin/users/new", data=data).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "central.person@test.kz"))
        assert user.library is None
        assert user.centres == []


def test_branch_staff_without_a_library_is_refused(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, "/staff/admin/users/new")
    data = {
        "csrf_token": token,
        "email": "no.library@test.kz",
        "full_name": "No Library",
        "role": "branch_staff",
        "library": "",
        "language": "kk",
        "password": "first password",
    }
    response = client.post("/staff/admin/users/new", data=data)
    assert response.status_code in (200, 400)
    assert "Branch staff must belong to a library." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "no.library@test.kz")) is None
