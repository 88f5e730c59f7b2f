"""Admin's account requests: slugs become objects, only for the scope the role acts on."""

import pytest

from intranet.admin.seed import DEMO_PASSWORD, DEMO_USERS, seed_demo_users
from intranet.admin.services import resolve_scope
from intranet.auth.models import Role
from intranet.errors import IntranetError


def test_slugs_a_role_does_not_use_are_ignored(app):
    with app.app_context():
        assert resolve_scope("central_staff", "nowhere", ["nowhere"]) == (None, ())
        library, centres = resolve_scope("branch_staff", "no-6", ["cowork-no-8"])
        assert (library.slug, centres) == ("no-6", ())
        library, centres = resolve_scope("coordinator", "no-6", ["cowork-no-8", "cowork-no-6"])
        assert library is None
        assert [c.slug for c in centres] == ["cowork-no-6", "cowork-no-8"]


@pytest.mark.parametrize(
    ("role", "library", "centres", "field"),
    [("branch_staff", "no-99", (), "library"), ("coordinator", None, ("x", "y"), "centres")],
)
def test_an_unknown_slug_is_refused_next_to_its_field(app, role, library, centres, field):
    with app.app_context(), pytest.raises(IntranetError) as refused:
        resolve_scope(role, library, centres)
    assert refused.value.field == field


def test_one_demo_account_per_role_once(app):
    assert {request.role for request in DEMO_USERS} == set(Role)
    assert all(request.password == DEMO_PASSWORD for request in DEMO_USERS)
    with app.app_context():
        assert len(seed_demo_users()) == len(DEMO_USERS)
        assert seed_demo_users() == []
