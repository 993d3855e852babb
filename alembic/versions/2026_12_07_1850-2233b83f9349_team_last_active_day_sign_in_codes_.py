"""Team: the day someone was last active, one-time sign-in codes, the address in the audit log

Sign-in codes are stored as their SHA-256 only. Existing audit entries keep no address (null).

Revision ID: 2233b83f9349
Revises: 2eced9be662f
Create Date: 2026-12-07 18:50:18.071644+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db  # noqa: F401  (UTCDateTime)
from alembic import op

revision: str = "2233b83f9349"
down_revision: str | None = "2eced9be662f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auth_sign_in_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["org_user.id"],
            name=op.f("fk_auth_sign_in_code_created_by_id_org_user"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["org_user.id"], name=op.f("fk_auth_sign_in_code_user_id_org_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sign_in_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_auth_sign_in_code_code_hash")),
    )
    with op.batch_alter_table("auth_sign_in_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_sign_in_code_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ip", sa.String(length=45), nullable=True))

    with op.batch_alter_table("org_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_active_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("org_user", schema=None) as batch_op:
        batch_op.drop_column("last_active_on")

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("ip")

    with op.batch_alter_table("auth_sign_in_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_sign_in_code_user_id"))

    op.drop_table("auth_sign_in_code")
