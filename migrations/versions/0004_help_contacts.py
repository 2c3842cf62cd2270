"""help contacts per home

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:12:06.666802
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('help_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('child_helpline', 'guardians_office', 'independent_body', 'emergency', 'other', name='contactkind', native_enum=False, length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], name=op.f('fk_help_contact_facility_id_facility'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_help_contact'))
    )
    with op.batch_alter_table('help_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_help_contact_facility_id'), ['facility_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('help_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_help_contact_facility_id'))

    op.drop_table('help_contact')

