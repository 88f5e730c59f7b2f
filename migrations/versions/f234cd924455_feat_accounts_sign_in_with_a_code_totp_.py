"""feat-accounts: sign-in with a code (TOTP) and recovery codes

Revision ID: f234cd924455
Revises: 5151f1a45dea
Create Date: 2026-12-01 10:24:50.394157

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f234cd924455'
down_revision = '5151f1a45dea'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('used_dt', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_recovery_code_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code')),
    sa.UniqueConstraint('user_id', 'code_hash', name=op.f('uq_recovery_code_user_id'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('totp_enabled_dt', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_user_totp_enabled_with_secret'),
            '(totp_secret IS NULL) = (totp_enabled_dt IS NULL)',
        )



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_totp_enabled_with_secret'), type_='check')
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_enabled_dt')
        batch_op.drop_column('totp_secret')

    op.drop_table('recovery_code')
