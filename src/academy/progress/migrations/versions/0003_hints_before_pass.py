"""hints a learner had seen before they first passed an exercise

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('exercise_states') as batch_op:
        batch_op.add_column(sa.Column('hints_before_pass', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('exercise_states') as batch_op:
        batch_op.drop_column('hints_before_pass')
