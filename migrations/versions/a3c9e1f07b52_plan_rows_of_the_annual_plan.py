"""feat-plan: the rows of each library's annual plan, imported from its spreadsheet; a week's
diary entry in one row

Revision ID: a3c9e1f07b52
Revises: f234cd924455
Create Date: 2026-12-01 10:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3c9e1f07b52'
down_revision = 'f234cd924455'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('library_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=12), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('partners', sa.String(length=500), nullable=False),
    sa.Column('responsible', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("audience IN ('children', 'teenagers', 'youth', 'adults', 'seniors', 'everyone')", name=op.f('ck_plan_row_audience')),
    sa.CheckConstraint('month >= 1 AND month <= 12', name=op.f('ck_plan_row_month')),
    sa.CheckConstraint("title <> ''", name=op.f('ck_plan_row_title')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_plan_row_campaign_id_campaign'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_plan_row_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_plan_row_event_id_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['library_id'], ['library.id'], name=op.f('fk_plan_row_library_id_library'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['type_id'], ['event_type.id'], name=op.f('fk_plan_row_type_id_event_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_row')),
    sa.UniqueConstraint('library_id', 'year', 'fingerprint', name='uq_plan_row_fingerprint')
    )
    with op.batch_alter_table('plan_row', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_row_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('diary_day', schema=None) as batch_op:
        batch_op.add_column(sa.Column('period', sa.String(length=4), server_default='day', nullable=False))
        batch_op.add_column(sa.Column('days_open', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_check_constraint(batch_op.f('ck_diary_day_period'), "period IN ('day', 'week')")
        batch_op.create_check_constraint(
            batch_op.f('ck_diary_day_days_open'),
            "days_open >= 0 AND days_open <= 7 AND (period = 'week' OR days_open = 1)"
            " AND (visits = 0 OR days_open >= 1)",
        )


def downgrade():
    with op.batch_alter_table('diary_day', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_diary_day_days_open'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_diary_day_period'), type_='check')
        batch_op.drop_column('days_open')
        batch_op.drop_column('period')

    with op.batch_alter_table('plan_row', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_row_event_id'))

    op.drop_table('plan_row')
