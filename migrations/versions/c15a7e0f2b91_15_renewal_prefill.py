"""Renewal starts from the last approved answers: answer.carried_over; evidence.valid_until

Revision ID: c15a7e0f2b91
Revises: 16a1c0de5a7e
Create Date: 2026-11-30 12:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = "c15a7e0f2b91"
down_revision = '16a1c0de5a7e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carried_over", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_until", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("valid_until")
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("carried_over")
