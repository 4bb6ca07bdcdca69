"""the account's language

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0005): a batch copy of account would cascade its deletion to every child.
    # The check constraint lives in the model; SQLite cannot add one to an existing table.
    op.add_column('account', sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False,
                                       server_default='fr'))
    if op.get_bind().dialect.name != 'sqlite':
        op.create_check_constraint('ck_account_language', 'account', "language IN ('fr', 'en')")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint('ck_account_language', 'account', type_='check')
    op.drop_column('account', 'language')
