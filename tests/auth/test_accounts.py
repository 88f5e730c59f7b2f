"""Auth's account contract: the scope comes as objects, the rules name the field they are about."""

import pytest
from sqlalchemy import select

from intranet.auth.models import User
from intranet.auth.services import AccountData, NewAccountData, create_user, update_user
from intranet.coworking.models import CoworkingCentre
from intranet.errors import IntranetError, PermissionDenied
from intranet.extensions import db
from intranet.libraries.models import Library


def _library(slug: str) -> Library:
    return db.session.scalars(select(Library).where(Library.slug == slug)).one()


def _centre(slug: str) -> CoworkingCentre:
    return db.session.scalars(select(CoworkingCentre).where(CoworkingCentre.slug == slug)).one()


def _new(**fields) -> NewAccountData:
    return NewAccountData(email="a@test.kz", password="long enough pw", **fields)


def test_the_scope_follows_the_role(app):
    with app.app_context():
        central = create_user(
            _new(role="central_staff", library=_library("no-6"), centres=(_centre("cowork-no-6"),)),
            actor=None,
        )
        assert central.library is None
        assert central.centres == []
        coordinator = create_user(
            NewAccountData(
                email="c@test.kz",
                password="long enough pw",
                role="coordinator",
                centres=(_centre("cowork-no-8"), _centre("cowork-no-6"), _centre("cowork-no-6")),
            ),
            actor=None,
        )
        assert [c.slug for c in coordinator.centres] == ["cowork-no-6", "cowork-no-8"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"role": "branch_staff"}, "library"),
        ({"role": "coordinator"}, "centres"),
        ({"role": "wizard"}, "role"),
        ({"role": "admin", "language": "de"}, "language"),
        ({"role": "admin", "full_name": "x" * 201}, "full_name"),
    ],
)
def test_each_refusal_names_its_field(app, fields, field):
    with app.app_context(), pytest.raises(IntranetError) as refused:
        create_user(_new(**fields), actor=None)
    assert refused.value.field == field


def test_a_weak_password_and_a_taken_email_are_refused_by_field(app):
    with app.app_context():
        create_user(_new(role="admin"), actor=None)
        with pytest.raises(IntranetError) as taken:
            create_user(_new(role="admin"), actor=None)
        assert taken.value.field == "email"
        with pytest.raises(IntranetError) as weak:
            create_user(
                NewAccountData(email="b@test.kz", password="short", role="admin"), actor=None
            )
        assert weak.value.field == "password"


def test_only_administrators_change_accounts(app):
    with app.app_context():
        central = create_user(_new(role="central_staff"), actor=None)
        with pytest.raises(PermissionDenied):
            update_user(central, AccountData(role="admin"), actor=central)
        assert db.session.get(User, central.id).role == "central_staff"
