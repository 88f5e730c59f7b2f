"""The check-in window revision: existing centres keep 30 minutes, the database refuses a
window outside 0..120, and it goes down again; on SQLite and PostgreSQL."""

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy.exc import IntegrityError

from intranet.extensions import db
from tests.conftest import make_app
from tests.test_migration_quarter_hours import add_library, centre, empty_url  # noqa: F401

BEFORE = "785b3ce98260"


def test_existing_centres_keep_thirty_minutes_and_the_check_holds(empty_url, tmp_path):  # noqa: F811
    app = make_app(empty_url, tmp_path / "instance")
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            add_library(connection)
            connection.execute(
                centre.insert().values(
                    id=1, slug="c", library_id=1, slot_minutes=60, opening_hours={}
                )
            )
        upgrade()
        with db.engine.begin() as connection:
            minutes = connection.execute(
                sa.text("SELECT check_in_opens_minutes FROM coworking_centre")
            )
            assert minutes.scalar_one() == 30
            connection.execute(sa.text("UPDATE coworking_centre SET check_in_opens_minutes = 120"))
        for wrong in (500, -1):
            with pytest.raises(IntegrityError), db.engine.begin() as connection:
                connection.execute(
                    sa.text("UPDATE coworking_centre SET check_in_opens_minutes = :m"), {"m": wrong}
                )
        downgrade(revision=BEFORE)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("coworking_centre")}
        assert "check_in_opens_minutes" not in columns
        with db.engine.begin() as connection:
            assert (
                connection.execute(sa.text("SELECT count(*) FROM coworking_centre")).scalar() == 1
            )
        db.session.remove()
        db.engine.dispose()
