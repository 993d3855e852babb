"""Questions, answers and votes; the notification inbox; full-text search

Full-text objects are created by hand below (autogenerate skips them, see alembic/env.py).
SQLite: a batch-mode ALTER of qa_question, news_post or news_translation rebuilds the table
and drops its triggers; such a migration must create them again (_sqlite_triggers).

Revision ID: 9ea1229426c6
Revises: 9e4de3b07b58
Create Date: 2026-11-26 15:55:50.788596+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate may render sqlmodel types)

import api.db  # noqa: F401  (UTCDateTime)
from alembic import op

revision: str = "9ea1229426c6"
down_revision: str | None = "9e4de3b07b58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column(
            "category",
            sa.Enum("news", "qa", name="category", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "urgency",
            sa.Enum("urgent", "normal", "low", name="urgency", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_notification_item_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_item")),
    )
    with op.batch_alter_table("notification_item", schema=None) as batch_op:
        batch_op.create_index("ix_notification_item_inbox", ["user_id", "id"], unique=False)

    op.create_table(
        "qa_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column(
            "scope",
            sa.Enum("store", "company", name="scope", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("category", sa.String(length=40), nullable=False),
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
            sa.Enum("open", "answered", name="questionstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("accepted_answer_id", sa.Integer(), nullable=True),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("edited_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["org_user.id"], name=op.f("fk_qa_question_author_id_org_user")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["org_store.id"], name=op.f("fk_qa_question_store_id_org_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_question")),
    )
    with op.batch_alter_table("qa_question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_qa_question_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_qa_question_category"), ["category"], unique=False)
        batch_op.create_index("ix_qa_question_status", ["status", "id"], unique=False)
        batch_op.create_index("ix_qa_question_store", ["store_id", "id"], unique=False)

    op.create_table(
        "qa_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("vote_count", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("edited_at", api.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["org_user.id"], name=op.f("fk_qa_answer_author_id_org_user")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["qa_question.id"],
            name=op.f("fk_qa_answer_question_id_qa_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_answer")),
    )
    with op.batch_alter_table("qa_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_qa_answer_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_qa_answer_question_id"), ["question_id"], unique=False)

    op.create_table(
        "qa_vote",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["qa_answer.id"],
            name=op.f("fk_qa_vote_answer_id_qa_answer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["org_user.id"],
            name=op.f("fk_qa_vote_user_id_org_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("answer_id", "user_id", name=op.f("pk_qa_vote")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _create_postgres_search()
    else:
        _create_sqlite_search()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _drop_postgres_search()
    else:
        _drop_sqlite_search()
    op.drop_table("qa_vote")
    with op.batch_alter_table("qa_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_qa_answer_question_id"))
        batch_op.drop_index(batch_op.f("ix_qa_answer_author_id"))

    op.drop_table("qa_answer")
    with op.batch_alter_table("qa_question", schema=None) as batch_op:
        batch_op.drop_index("ix_qa_question_store")
        batch_op.drop_index("ix_qa_question_status")
        batch_op.drop_index(batch_op.f("ix_qa_question_category"))
        batch_op.drop_index(batch_op.f("ix_qa_question_author_id"))

    op.drop_table("qa_question")
    with op.batch_alter_table("notification_item", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_item_inbox")

    op.drop_table("notification_item")


SEARCHABLE = ("qa_question", "news_post", "news_translation")


def _language(locale_column: str) -> str:
    """The text search configuration of a row's language (a constant: allowed in a
    generated column)."""
    return f"CASE WHEN {locale_column} = 'en' THEN 'english'::regconfig ELSE 'dutch'::regconfig END"


def _create_postgres_search() -> None:
    # pg_trgm is a trusted extension: the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in SEARCHABLE:
        language = _language("locale")
        op.execute(
            f"""ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector({language}, coalesce(title, '')), 'A')
                || setweight(to_tsvector({language}, coalesce(body, '')), 'B')
            ) STORED"""
        )
        op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)")
        op.execute(
            f"CREATE INDEX ix_{table}_title_trgm ON {table} USING gin (lower(title) gin_trgm_ops)"
        )


def _drop_postgres_search() -> None:
    for table in SEARCHABLE:
        if table.startswith("qa_"):
            continue  # dropped with its table
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_title_trgm")
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


def _create_sqlite_search() -> None:
    for table in SEARCHABLE:
        op.execute(
            f"""CREATE VIRTUAL TABLE {table}_fts USING fts5(title, body, content='{table}',
                content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"""
        )
        op.execute(
            f"""CREATE VIRTUAL TABLE {table}_trgm USING fts5(title, content='{table}',
                content_rowid='rowid', tokenize='trigram')"""
        )
        _sqlite_triggers(table)
        op.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
        op.execute(f"INSERT INTO {table}_trgm({table}_trgm) VALUES ('rebuild')")


def _sqlite_triggers(table: str) -> None:
    """Keep both FTS5 indexes in step with the table (external content tables)."""
    add = f"""
        INSERT INTO {table}_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        INSERT INTO {table}_trgm(rowid, title) VALUES (new.rowid, new.title);"""
    remove = f"""
        INSERT INTO {table}_fts({table}_fts, rowid, title, body)
            VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO {table}_trgm({table}_trgm, rowid, title) VALUES ('delete', old.rowid, old.title);"""
    op.execute(f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF title, body ON {table}"
        f" BEGIN {remove} {add} END"
    )


def _drop_sqlite_search() -> None:
    for table in SEARCHABLE:
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{trigger}")
        op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        op.execute(f"DROP TABLE IF EXISTS {table}_trgm")
