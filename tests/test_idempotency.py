"""Idempotency-Key under a real race: two requests with one key, one resource."""

import pytest
from sqlmodel import Session, func, select

from api.bootstrap import migrate
from api.common import idempotency
from api.db import make_engine
from api.news.models import NewsPost
from api.org.models import Role
from tests.factories import make_post, make_user


def test_a_retry_that_commits_first_wins_and_the_loser_returns_its_post(
    fresh_database_url: str,
) -> None:
    if fresh_database_url.startswith("sqlite"):
        pytest.skip("SQLite lets one writer at a time: two requests cannot race on a key there")
    migrate(fresh_database_url)
    engine = make_engine(fresh_database_url)
    with Session(engine) as setup:
        author = make_user(setup, role=Role.HQ)
        setup.commit()
        author_id = author.id
    assert author_id is not None

    with Session(engine) as session:
        winner_id: list[int] = []

        def create_while_a_retry_wins() -> int:
            # The retry (another worker) finishes first, with the same key.
            with Session(engine) as other:
                winner = make_post(other, author=other.get_one(type(author), author_id))
                assert winner.id is not None
                idempotency.remember(
                    other,
                    user_id=author_id,
                    key="k1",
                    resource_type="news_post",
                    resource_id=winner.id,
                )
                other.commit()
                winner_id.append(winner.id)
            loser = make_post(session, author=session.get_one(type(author), author_id))
            assert loser.id is not None
            return loser.id

        result = idempotency.create_once(
            session,
            user_id=author_id,
            key="k1",
            resource_type="news_post",
            request={"title": "the same post"},
            create=create_while_a_retry_wins,
            load=lambda post_id: session.get_one(NewsPost, post_id),
            still_theirs=lambda post: post.author_id == author_id,
        )
        assert result.id == winner_id[0]
        assert session.exec(select(func.count()).select_from(NewsPost)).one() == 1
    engine.dispose()
