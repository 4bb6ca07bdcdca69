"""the full positioning may pass over the dimensions already assessed

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0005): never a copy of a table that has children.
    op.add_column('attempt', sa.Column('skip_assessed', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('attempt', 'skip_assessed')
