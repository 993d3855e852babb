"""api.common.after_commit: work runs after the outermost commit, per channel, and never after
a rollback; a failing handler never undoes what was committed."""

from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from api.common import after_commit


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Any]]] = []

    def handler(self, channel: str) -> after_commit.Handler:
        return lambda items: self.calls.append((channel, list(items)))


def _session(engine: Engine, handlers: after_commit.Handlers) -> Session:
    session = after_commit.bind(Session(engine), handlers)
    session.execute(text("SELECT 1"))  # work is deferred from inside a transaction
    return session


def test_each_channel_gets_its_items_in_one_call_after_the_commit(engine: Engine) -> None:
    seen = Recorder()
    with _session(engine, {"a": seen.handler("a"), "b": seen.handler("b")}) as session:
        after_commit.defer(session, "a", 1)
        after_commit.defer(session, "b", "x")
        after_commit.defer(session, "a", 2)
        assert seen.calls == []
        session.commit()
    assert seen.calls == [("a", [1, 2]), ("b", ["x"])]


def test_a_rollback_drops_the_work_and_the_next_transaction_starts_clean(engine: Engine) -> None:
    seen = Recorder()
    with _session(engine, {"a": seen.handler("a")}) as session:
        after_commit.defer(session, "a", "rolled back")
        session.rollback()
        session.execute(text("SELECT 1"))
        after_commit.defer(session, "a", "kept")
        session.commit()
        session.commit()  # a second commit with nothing deferred calls nobody
    assert seen.calls == [("a", ["kept"])]


def test_savepoints_are_not_the_end_of_the_transaction(engine: Engine) -> None:
    seen = Recorder()
    with _session(engine, {"a": seen.handler("a")}) as session:
        after_commit.defer(session, "a", 1)
        with session.begin_nested():  # released: SQLAlchemy calls that a commit too
            after_commit.defer(session, "a", 2)
        session.begin_nested().rollback()
        assert seen.calls == []
        session.commit()
    assert seen.calls == [("a", [1, 2])]


def test_a_session_nobody_wired_drops_the_work(engine: Engine) -> None:
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
        after_commit.defer(session, "a", 1)
        session.commit()  # nothing to call, nothing raised
    assert after_commit.handlers_of(Session(engine)) == {}


def test_a_failing_handler_is_logged_and_the_others_still_run(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    seen = Recorder()

    def broken(_items: Sequence[Any]) -> None:
        raise RuntimeError("queue down")

    with _session(engine, {"a": broken, "b": seen.handler("b")}) as session:
        after_commit.defer(session, "a", 1)
        after_commit.defer(session, "b", 2)
        session.commit()
    assert seen.calls == [("b", [2])]
    assert "the a handler failed" in caplog.text


def test_two_apps_in_one_process_keep_their_own_wiring(engine: Engine) -> None:
    first, second = Recorder(), Recorder()
    for recorder, item in ((first, "first"), (second, "second")):
        with _session(engine, {"a": recorder.handler("a")}) as session:
            after_commit.defer(session, "a", item)
            session.commit()
    assert (first.calls, second.calls) == ([("a", ["first"])], [("a", ["second"])])
