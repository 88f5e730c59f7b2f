"""coworking_centre.check_in_opens_minutes: the check-in window per centre

Revision ID: 7cf8d97e17b4
Revises: 785b3ce98260
Create Date: 2026-12-01 13:21:00.653362

Every centre keeps the 30 minutes it had as a constant; the CHECK holds 0..120.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7cf8d97e17b4'
down_revision = '785b3ce98260'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('coworking_centre', schema=None) as batch_op:
        batch_op.add_column(sa.Column('check_in_opens_minutes', sa.Integer(), server_default='30', nullable=False))
        batch_op.create_check_constraint(op.f('ck_coworking_centre_check_in_opens'), 'check_in_opens_minutes BETWEEN 0 AND 120')


def downgrade():
    with op.batch_alter_table('coworking_centre', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_coworking_centre_check_in_opens'), type_='check')
        batch_op.drop_column('check_in_opens_minutes')
