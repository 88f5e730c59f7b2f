"""feat-clubs: clubs' meeting pattern, description and contact; coworking centres' description;
which public holiday a closed day is

Revision ID: c1b5a7e2d4f6
Revises: f1db85c1d433
Create Date: 2026-11-30 20:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c1b5a7e2d4f6'
down_revision = 'f1db85c1d433'
branch_labels = None
depends_on = None

CLUB_COLUMNS = [
    sa.Column('meeting_kk', sa.String(length=200), nullable=True),
    sa.Column('meeting_ru', sa.String(length=200), nullable=True),
    sa.Column('meeting_en', sa.String(length=200), nullable=True),
    sa.Column('description_kk', sa.Text(), nullable=True),
    sa.Column('description_ru', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('contact_phone', sa.String(length=30), nullable=True),
    sa.Column('contact_email', sa.String(length=120), nullable=True),
]
CENTRE_COLUMNS = [
    sa.Column('description_kk', sa.Text(), nullable=True),
    sa.Column('description_ru', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
]
CLUB_CHECKS = {
    'names': "name_kk <> '' AND name_ru <> ''",
    'slug': "slug <> ''",
}

# ADD/DROP COLUMN only (no batch copy on SQLite, as in 5c1a7e3d9b20): the CHECKs are added on
# PostgreSQL; the forms check the same rules on every database.


def upgrade():
    for column in CLUB_COLUMNS:
        op.add_column('club', column)
    for column in CENTRE_COLUMNS:
        op.add_column('coworking_centre', column)
    op.add_column('closed_day', sa.Column('holiday', sa.String(length=20), nullable=True))
    if op.get_bind().dialect.name == 'postgresql':
        for name, condition in CLUB_CHECKS.items():
            op.create_check_constraint(op.f(f'ck_club_{name}'), 'club', condition)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name in CLUB_CHECKS:
            op.drop_constraint(op.f(f'ck_club_{name}'), 'club', type_='check')
    op.drop_column('closed_day', 'holiday')
    for column in reversed(CENTRE_COLUMNS):
        op.drop_column('coworking_centre', column.name)
    for column in reversed(CLUB_COLUMNS):
        op.drop_column('club', column.name)
