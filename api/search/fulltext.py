"""Full-text matching with each database's own engine, behind one function.

PostgreSQL: a stored `search_vector` column (tsvector, generated with the row's language
configuration, dutch or english; GIN index) plus pg_trgm word similarity on the title (GIN
trigram index) for parts of compound words. SQLite: an FTS5 index over title and body
(unicode61, matched by Dutch and English stem prefixes) plus an FTS5 trigram index over the
title. Both are kept up to date by the database itself (a generated column; triggers), created
by the migrations; `DATABASE_ONLY` names them so Alembic's autogenerate leaves them alone.

`match_scores()` returns a subquery of (id, score) for one table's matching rows; callers join
it to their own visibility rules, so ranking never happens in Python and never over rows the
caller may not see. Scores only compare within one database: ts_rank_cd and bm25 differ.
"""

from dataclasses import dataclass

from sqlalchemy import Float, Integer, Subquery, text
from sqlmodel import Session

from api.search.terms import SearchTerms


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
# bm25 column weights on SQLite: a match in the title counts more than one in the body.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0


def is_database_only(name: str | None) -> bool:
    return name is not None and (
        name in DATABASE_ONLY or any(name.startswith(f"{obj}_") for obj in DATABASE_ONLY)
    )


def match_scores(session: Session, documents: Documents, terms: SearchTerms) -> Subquery:
    """(id, score) of every row of `documents` that matches `terms`; higher scores first."""
    if session.get_bind().dialect.name == "postgresql":
        return _postgres(session, documents, terms)
    return _sqlite(documents, terms)


def _postgres(session: Session, documents: Documents, terms: SearchTerms) -> Subquery:
    # SET LOCAL lasts until the end of this transaction, i.e. this request.
    session.execute(
        text(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY_THRESHOLD}")
    )
    words = [f"{word}:*" if word == terms.partial else word for word in terms.words]
    params: dict[str, object] = {"tsquery": " | ".join(words)}
    infix_conditions, infix_scores = [], []
    for number, word in enumerate(terms.infixes):
        params[f"infix{number}"] = word
        infix_conditions.append(f"lower(d.title) %> :infix{number}")
        infix_scores.append(f"word_similarity(:infix{number}, lower(d.title))")
    infix_match = " OR ".join(infix_conditions) or "false"
    infix_score = f"GREATEST({', '.join(infix_scores)})" if infix_scores else "0"
    sql = f"""
        SELECT d.{documents.key} AS id,
               ts_rank_cd(d.search_vector, q.query) + {INFIX_WEIGHT} * {infix_score} AS score
        FROM {documents.table} d,
             (SELECT to_tsquery('dutch', :tsquery) || to_tsquery('english', :tsquery) AS query) q
        WHERE d.search_vector @@ q.query OR {infix_match}
    """  # noqa: S608 (table names are constants above; every value is a bound parameter)
    return text(sql).bindparams(**params).columns(id=Integer, score=Float).subquery("matches")


def _sqlite(documents: Documents, terms: SearchTerms) -> Subquery:
    # FTS5 query syntax: "quoted" strings are literal tokens, * makes a prefix. The terms only
    # hold letters and digits, so quoting them is enough. CROSS JOIN keeps the FTS table the
    # outer loop: bm25() only works while FTS5 drives the query.
    fts, trgm = f"{documents.table}_fts", f"{documents.table}_trgm"
    parts = [
        f"""SELECT d.{documents.key} AS id, -bm25({fts}, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score
            FROM {fts} CROSS JOIN {documents.table} d ON d.rowid = {fts}.rowid
            WHERE {fts} MATCH :stems"""  # noqa: S608 (constant names; values are bound)
    ]
    params = {"stems": " OR ".join(f'"{stem}"*' for stem in terms.stems)}
    if terms.infixes:
        parts.append(
            f"""SELECT d.{documents.key}, {INFIX_WEIGHT}
            FROM {trgm} CROSS JOIN {documents.table} d ON d.rowid = {trgm}.rowid
            WHERE {trgm} MATCH :infixes"""  # noqa: S608 (constant names; values are bound)
        )
        params["infixes"] = " OR ".join(f'"{word}"' for word in terms.infixes)
    union = " UNION ALL ".join(parts)
    sql = f"SELECT id, SUM(score) AS score FROM ({union}) GROUP BY id"  # noqa: S608 (constants)
    return text(sql).bindparams(**params).columns(id=Integer, score=Float).subquery("matches")
