"""Push delivery state on inbox rows, push attempts, device health

Rows from before this migration count as pushed: nothing is sent for them afterwards.

Revision ID: 61b3c45c54ef
Revises: 5e543e5bd4ed
Create Date: 2026-11-26 17:12:58.949223+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db  # noqa: F401  (UTCDateTime)
from alembic import op

revision: str = "61b3c45c54ef"
down_revision: str | None = "5e543e5bd4ed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "push_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=True),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("attempt_no", sa.Integer(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=60), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("attempted_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_attempt")),
    )
    with op.batch_alter_table("push_attempt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_push_attempt_attempted_at"), ["attempted_at"], unique=False
        )
        batch_op.create_index("ix_push_attempt_user", ["user_id", "attempted_at"], unique=False)

    with op.batch_alter_table("notification_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "delivery",
                sa.Enum(
                    "queued",
                    "held",
                    "inbox_only",
                    "pushed",
                    "summarized",
                    name="delivery",
                    native_enum=False,
                    length=32,
                ),
                nullable=False,
                server_default="pushed",
            )
        )
        batch_op.add_column(
            sa.Column("release_at", api.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("pushed_at", api.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("subject", sa.String(length=60), nullable=True))
        batch_op.add_column(
            sa.Column("needs_ack", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("resolved_at", api.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_notification_item_release", ["delivery", "release_at"], unique=False
        )

    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_attempt_at", api.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("last_outcome", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("failure_count", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.drop_column("failure_count")
        batch_op.drop_column("last_outcome")
        batch_op.drop_column("last_attempt_at")

    with op.batch_alter_table("notification_item", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_item_release")
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("needs_ack")
        batch_op.drop_column("subject")
        batch_op.drop_column("pushed_at")
        batch_op.drop_column("release_at")
        batch_op.drop_column("delivery")

    with op.batch_alter_table("push_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_push_attempt_user")
        batch_op.drop_index(batch_op.f("ix_push_attempt_attempted_at"))

    op.drop_table("push_attempt")
