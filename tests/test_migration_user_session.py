"""The sessions revision on a database with accounts and rows that point at them: the account
table is copied on SQLite (its session token column goes) and nothing is lost, both ways."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from intranet.extensions import db
from tests.conftest import make_app
from tests.test_migration_quarter_hours import add_library, empty_url  # noqa: F401

BEFORE = "a3c9e1f07b52"
user = sa.table(
    "user",
    *(sa.column(n) for n in ("id", "email", "full_name", "role", "library_id", "language")),
    *(sa.column(n) for n in ("is_active", "is_demo", "password_hash", "session_token")),
    sa.column("created_dt", sa.DateTime(timezone=True)),
)
recovery_code = sa.table("recovery_code", *(sa.column(n) for n in ("id", "user_id", "code_hash")))


def test_accounts_and_their_rows_survive_up_and_down(empty_url, tmp_path):  # noqa: F811
    app = make_app(empty_url, tmp_path / "instance")
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            add_library(connection)
            connection.execute(
                user.insert().values(
                    id=1, email="a@test.kz", full_name="Айгүл", role="branch_staff",
                    library_id=1, language="kk", is_active=True, is_demo=False,
                    password_hash="x", session_token="old-token",
                    created_dt=sa.func.current_timestamp(),
                )
            )  # fmt: skip
            connection.execute(recovery_code.insert().values(id=1, user_id=1, code_hash="h"))
        upgrade()
        inspector = sa.inspect(db.engine)
        assert "session_token" not in {c["name"] for c in inspector.get_columns("user")}
        assert "user_session" in inspector.get_table_names()
        with db.engine.begin() as connection:
            assert connection.execute(sa.text('SELECT email FROM "user"')).scalar_one() == (
                "a@test.kz"
            )
            assert connection.execute(sa.text("SELECT user_id FROM recovery_code")).scalar() == 1
        downgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            token = connection.execute(sa.text('SELECT session_token FROM "user"')).scalar_one()
            assert token  # a fresh random token: everyone signs in again
            assert token != "old-token"
            assert connection.execute(sa.text("SELECT count(*) FROM recovery_code")).scalar() == 1
        db.session.remove()
        db.engine.dispose()
