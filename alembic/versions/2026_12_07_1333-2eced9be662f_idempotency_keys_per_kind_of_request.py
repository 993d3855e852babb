"""Idempotency keys per user and kind of request, with the request's hash

A key used on another endpoint starts afresh (it was a 500), and a replay with another body is
refused. Keys stored before this have no hash ("") and are replayed as before.

Revision ID: 2eced9be662f
Revises: 61b3c45c54ef
Create Date: 2026-12-07 13:33:30.676281+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db  # noqa: F401  (UTCDateTime)
from alembic import op

revision: str = "2eced9be662f"
down_revision: str | None = "61b3c45c54ef"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("common_idempotency", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("request_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.drop_constraint(batch_op.f("uq_common_idempotency_user_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_common_idempotency_user_id"), ["user_id", "resource_type", "key"]
        )


def downgrade() -> None:
    # One key per user again: of keys used for several kinds of request, the oldest stays.
    op.execute(
        "DELETE FROM common_idempotency WHERE id NOT IN "
        "(SELECT MIN(id) FROM common_idempotency GROUP BY user_id, key)"
    )
    with op.batch_alter_table("common_idempotency", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_common_idempotency_user_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_common_idempotency_user_id"), ["user_id", "key"]
        )
        batch_op.drop_column("request_hash")
