"""accommodations: answer times not counted, larger text

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0005): never a copy of a table that has children.
    op.add_column('membership', sa.Column('untimed', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('membership', sa.Column('large_text', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('attempt', sa.Column('timed', sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    op.drop_column('attempt', 'timed')
    op.drop_column('membership', 'large_text')
    op.drop_column('membership', 'untimed')
