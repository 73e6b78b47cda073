"""the exchange: releases, every submission version, feedback per submission

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exchange_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course', sa.String(length=255), nullable=False),
    sa.Column('assignment', sa.String(length=255), nullable=False),
    sa.Column('blob', sa.String(length=64), nullable=False),
    sa.Column('notebooks', sa.Text(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('course', 'assignment')
    )
    op.create_table('exchange_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course', sa.String(length=255), nullable=False),
    sa.Column('assignment', sa.String(length=255), nullable=False),
    sa.Column('student', sa.String(length=255), nullable=False),
    sa.Column('timestamp', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('blob', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('notebooks', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_exchange_submissions_course_assignment_student', 'exchange_submissions',
                    ['course', 'assignment', 'student'], unique=False)
    op.create_table('exchange_feedback',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('blob', sa.String(length=64), nullable=False),
    sa.Column('checksums', sa.Text(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['exchange_submissions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id')
    )


def downgrade() -> None:
    op.drop_table('exchange_feedback')
    op.drop_index('ix_exchange_submissions_course_assignment_student', table_name='exchange_submissions')
    op.drop_table('exchange_submissions')
    op.drop_table('exchange_releases')
