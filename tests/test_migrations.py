"""Alembic owns the schema: it must match the models and survive a downgrade."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import api.models  # noqa: F401
from alembic import command
from api.bootstrap import alembic_config
from api.db import make_engine


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "head")
    assert _tables(fresh_database_url) == set(SQLModel.metadata.tables)
    command.downgrade(config, "base")
    assert _tables(fresh_database_url) == set()
    command.upgrade(config, "head")
    assert _tables(fresh_database_url) == set(SQLModel.metadata.tables)


def test_models_and_migrations_do_not_drift(fresh_database_url: str) -> None:
    command.upgrade(alembic_config(fresh_database_url), "head")
    engine = make_engine(fresh_database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == [], "run `alembic revision --autogenerate` and review the result"


def test_there_is_one_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
