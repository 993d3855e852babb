"""store news

Revision ID: 9e4de3b07b58
Revises: fa5a26eb74c7
Create Date: 2026-11-26 13:53:37.069181+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db  # noqa: F401  (UTCDateTime)
from alembic import op

revision: str = "9e4de3b07b58"
down_revision: str | None = "fa5a26eb74c7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["org_user.id"], name=op.f("fk_audit_entry_actor_id_org_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_created_at"), ["created_at"], unique=False)

    op.create_table(
        "common_idempotency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_common_idempotency_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_common_idempotency")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_common_idempotency_user_id")),
    )
    op.create_table(
        "news_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column(
            "locale",
            sa.Enum("nl", "en", name="locale", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "scheduled", "published", name="poststatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "urgency",
            sa.Enum("urgent", "normal", "low", name="urgency", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("is_must_read", sa.Boolean(), nullable=False),
        sa.Column("is_pinned", sa.Boolean(), nullable=False),
        sa.Column("has_place_filter", sa.Boolean(), nullable=False),
        sa.Column("has_role_filter", sa.Boolean(), nullable=False),
        sa.Column("publish_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("expires_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["org_user.id"], name=op.f("fk_news_post_author_id_org_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_post")),
    )
    with op.batch_alter_table("news_post", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_news_post_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            "ix_news_post_feed", ["status", "is_pinned", "published_at", "id"], unique=False
        )

    op.create_table(
        "news_ack",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("acked_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_ack_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_news_ack_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", "user_id", name=op.f("pk_news_ack")),
    )
    with op.batch_alter_table("news_ack", schema=None) as batch_op:
        batch_op.create_index("ix_news_ack_user_id", ["user_id", "post_id"], unique=False)

    op.create_table(
        "news_audience_region",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_audience_region_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["org_region.id"],
            name=op.f("fk_news_audience_region_region_id_org_region"),
        ),
        sa.PrimaryKeyConstraint("post_id", "region_id", name=op.f("pk_news_audience_region")),
    )
    with op.batch_alter_table("news_audience_region", schema=None) as batch_op:
        batch_op.create_index(
            "ix_news_audience_region_region_id", ["region_id", "post_id"], unique=False
        )

    op.create_table(
        "news_audience_role",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "staff", "store_manager", "hq", "admin", name="role", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_audience_role_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", "role", name=op.f("pk_news_audience_role")),
    )
    op.create_table(
        "news_audience_store",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_audience_store_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["org_store.id"], name=op.f("fk_news_audience_store_store_id_org_store")
        ),
        sa.PrimaryKeyConstraint("post_id", "store_id", name=op.f("pk_news_audience_store")),
    )
    with op.batch_alter_table("news_audience_store", schema=None) as batch_op:
        batch_op.create_index(
            "ix_news_audience_store_store_id", ["store_id", "post_id"], unique=False
        )

    op.create_table(
        "news_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("edited_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["org_user.id"], name=op.f("fk_news_comment_author_id_org_user")
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_comment_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_comment")),
    )
    with op.batch_alter_table("news_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_news_comment_author_id"), ["author_id"], unique=False)
        batch_op.create_index("ix_news_comment_post_id", ["post_id", "id"], unique=False)

    op.create_table(
        "news_reaction",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "like",
                "heart",
                "clap",
                "laugh",
                "wow",
                "thanks",
                name="reactionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_reaction_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_news_reaction_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", "user_id", "kind", name=op.f("pk_news_reaction")),
    )
    op.create_table(
        "news_read",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("read_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_read_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_news_read_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", "user_id", name=op.f("pk_news_read")),
    )
    with op.batch_alter_table("news_read", schema=None) as batch_op:
        batch_op.create_index("ix_news_read_user_id", ["user_id", "post_id"], unique=False)

    op.create_table(
        "news_translation",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column(
            "locale",
            sa.Enum("nl", "en", name="locale", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["news_post.id"],
            name=op.f("fk_news_translation_post_id_news_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", "locale", name=op.f("pk_news_translation")),
    )


def downgrade() -> None:
    op.drop_table("news_translation")
    with op.batch_alter_table("news_read", schema=None) as batch_op:
        batch_op.drop_index("ix_news_read_user_id")

    op.drop_table("news_read")
    op.drop_table("news_reaction")
    with op.batch_alter_table("news_comment", schema=None) as batch_op:
        batch_op.drop_index("ix_news_comment_post_id")
        batch_op.drop_index(batch_op.f("ix_news_comment_author_id"))

    op.drop_table("news_comment")
    with op.batch_alter_table("news_audience_store", schema=None) as batch_op:
        batch_op.drop_index("ix_news_audience_store_store_id")

    op.drop_table("news_audience_store")
    op.drop_table("news_audience_role")
    with op.batch_alter_table("news_audience_region", schema=None) as batch_op:
        batch_op.drop_index("ix_news_audience_region_region_id")

    op.drop_table("news_audience_region")
    with op.batch_alter_table("news_ack", schema=None) as batch_op:
        batch_op.drop_index("ix_news_ack_user_id")

    op.drop_table("news_ack")
    with op.batch_alter_table("news_post", schema=None) as batch_op:
        batch_op.drop_index("ix_news_post_feed")
        batch_op.drop_index(batch_op.f("ix_news_post_author_id"))

    op.drop_table("news_post")
    op.drop_table("common_idempotency")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_created_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_action"))

    op.drop_table("audit_entry")
