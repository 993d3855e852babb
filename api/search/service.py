"""One search box over news and questions, each ranked by its own full-text index and only
over what the caller may see; the two lists are merged by score."""

from datetime import datetime

from sqlalchemy import func, or_, true
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from api import policy
from api.common.clock import now
from api.news import audience
from api.news.models import NewsPost, NewsTranslation
from api.org.models import User
from api.qa import service as qa_service
from api.qa import visibility
from api.qa.models import Question
from api.search import fulltext, highlight, terms
from api.search.schemas import HitType, SearchHit


def _question_hits(
    session: Session, viewer: User, searched: terms.SearchTerms, wanted: int
) -> list[SearchHit]:
    matches = fulltext.match_scores(session, fulltext.QUESTIONS, searched)
    score = (matches.c.score * qa_service.answered_boost()).label("score")
    rows = session.execute(
        select(Question, score)
        .join(matches, matches.c.id == col(Question.id))
        .where(visibility.visible_to(viewer))
        .order_by(score.desc(), col(Question.id).desc())
        .limit(wanted)
    ).all()
    return [
        SearchHit(
            type=HitType.QUESTION,
            id=question.id or 0,
            title=question.title,
            snippet=highlight.best_snippet([question.body, question.title], searched),
            score=round(float(value), 4),
            url=f"/questions/{question.id}",
            created_at=question.created_at,
            status=question.status,
        )
        for question, value in rows
    ]


def _news_hits(
    session: Session, viewer: User, searched: terms.SearchTerms, wanted: int
) -> list[SearchHit]:
    originals = fulltext.match_scores(session, fulltext.NEWS_POSTS, searched)
    translated = fulltext.match_scores(session, fulltext.NEWS_TRANSLATIONS, searched)
    both = (
        sa_select(originals.c.id, originals.c.score)
        .union_all(sa_select(translated.c.id, translated.c.score))
        .subquery("both_languages")
    )
    best = (
        sa_select(both.c.id, func.max(both.c.score).label("score"))
        .group_by(both.c.id)
        .subquery("best")
    )
    for_viewer = true() if policy.is_chain_wide(viewer) else audience.post_is_for(viewer)
    rows = session.execute(
        select(NewsPost, best.c.score)
        .join(best, best.c.id == col(NewsPost.id))
        .where(audience.is_live(now()), or_(for_viewer))
        .order_by(best.c.score.desc(), col(NewsPost.id).desc())
        .limit(wanted)
    ).all()
    # Show each post in the reader's language where a translation exists.
    ids = [post.id for post, _ in rows]
    translations = {
        item.post_id: item
        for item in session.exec(
            select(NewsTranslation).where(
                col(NewsTranslation.post_id).in_(ids), NewsTranslation.locale == viewer.locale
            )
        ).all()
    }
    hits = []
    for post, value in rows:
        shown = translations.get(post.id or 0)
        title = shown.title if shown else post.title
        body = shown.body if shown else post.body
        published: datetime = post.published_at or post.created_at
        hits.append(
            SearchHit(
                type=HitType.NEWS,
                id=post.id or 0,
                title=title,
                snippet=highlight.best_snippet([body, title], searched),
                score=round(float(value), 4),
                url=f"/news/{post.id}",
                created_at=published,
            )
        )
    return hits


def search(
    session: Session, *, viewer: User, text: str, limit: int, offset: int = 0
) -> tuple[list[SearchHit], int | None]:
    """A page of hits, best first, and the offset of the next page (None at the end)."""
    searched = terms.parse(text)
    if not searched:
        return [], None
    wanted = offset + limit + 1
    hits = _question_hits(session, viewer, searched, wanted) + _news_hits(
        session, viewer, searched, wanted
    )
    hits.sort(key=lambda hit: (-hit.score, -hit.created_at.timestamp()))
    page = hits[offset : offset + limit]
    return page, offset + limit if len(hits) > offset + limit else None
