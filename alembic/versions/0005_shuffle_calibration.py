"""choices shuffled per attempt; item calibration

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN: on SQLite a batch copy would drop and recreate the table, and with foreign
    # keys on, dropping it would cascade to its children (every answer).
    op.add_column('attempt', sa.Column('current_order', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
    op.create_table(
        'item_calibration',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run', sa.Integer(), nullable=False),
        sa.Column('content_version', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('difficulty', sa.Float(), nullable=False),
        sa.Column('discrimination', sa.Float(), nullable=False),
        sa.Column('answers', sa.Integer(), nullable=False),
        sa.Column('calibrated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint('answers >= 0', name='ck_item_calibration_answers'),
        sa.CheckConstraint('discrimination > 0', name='ck_item_calibration_discrimination'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('run', 'item_id', name='uq_item_calibration_run_item'),
    )
    op.create_index('ix_item_calibration_version_run', 'item_calibration', ['content_version', 'run'])


def downgrade() -> None:
    op.drop_index('ix_item_calibration_version_run', table_name='item_calibration')
    op.drop_table('item_calibration')
    op.drop_column('attempt', 'current_order')
