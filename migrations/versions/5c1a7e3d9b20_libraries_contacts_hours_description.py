"""libraries: phone, email, coordinates, opening hours, description, demo flag

Revision ID: 5c1a7e3d9b20
Revises: bf57377467b2
Create Date: 2026-11-30 17:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1a7e3d9b20'
down_revision = 'bf57377467b2'
branch_labels = None
depends_on = None

CHECKS = {
    'coordinates_together': '(latitude IS NULL) = (longitude IS NULL)',
    'latitude_in_region': 'latitude IS NULL OR latitude BETWEEN 43.0 AND 47.5',
    'longitude_in_region': 'longitude IS NULL OR longitude BETWEEN 59.5 AND 68.5',
}
COLUMNS = [
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('opening_hours', sa.JSON(), nullable=True),
    sa.Column('description_kk', sa.Text(), nullable=True),
    sa.Column('description_ru', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('is_demo_contacts', sa.Boolean(), server_default='0', nullable=False),
]

# Only ADD/DROP COLUMN on library, never a batch copy: on SQLite a copy drops the old table, and
# with foreign keys on that DROP cascades to every table that refers to a library. So the CHECKs
# are added on PostgreSQL (production) only; the forms check the same rules on every database.


def upgrade():
    for column in COLUMNS:
        op.add_column('library', column)
    op.execute("UPDATE library SET opening_hours = '{}'")
    if op.get_bind().dialect.name == 'postgresql':
        for name, condition in CHECKS.items():
            op.create_check_constraint(op.f(f'ck_library_{name}'), 'library', condition)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name in CHECKS:
            op.drop_constraint(op.f(f'ck_library_{name}'), 'library', type_='check')
    for column in reversed(COLUMNS):
        op.drop_column('library', column.name)
