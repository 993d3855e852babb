"""One search box over news and questions, each ranked by its own full-text index and only
over what the caller may see; the two lists are merged by score."""

from datetime import datetime

from sqlmodel import Session, col, select

from api.common.text import fulltext, highlight, terms
from api.news import visibility as news_visibility
from api.news.models import NewsPost, NewsTranslation
from api.org.models import User
from api.qa import service as qa_service
from api.search.schemas import HitType, SearchHit


def _question_hits(
    session: Session,
    viewer: User,
    searched: terms.SearchTerms,
    wanted: int,
    *,
    every_word: bool,
    exclude: list[int],
) -> list[SearchHit]:
    rows = qa_service.rank(
        session,
        viewer=viewer,
        searched=searched,
        wanted=wanted,
        tiers=[every_word],
        exclude=exclude,
    )
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
    session: Session,
    viewer: User,
    searched: terms.SearchTerms,
    wanted: int,
    *,
    every_word: bool,
    exclude: list[int],
) -> list[SearchHit]:
    def match_for(every_word: bool) -> fulltext.Match:
        return fulltext.news_match(session, col(NewsPost.id), searched, every_word=every_word)

    rows = fulltext.ranked(
        session,
        model=NewsPost,
        key=col(NewsPost.id),
        terms=searched,
        match_for=match_for,
        where=[news_visibility.searchable_by(viewer)],
        wanted=wanted,
        tiers=[every_word],
        exclude=exclude,
    )
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
    # Every-word matches of both kinds first; only when together they are too few, matches of
    # all words but one (each kind's second tier is the costly part of a search).
    hits: list[SearchHit] = []
    for every_word in (True, False):
        if not every_word and (len(hits) >= wanted or len(searched.words) < 2):
            break
        for kind, find in ((HitType.QUESTION, _question_hits), (HitType.NEWS, _news_hits)):
            known = [hit.id for hit in hits if hit.type == kind]
            if len(known) < wanted:
                hits += find(
                    session,
                    viewer,
                    searched,
                    wanted - len(known),
                    every_word=every_word,
                    exclude=known,
                )
    hits.sort(key=lambda hit: (-hit.score, -hit.created_at.timestamp()))
    page = hits[offset : offset + limit]
    return page, offset + limit if len(hits) > offset + limit else None
