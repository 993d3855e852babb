"""Full-text matching with each database's own engine, behind one function.

PostgreSQL: a stored `search_vector` column (tsvector, generated with the row's language
configuration, dutch or english; GIN index) plus pg_trgm word similarity on the title (GIN
trigram index) for parts of compound words. SQLite: an FTS5 index over title and body
(unicode61, matched by Dutch and English stem prefixes) plus an FTS5 trigram index over the
title. Both are kept up to date by the database itself (a generated column; triggers), created
by the migrations; `DATABASE_ONLY` names them so Alembic's autogenerate leaves them alone.

`matching()` gives a condition and a score as SQL over the caller's own table (named, not
aliased), so one statement applies the match and the caller's visibility rules together: ranking
never happens in Python and never over rows the caller may not see. `ranked()` runs it in
tiers: rows with every typed word first, and only when too few of those are visible, rows with
any word, of which only the newest few hundred are scored (a common word can match thousands of
rows, and scoring costs per row). Scores compare within one database only (ts_rank_cd vs bm25).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    literal,
    literal_column,
    or_,
    text,
    union,
)
from sqlalchemy import select as sa_select
from sqlalchemy import table as sa_table
from sqlmodel import Session

from api.common.text.terms import SearchTerms


@dataclass(frozen=True)
class Documents:
    """A table with searchable title and body, and the column a match stands for."""

    table: str
    key: str = "id"


QUESTIONS = Documents("qa_question")
NEWS_POSTS = Documents("news_post")
NEWS_TRANSLATIONS = Documents("news_translation", key="post_id")

# Objects the migrations create by hand (names are checked by alembic/env.py).
DATABASE_ONLY = frozenset(
    {"search_vector"}
    | {
        f"{documents.table}_{suffix}"
        for documents in (QUESTIONS, NEWS_POSTS, NEWS_TRANSLATIONS)
        for suffix in ("fts", "trgm")
    }
    | {
        f"ix_{documents.table}_{suffix}"
        for documents in (QUESTIONS, NEWS_POSTS, NEWS_TRANSLATIONS)
        for suffix in ("search_vector", "title_trgm")
    }
)

# A typed word counts as found inside a title from this pg_trgm word similarity on: 0.5 lets
# "bon" find "kassabon" (2 of its 4 trigrams) without letting every three letters match.
WORD_SIMILARITY_THRESHOLD = 0.5
# How much a word found inside a longer word weighs against a whole-word match.
INFIX_WEIGHT = 0.3
# A common word matches thousands of rows, and scoring costs per row: only this many of the
# newest matches are scored (per tier). Typing suggestions want what is current anyway.
CANDIDATES = 300
# bm25 column weights on SQLite: a match in the title counts more than one in the body.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0


def is_database_only(name: str | None) -> bool:
    return name is not None and (
        name in DATABASE_ONLY or any(name.startswith(f"{obj}_") for obj in DATABASE_ONLY)
    )


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@dataclass(frozen=True)
class Match:
    condition: ColumnElement[bool]
    score: ColumnElement[float]


def matching(
    session: Session, documents: Documents, terms: SearchTerms, *, every_word: bool
) -> Match:
    """Rows of `documents` with every typed word (each as a word or, when long enough, inside
    a longer word), or else with all typed words but one, as whole words; and how well they
    match.

    The second tier leaves parts of words out: "bon" found inside thousands of titles would
    only add noise to a list that already lacks the better every-word matches.
    """
    if is_postgres(session):
        return _postgres(documents, terms, every_word=every_word)
    return _sqlite(documents, terms, every_word=every_word)


def prepare(session: Session) -> None:
    """Planner settings for this transaction (i.e. this request), PostgreSQL only.

    The threshold lets "bon" find "kassabon". random_page_cost: pg_trgm's operators look nearly
    free to the planner, which then prefers reading the whole table over the GIN indexes; with
    the cost of a random read close to a sequential one (true on SSDs) it picks the indexes.
    """
    transaction = session.get_transaction()
    if not is_postgres(session) or session.info.get("fulltext_prepared") is transaction:
        return
    session.execute(
        text(
            f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY_THRESHOLD};"
            " SET LOCAL random_page_cost = 1.1"
        )
    )
    # get_transaction() may have begun one just now; remember the one the settings live in.
    session.info["fulltext_prepared"] = session.get_transaction()


def _tsquery(words: Sequence[str]) -> ColumnElement[Any]:
    """The words in both languages' configurations, any of them."""
    query = literal(" | ".join(words))
    dutch = func.to_tsquery(literal_column("'dutch'::regconfig"), query)
    english = func.to_tsquery(literal_column("'english'::regconfig"), query)
    return dutch.op("||")(english)


def _postgres(documents: Documents, terms: SearchTerms, *, every_word: bool) -> Match:
    vector: ColumnElement[Any] = literal_column(f"{documents.table}.search_vector")
    title = func.lower(literal_column(f"{documents.table}.title"))
    typed = [f"{word}:*" if word == terms.partial else word for word in terms.words]
    per_word = []
    for word, query_word in zip(terms.words, typed, strict=True):
        found: ColumnElement[bool] = vector.op("@@")(_tsquery([query_word]))
        if every_word and word in terms.infixes:
            found = or_(found, title.op("%>")(literal(word)))
        per_word.append(found)
    condition = _combine(per_word, every_word=every_word)
    similarity = [func.word_similarity(literal(word), title) for word in terms.infixes]
    infix_score = func.greatest(*similarity) if similarity else literal(0.0)
    score = func.ts_rank_cd(vector, _tsquery(typed)) + INFIX_WEIGHT * infix_score
    return Match(condition=condition, score=score)


