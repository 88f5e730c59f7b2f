"""`flask user create`: clear messages, non-zero exit and nothing written on bad input."""

import pytest
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.extensions import db


def user_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_create_branch_staff(app, runner):
    result = runner.invoke(
        args=[
            "user",
            "create",
            "--email",
            "Staff@No6.kz",
            "--password",
            "long enough",
            "--role",
            "branch_staff",
            "--library",
            "no-6",
            "--name",
            "Айгүл",
            "--language",
            "ru",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "staff@no6.kz"))
        assert user.library.slug == "no-6"
        assert user.language == "ru"
        assert user.full_name == "Айгүл"


def test_create_coordinator_with_two_centres(app, runner):
    result = runner.invoke(
        args=[
            "user",
            "create",
            "--email",
            "c@test.kz",
            "--password",
            "long enough",
            "--role",
            "coordinator",
            "--centre",
            "cowork-no-8",
            "--centre",
            "cowork-no-9",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "c@test.kz"))
        assert [c.slug for c in user.centres] == ["cowork-no-8", "cowork-no-9"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--role", "wizard"], "Invalid value for '--role'"),
        (["--role", "branch_staff", "--library", "no-99"], "no-99"),
        (["--role", "branch_staff"], "library"),
        (["--role", "coordinator", "--centre", "cowork-nowhere"], "cowork-nowhere"),
        (["--role", "admin", "--language", "de"], "Invalid value for '--language'"),
    ],
)
def test_bad_input_writes_nothing(app, runner, extra, message):
    result = runner.invoke(
        args=["user", "create", "--email", "x@test.kz", "--password", "long enough", *extra]
    )
    assert result.exit_code != 0
    assert message in result.output
    assert user_count(app) == 0


def test_short_password_and_duplicate(app, runner):
    args = ["user", "create", "--email", "d@test.kz", "--role", "admin", "--password"]
    assert runner.invoke(args=[*args, "short"]).exit_code != 0
    assert runner.invoke(args=[*args, "long enough"]).exit_code == 0
    duplicate = runner.invoke(args=[*args, "long enough"])
    assert duplicate.exit_code != 0
    assert user_count(app) == 1
