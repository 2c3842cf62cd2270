"""settings

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 13:27:14.221334
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('small_number_threshold', sa.Integer(), nullable=False),
    sa.Column('answer_retention_months', sa.Integer(), nullable=False),
    sa.Column('audit_retention_months', sa.Integer(), nullable=False),
    sa.Column('staff_idle_minutes', sa.Integer(), nullable=False),
    sa.Column('staff_absolute_hours', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settings')),
    sa.CheckConstraint('small_number_threshold >= 5', name=op.f('ck_settings_threshold_floor')),
    )
    op.bulk_insert(table, [{
        "id": 1, "small_number_threshold": 5, "answer_retention_months": 24,
        "audit_retention_months": 84, "staff_idle_minutes": 30, "staff_absolute_hours": 8,
    }])


def downgrade() -> None:
    op.drop_table('settings')
