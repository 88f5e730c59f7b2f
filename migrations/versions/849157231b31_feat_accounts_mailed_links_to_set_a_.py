"""feat-accounts: mailed links to set a password (invitations, resets)

Revision ID: 849157231b31
Revises: 4ef0bac41450
Create Date: 2026-12-01 02:19:52.041488

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '849157231b31'
down_revision = '4ef0bac41450'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_dt', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("purpose IN ('invite', 'reset')", name=op.f('ck_account_token_purpose')),
    sa.CheckConstraint('expires_dt > created_dt', name=op.f('ck_account_token_expires_after_created')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_account_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_account_token_token_hash'))
    )
    with op.batch_alter_table('account_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_token_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_account_token_open', ['user_id', 'purpose'], unique=True, sqlite_where=sa.text('used_dt IS NULL'), postgresql_where=sa.text('used_dt IS NULL'))



def downgrade():
    with op.batch_alter_table('account_token', schema=None) as batch_op:
        batch_op.drop_index('uq_account_token_open', sqlite_where=sa.text('used_dt IS NULL'), postgresql_where=sa.text('used_dt IS NULL'))
        batch_op.drop_index(batch_op.f('ix_account_token_user_id'))

    op.drop_table('account_token')
