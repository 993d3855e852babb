"""The database engine (SQLite embedded, PostgreSQL in production) and the request session."""

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import DateTime, Engine, event, inspect, make_url
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from api.config import get_settings

# Stable constraint names on SQLite and PostgreSQL, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on both databases (SQLite forgets the offset on its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# How a SQLite transaction begins, per connection (execution option "sqlite_begin"). IMMEDIATE
# takes the write lock up front, waiting up to the busy timeout for it. A DEFERRED transaction
# that reads first and writes later fails at once with "database is locked" when another writer
# committed in between (WAL cannot upgrade an outdated snapshot, and no busy timeout helps), so
# writing transactions begin IMMEDIATE; only reading ones (GET requests, live updates) DEFERRED.
BEGIN_IMMEDIATE, BEGIN_DEFERRED = "IMMEDIATE", "DEFERRED"
BUSY_TIMEOUT_MS = 10_000


def for_reading(engine: Engine) -> Engine:
    """The same engine and pool, whose SQLite transactions do not take the write lock."""
    return engine.execution_options(sqlite_begin=BEGIN_DEFERRED)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL, a busy timeout, and real transactions (so SAVEPOINT works).

    pysqlite starts transactions lazily and ignores BEGIN for SAVEPOINT; the recipe from the
    SQLAlchemy docs ("Serializable isolation / Savepoints") hands transaction control back to
    SQLAlchemy, which also lets us choose BEGIN IMMEDIATE.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", BEGIN_IMMEDIATE)
        if mode not in (BEGIN_IMMEDIATE, BEGIN_DEFERRED):
            raise ValueError(f"unknown sqlite_begin {mode!r}")
        connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            # A fresh checkout has no var/ yet; SQLite will not create directories.
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().sqlalchemy_url)


READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# In a request's state when api.common.lock_retry runs it a second time: then it writes.
RETRYING_AFTER_LOCK = "sqlite_lock_retry"


def get_session(request: Request) -> Iterator[Session]:
    # The engine belongs to the app (main.create_app), so an app built with other settings
    # talks to its own database.
    engine: Engine = request.app.state.engine
    if request.method in READING_METHODS and not getattr(request.state, RETRYING_AFTER_LOCK, False):
        engine = for_reading(engine)
    with Session(engine) as session:
        # The app's settings and after-commit handlers (api.wiring), for the services it calls.
        request.app.state.wiring.bind(session)
        try:
            yield session
        except Exception:
            # A request that failed half-way keeps nothing it did not commit.
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session)]


def str_enum(enum_class: type[Any]) -> Any:
    """A StrEnum column stored as VARCHAR (no native PostgreSQL enum type to migrate)."""
    from sqlalchemy import Enum

    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
    )


def insert_once(session: Session, row: SQLModel) -> None:
    """Add a row unless one with its primary key exists (flush only).

    For marks a person sets by tapping (read, acknowledged, a reaction): tapping twice, or the
    same tap arriving twice at once, leaves one row and is not an error.
    """
    identity = tuple(getattr(row, column.key) for column in inspect(type(row)).primary_key)
    if session.get(type(row), identity) is not None:
        return
    session.add(row)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        pass  # a concurrent request inserted the same row first
