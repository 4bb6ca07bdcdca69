"""forgotten passwords, teacher resets, persistent sessions, account activity

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0005): a batch copy of account would cascade its deletion to every child.
    op.add_column('account', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    op.add_column('auth_session', sa.Column('persistent', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('auth_session', sa.Column('device', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False,
                                            server_default=''))
    op.add_column('auth_session', sa.Column('last_used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_table(
        'password_reset',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('used_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_password_reset_account_id'), 'password_reset', ['account_id'], unique=False)
    op.create_index(op.f('ix_password_reset_token_hash'), 'password_reset', ['token_hash'], unique=True)
    op.create_table(
        'account_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('device', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['group_id'], ['class_group.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_account_event_account_at', 'account_event', ['account_id', 'at'], unique=False)
    op.create_index(op.f('ix_account_event_at'), 'account_event', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_account_event_at'), table_name='account_event')
    op.drop_index('ix_account_event_account_at', table_name='account_event')
    op.drop_table('account_event')
    op.drop_index(op.f('ix_password_reset_token_hash'), table_name='password_reset')
    op.drop_index(op.f('ix_password_reset_account_id'), table_name='password_reset')
    op.drop_table('password_reset')
    for column in ('last_used_at', 'device', 'persistent'):
        op.drop_column('auth_session', column)
    op.drop_column('account', 'must_change_password')
