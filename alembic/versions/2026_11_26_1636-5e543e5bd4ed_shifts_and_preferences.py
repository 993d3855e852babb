"""Shifts and notification preferences

shift_entry: planned shifts (UTC), one row per shift; notification_preference: quiet hours,
off-shift hold/deliver and switched-off categories, one row per person who saved any.

Revision ID: 5e543e5bd4ed
Revises: 9ea1229426c6
Create Date: 2026-11-26 16:36:37.989604+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db  # noqa: F401  (UTCDateTime)
from alembic import op

revision: str = "5e543e5bd4ed"
down_revision: str | None = "9ea1229426c6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_preference",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("quiet_start_minute", sa.SmallInteger(), nullable=False),
        sa.Column("quiet_end_minute", sa.SmallInteger(), nullable=False),
        sa.Column(
            "off_shift",
            sa.Enum("hold", "deliver", name="offshift", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("muted_categories", sa.JSON(), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_notification_preference_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_preference")),
    )
    op.create_table(
        "shift_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_shift_entry_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["org_user.id"],
            name=op.f("fk_shift_entry_created_by_id_org_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["org_store.id"],
            name=op.f("fk_shift_entry_store_id_org_store"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_shift_entry_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_entry")),
    )
    with op.batch_alter_table("shift_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_shift_entry_store_starts", ["store_id", "starts_at"], unique=False
        )
        batch_op.create_index("ix_shift_entry_user_starts", ["user_id", "starts_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("shift_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_entry_user_starts")
        batch_op.drop_index("ix_shift_entry_store_starts")

    op.drop_table("shift_entry")
    op.drop_table("notification_preference")