def _combine(per_word: list[ColumnElement[bool]], *, every_word: bool) -> ColumnElement[bool]:
    """Every word; or every word but one (any word of two), so the second tier still asks for
    most of what was typed instead of whatever shares one common word."""
    if every_word or len(per_word) < 2:
        return and_(*per_word)
    return or_(
        *(
            and_(*(c for j, c in enumerate(per_word) if j != skipped))
            for skipped in range(len(per_word))
        )
    )


def _fts_rows(index: str, query: str) -> Select[Any]:
    """Rowids of an FTS5 index matching `query` (FTS5 query syntax)."""
    virtual = sa_table(index)
    return (
        sa_select(literal_column("rowid"))
        .select_from(virtual)
        .where(literal_column(index).op("MATCH")(literal(query)))
    )


def _stems_query(stems: Sequence[str]) -> str:
    # "quoted" strings are literal tokens, * makes a prefix: stems match their word forms. The
    # terms hold only letters and digits, so quoting them is enough.
    return " OR ".join(f'"{stem}"*' for stem in stems)


def _sqlite(documents: Documents, terms: SearchTerms, *, every_word: bool) -> Match:
    rowid: ColumnElement[int] = literal_column(f"{documents.table}.rowid")
    fts, trgm = f"{documents.table}_fts", f"{documents.table}_trgm"
    per_word = []
    for word, stems in zip(terms.words, terms.word_stems, strict=True):
        found: ColumnElement[bool] = rowid.in_(_fts_rows(fts, _stems_query(stems)))
        if every_word and word in terms.infixes:
            found = or_(found, rowid.in_(_fts_rows(trgm, f'"{word}"')))
        per_word.append(found)
    # bm25() only works while FTS5 drives the query: a subquery per candidate row, on its rowid.
    virtual = sa_table(fts)
    bm25 = (
        sa_select(-func.bm25(literal_column(fts), TITLE_WEIGHT, BODY_WEIGHT))
        .select_from(virtual)
        .where(
            literal_column(fts).op("MATCH")(literal(_stems_query(terms.stems))),
            literal_column(f"{fts}.rowid") == rowid,
        )
        .scalar_subquery()
    )
    score: ColumnElement[Any] = func.coalesce(bm25, 0.0)
    if terms.infixes:
        inside = rowid.in_(_fts_rows(trgm, " OR ".join(f'"{w}"' for w in terms.infixes)))
        score = score + INFIX_WEIGHT * func.iif(inside, 1.0, 0.0)
    return Match(condition=_combine(per_word, every_word=every_word), score=score)


def best_of(session: Session, *scores: ColumnElement[Any]) -> ColumnElement[Any]:
    """The highest of several scores (GREATEST on PostgreSQL, scalar MAX on SQLite)."""
    return func.greatest(*scores) if is_postgres(session) else func.max(*scores)


def ranked(
    session: Session,
    *,
    model: Any,
    key: Any,
    terms: SearchTerms,
    match_for: Callable[[bool], Match],
    where: Sequence[ColumnElement[bool]],
    wanted: int,
    boost: ColumnElement[float] | float = 1.0,
    tiers: Sequence[bool] = (True, False),
    exclude: Sequence[int] = (),
) -> list[tuple[Any, float]]:
    """Up to `wanted` rows of `model` (with their scores) that match and pass `where`, best
    first: every-word matches, then, if those are too few, any-word matches.

    `match_for(every_word)` gives the Match over the model's table; `key` is its id column.
    Candidates are collected first (index scans, materialized) and only the newest of them
    scored, so the cost is bounded however common the words are.
    """
    prepare(session)
    found: list[tuple[Any, float]] = []
    seen: list[int] = list(exclude)
    for every_word in tiers:
        if not every_word and len(terms.words) < 2:
            continue  # one word: the second tier would find the same rows
        match = match_for(every_word)
        filters = [match.condition, *where]
        if seen:
            filters.append(key.notin_(seen))
        candidates = (
            sa_select(key.label("id"))
            .where(*filters)
            .cte(f"candidates_{int(every_word)}")
            .prefix_with("MATERIALIZED")
        )
        newest = sa_select(candidates.c.id).order_by(candidates.c.id.desc()).limit(CANDIDATES)
        score = (match.score * boost).label("score")
        rows = session.execute(
            sa_select(model, score, key.label("key"))
            .where(key.in_(newest.scalar_subquery()))
            .order_by(score.desc(), key.desc())
            .limit(wanted - len(found))
        ).all()
        found += [(row[0], float(row[1])) for row in rows]
        seen += [int(row[2]) for row in rows]
        if len(found) >= wanted:
            break
    return found


def news_match(session: Session, post_id: Any, terms: SearchTerms, *, every_word: bool) -> Match:
    """A news post matched in its original or in any of its translations.

    The condition is `id IN (posts UNION translations)`, each side from its own indexes (an OR
    with a correlated EXISTS would read every post); the score is the better of the two.
    """
    original = matching(session, NEWS_POSTS, terms, every_word=every_word)
    inner = matching(session, NEWS_TRANSLATIONS, terms, every_word=every_word)
    translation = sa_table("news_translation")
    posts: Select[Any] = sa_select(literal_column("news_post.id")).select_from(
        sa_table("news_post")
    )
    either = union(
        posts.where(original.condition),
        sa_select(literal_column("news_translation.post_id"))
        .select_from(translation)
        .where(inner.condition),
    )
    belongs = literal_column("news_translation.post_id") == post_id
    score = (
        sa_select(func.max(inner.score))
        .select_from(translation)
        .where(belongs, inner.condition)
        .scalar_subquery()
    )
    return Match(
        condition=post_id.in_(either),
        score=best_of(session, original.score, func.coalesce(score, 0.0)),
    )
