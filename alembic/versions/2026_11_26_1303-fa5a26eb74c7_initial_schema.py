"""initial schema

Revision ID: fa5a26eb74c7
Revises:
Create Date: 2026-11-26 13:03:56.647509+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db
from alembic import op

revision: str = "fa5a26eb74c7"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auth_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("failed_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_failure")),
    )
    with op.batch_alter_table("auth_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_failure_failed_at"), ["failed_at"], unique=False)
        batch_op.create_index("ix_auth_failure_ip_failed_at", ["ip", "failed_at"], unique=False)
        batch_op.create_index(
            "ix_auth_failure_username_failed_at", ["username", "failed_at"], unique=False
        )

    op.create_table(
        "org_region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_region")),
        sa.UniqueConstraint("name", name=op.f("uq_org_region_name")),
    )
    op.create_table(
        "org_store",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["org_region.id"], name=op.f("fk_org_store_region_id_org_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_store")),
        sa.UniqueConstraint("code", name=op.f("uq_org_store_code")),
    )
    with op.batch_alter_table("org_store", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_store_region_id"), ["region_id"], unique=False)

    op.create_table(
        "org_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "staff", "store_manager", "hq", "admin", name="role", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column(
            "locale",
            sa.Enum("nl", "en", name="locale", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("expert_categories", sa.JSON(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deactivated_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["org_store.id"], name=op.f("fk_org_user_store_id_org_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_user")),
        sa.UniqueConstraint("username", name=op.f("uq_org_user_username")),
    )
    with op.batch_alter_table("org_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_user_store_id"), ["store_id"], unique=False)

    op.create_table(
        "auth_invite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "staff", "store_manager", "hq", "admin", name="role", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("max_uses", sa.Integer(), nullable=False),
        sa.Column("use_count", sa.Integer(), nullable=False),
        sa.Column("expires_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["org_user.id"], name=op.f("fk_auth_invite_created_by_id_org_user")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["org_store.id"], name=op.f("fk_auth_invite_store_id_org_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_invite")),
        sa.UniqueConstraint("code", name=op.f("uq_auth_invite_code")),
    )
    with op.batch_alter_table("auth_invite", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_invite_store_id"), ["store_id"], unique=False)

    op.create_table(
        "auth_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("user_agent", sa.String(length=200), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["org_user.id"], name=op.f("fk_auth_login_user_id_org_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_login")),
    )
    with op.batch_alter_table("auth_login", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_login_user_id"), ["user_id"], unique=False)

    op.create_table(
        "push_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sa.String(length=2048), nullable=False),
        sa.Column("p256dh", sa.String(length=200), nullable=False),
        sa.Column("auth", sa.String(length=100), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["org_user.id"], name=op.f("fk_push_subscription_user_id_org_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscription")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscription_endpoint")),
    )
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_push_subscription_user_id"), ["user_id"], unique=False)

    op.create_table(
        "auth_refresh_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["login_id"], ["auth_login.id"], name=op.f("fk_auth_refresh_token_login_id_auth_login")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_refresh_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_refresh_token_token_hash")),
    )
    with op.batch_alter_table("auth_refresh_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_auth_refresh_token_login_id"), ["login_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("auth_refresh_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_refresh_token_login_id"))

    op.drop_table("auth_refresh_token")
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_subscription_user_id"))

    op.drop_table("push_subscription")
    with op.batch_alter_table("auth_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_login_user_id"))

    op.drop_table("auth_login")
    with op.batch_alter_table("auth_invite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_invite_store_id"))

    op.drop_table("auth_invite")
    with op.batch_alter_table("org_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_user_store_id"))

    op.drop_table("org_user")
    with op.batch_alter_table("org_store", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_store_region_id"))

    op.drop_table("org_store")
    op.drop_table("org_region")
    with op.batch_alter_table("auth_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_auth_failure_username_failed_at")
        batch_op.drop_index("ix_auth_failure_ip_failed_at")
        batch_op.drop_index(batch_op.f("ix_auth_failure_failed_at"))

    op.drop_table("auth_failure")
