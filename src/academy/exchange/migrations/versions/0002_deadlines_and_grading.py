"""due dates, late work, extensions and accommodations; grading on submit

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('exchange_submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('late', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('due', sa.DateTime(), nullable=True))
    op.create_table('exchange_policies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course', sa.String(length=255), nullable=False),
    sa.Column('assignment', sa.String(length=255), nullable=False),
    sa.Column('due', sa.DateTime(), nullable=True),
    sa.Column('late_policy', sa.String(length=16), nullable=False),
    sa.Column('late_penalty', sa.Float(), nullable=False),
    sa.Column('grade_on_submit', sa.Boolean(), nullable=False),
    sa.Column('max_submissions', sa.Integer(), nullable=True),
    sa.Column('updated_by', sa.String(length=255), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('course', 'assignment')
    )
    op.create_table('exchange_allowances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course', sa.String(length=255), nullable=False),
    sa.Column('student', sa.String(length=255), nullable=False),
    sa.Column('assignment', sa.String(length=255), nullable=False),
    sa.Column('extra_hours', sa.Float(), nullable=False),
    sa.Column('factor', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('granted_by', sa.String(length=255), nullable=False),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('course', 'student', 'assignment')
    )
    op.create_table('exchange_grading',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('worker', sa.String(length=255), nullable=False),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('max_score', sa.Float(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['exchange_submissions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id')
    )
    op.create_index('ix_exchange_grading_state', 'exchange_grading', ['state'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_exchange_grading_state', table_name='exchange_grading')
    op.drop_table('exchange_grading')
    op.drop_table('exchange_allowances')
    op.drop_table('exchange_policies')
    with op.batch_alter_table('exchange_submissions', schema=None) as batch_op:
        batch_op.drop_column('due')
        batch_op.drop_column('late')
