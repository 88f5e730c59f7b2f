"""outbox_message: a body the worker writes when it sends (template, about)

Revision ID: 3c9e1f7a2b64
Revises: 15f9eaacd893
Create Date: 2026-12-02 05:30:00.000000

A message may be written without its body: the worker renders `template` from what `about`
names ("booking:12") when it first sends it, and stores the body then. A CHECK keeps every
row with a body or with what to write it from.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "3c9e1f7a2b64"
down_revision = "15f9eaacd893"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("about", sa.String(length=60), nullable=True))
        batch_op.alter_column("body_text", existing_type=sa.Text(), nullable=True)
        batch_op.create_check_constraint(
            "body_or_template",
            "body_text IS NOT NULL OR (template IS NOT NULL AND about IS NOT NULL)",
        )


def downgrade():
    # Messages still waiting for their body cannot be kept without one.
    op.execute("DELETE FROM outbox_message WHERE body_text IS NULL")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_outbox_message_body_or_template"), type_="check")
        batch_op.alter_column("body_text", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("about")
        batch_op.drop_column("template")
