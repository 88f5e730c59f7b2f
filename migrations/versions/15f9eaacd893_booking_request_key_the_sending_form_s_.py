"""booking.request_key: the sending form's key, unique

Revision ID: 15f9eaacd893
Revises: 7cf8d97e17b4
Create Date: 2026-12-01 21:41:26.005638

NULL for the bookings made before it; UNIQUE holds one booking per sent form, so that a form
sent twice (a double click, a proxy resending it) finds the booking it made.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "15f9eaacd893"
down_revision = "7cf8d97e17b4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_key", sa.String(length=22), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_booking_request_key"), ["request_key"])


def downgrade():
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_booking_request_key"), type_="unique")
        batch_op.drop_column("request_key")
