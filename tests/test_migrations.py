"""Alembic owns the schema: it must match the models and survive a downgrade."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import api.models  # noqa: F401
from alembic import command
from api.bootstrap import alembic_config
from api.common.text.fulltext import is_database_only
from api.db import make_engine


def _tables(url: str) -> set[str]:
    """The model tables in the database (full-text index tables are counted separately)."""
    engine = make_engine(url)
    try:
        names = set(inspect(engine).get_table_names()) - {"alembic_version"}
        return {name for name in names if not is_database_only(name)}
    finally:
        engine.dispose()


def _full_text_objects(url: str) -> set[str]:
    """FTS5 tables (SQLite) or tsvector columns (PostgreSQL) the migrations made by hand."""
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        tables = {name for name in inspector.get_table_names() if is_database_only(name)}
        columns = {
            f"{table}.{column['name']}"
            for table in ("qa_question", "news_post", "news_translation")
            if inspector.has_table(table)
            for column in inspector.get_columns(table)
            if column["name"] == "search_vector"
        }
        return tables | columns
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "head")
    assert _tables(fresh_database_url) == set(SQLModel.metadata.tables)
    made_by_hand = _full_text_objects(fresh_database_url)
    assert {"qa_question_fts", "qa_question_trgm"} <= made_by_hand or {
        "qa_question.search_vector",
        "news_post.search_vector",
        "news_translation.search_vector",
    } <= made_by_hand
    command.downgrade(config, "base")
    assert _tables(fresh_database_url) == set()
    assert _full_text_objects(fresh_database_url) == set()
    command.upgrade(config, "head")
    assert _tables(fresh_database_url) == set(SQLModel.metadata.tables)
    assert _full_text_objects(fresh_database_url) == made_by_hand


def test_models_and_migrations_do_not_drift(fresh_database_url: str) -> None:
    command.upgrade(alembic_config(fresh_database_url), "head")
    engine = make_engine(fresh_database_url)
    try:
        with engine.connect() as connection:
            # Like alembic/env.py: the full-text objects made by hand are not in the models.
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_object": lambda _o, name, *_: not is_database_only(name),
                },
            )
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == [], "run `alembic revision --autogenerate` and review the result"


def test_there_is_one_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
