"""feat-staff: campaigns can be deactivated; a used campaign cannot be deleted (RESTRICT)

Revision ID: d7e3a9c4b2f1
Revises: c1b5a7e2d4f6
Create Date: 2026-12-01 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7e3a9c4b2f1'
down_revision = 'c1b5a7e2d4f6'
branch_labels = None
depends_on = None

FK = 'fk_event_campaign_id_campaign'
CLAUSE = 'CONSTRAINT {} FOREIGN KEY(campaign_id) REFERENCES campaign (id) ON DELETE {}'


def _sqlite_on_delete(old: str, new: str) -> None:
    """Change the campaign FK's action in SQLite's stored schema, without copying the table.

    A batch copy would DROP the event table, and with foreign keys on that DROP deletes every
    attendance row, transition and notice of every event. The ON DELETE action does not change
    what is stored on disk, so SQLite's documented in-place procedure applies
    (sqlite.org/lang_altertable.html, "other kinds of table schema changes").
    """
    op.execute('PRAGMA writable_schema=ON')
    op.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '{}', '{}') "
        "WHERE type = 'table' AND name = 'event'".format(
            CLAUSE.format(FK, old), CLAUSE.format(FK, new)
        )
    )
    version = op.get_bind().exec_driver_sql('PRAGMA schema_version').scalar()
    op.execute(f'PRAGMA schema_version={version + 1}')
    op.execute('PRAGMA writable_schema=OFF')


def _on_delete(old: str, new: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_on_delete(old, new)
        return
    op.drop_constraint(FK, 'event', type_='foreignkey')
    op.create_foreign_key(FK, 'event', 'campaign', ['campaign_id'], ['id'], ondelete=new)


def upgrade():
    op.add_column(
        'campaign', sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False)
    )
    _on_delete('SET NULL', 'RESTRICT')


def downgrade():
    _on_delete('RESTRICT', 'SET NULL')
    op.drop_column('campaign', 'is_active')
