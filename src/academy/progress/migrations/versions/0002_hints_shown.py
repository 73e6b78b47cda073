"""hints shown per exercise, counted by the checks service

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('exercise_states') as batch_op:
        batch_op.add_column(sa.Column('hints_shown', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('exercise_states') as batch_op:
        batch_op.drop_column('hints_shown')
