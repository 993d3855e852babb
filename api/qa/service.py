"""Asking, answering, voting and accepting."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, case, delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api import policy
from api.common import idempotency
from api.common.clock import now
from api.common.pagination import PageParams, paginate_by_id
from api.common.text import fulltext, markdown, terms
from api.errors import Conflict, InvalidField, NotFound
from api.notifications import messages
from api.notifications import service as notifications_service
from api.org.models import Role, User
from api.qa import routing, visibility
from api.qa.models import Answer, Question, QuestionStatus, Scope, Vote
from api.qa.schemas import QuestionCreate, QuestionUpdate

QUESTION = "qa_question"
ANSWER = "qa_answer"


def _check_category(category: str, categories: Sequence[str]) -> str:
    name = category.strip().lower()
    if name not in categories:
        raise InvalidField(
            ("body", "category"), f"unknown category; choose one of: {', '.join(categories)}"
        )
    return name


def _check_scope(asker: User, scope: Scope) -> None:
    if scope == Scope.STORE and asker.store_id is None:
        raise InvalidField(
            ("body", "scope"), "you have no store of your own; ask the whole company instead"
        )


def ask(
    session: Session,
    *,
    asker: User,
    data: QuestionCreate,
    categories: Sequence[str],
    idempotency_key: str | None,
) -> Question:
    """Store a question and tell the people who can answer it."""
    assert asker.id is not None
    asker_id = asker.id

    def create() -> int:
        category = _check_category(data.category, categories)
        _check_scope(asker, data.scope)
        question = Question(
            author_id=asker_id,
            store_id=asker.store_id,
            scope=data.scope,
            category=category,
            title=data.title,
            body=data.body,
            body_html=markdown.render(data.body),
            locale=data.locale or asker.locale,
        )
        session.add(question)
        session.flush()
        assert question.id is not None
        notifications_service.notify(
            session,
            recipients=routing.who_to_tell(session, question),
            message=messages.question_for_you(
                question_id=question.id, question_title=question.title, category=category
            ),
        )
        return question.id

    return idempotency.create_once(
        session,
        user_id=asker_id,
        key=idempotency_key,
        resource_type=QUESTION,
        request=data,
        create=create,
        load=lambda question_id: get_question(session, question_id),
        still_theirs=lambda q: q.author_id == asker_id and visibility.can_see(asker, q),
    )


def get_question(session: Session, question_id: int) -> Question:
    question = session.get(Question, question_id)
    if question is None:
        raise NotFound("Question not found")
    return question


def get_answer(session: Session, answer_id: int) -> Answer:
    answer = session.get(Answer, answer_id)
    if answer is None:
        raise NotFound("Answer not found")
    return answer


def edit_question(
    session: Session, *, question: Question, data: QuestionUpdate, categories: Sequence[str]
) -> Question:
    author = session.get(User, question.author_id)
    if data.category is not None:
        question.category = _check_category(data.category, categories)
    if data.scope is not None:
        if author is not None:
            _check_scope(author, data.scope)
        question.scope = data.scope
    if data.title is not None:
        question.title = data.title
    if data.body is not None:
        question.body, question.body_html = data.body, markdown.render(data.body)
    question.edited_at = now()
    session.add(question)
    session.commit()
    session.refresh(question)
    return question


def delete_question(session: Session, *, question: Question) -> None:
    """Delete a question with its answers and their votes."""
    answers = select(col(Answer.id)).where(col(Answer.question_id) == question.id)
    session.execute(delete(Vote).where(col(Vote.answer_id).in_(answers)))
    session.execute(delete(Answer).where(col(Answer.question_id) == question.id))
    session.delete(question)
    session.commit()


def list_questions(
    session: Session,
    *,
    viewer: User,
    page: PageParams,
    query: str = "",
    status: QuestionStatus | None = None,
    category: str | None = None,
    scope: Scope | None = None,
    mine: bool = False,
) -> tuple[Sequence[Question], str | None]:
    """Visible questions, newest first, narrowed by the filters; `query` matches the text."""
    statement = select(Question).where(visibility.visible_to(viewer))
    if status is not None:
        statement = statement.where(col(Question.status) == status)
    if category:
        statement = statement.where(col(Question.category) == category.strip().lower())
    if scope is not None:
        statement = statement.where(col(Question.scope) == scope)
    if mine:
        statement = statement.where(col(Question.author_id) == viewer.id)
    searched = terms.parse(query)
    if query.strip() and not searched:
        return [], None  # only stopwords or punctuation: nothing to look for
    if searched:
        fulltext.prepare(session)
        match = fulltext.matching(session, fulltext.QUESTIONS, searched, every_word=True)
        statement = statement.where(match.condition)
    return paginate_by_id(session, statement, Question.id, page, newest_first=True)


def list_unanswered(
    session: Session, *, viewer: User, page: PageParams
) -> tuple[Sequence[Question], str | None]:
    """Questions nobody has answered yet that this person should pick up, oldest first.

    Managers: their store's questions and company questions. Experts: their categories.
    HQ and admins: everything, or only their categories when they are experts.
    """
    statement = select(Question).where(
        col(Question.answer_count) == 0, col(Question.status) == QuestionStatus.OPEN
    )
    mine = []
    if viewer.role == Role.STORE_MANAGER and viewer.store_id is not None:
        mine.append(
            (col(Question.store_id) == viewer.store_id) | (col(Question.scope) == Scope.COMPANY)
        )
    if viewer.expert_categories:
        mine.append(
            col(Question.category).in_(viewer.expert_categories) & visibility.visible_to(viewer)
        )
    if mine:
        statement = statement.where(or_(*mine))
    elif not policy.is_chain_wide(viewer):
        return [], None
    return paginate_by_id(session, statement, Question.id, page)


def answer(
    session: Session, *, question: Question, author: User, body: str, idempotency_key: str | None
) -> Answer:
    """Add an answer and tell the asker."""
    assert author.id is not None and question.id is not None
    author_id, question_id = author.id, question.id

    def create() -> int:
        item = Answer(
            question_id=question_id, author_id=author_id, body=body, body_html=markdown.render(body)
        )
        session.add(item)
        session.execute(
            update(Question)
            .where(col(Question.id) == question_id)
            .values(answer_count=col(Question.answer_count) + 1)
        )
        session.flush()
        assert item.id is not None
        if question.author_id != author_id:
            notifications_service.notify(
                session,
                recipients=[question.author_id],
                message=messages.new_answer(
                    question_id=question_id, question_title=question.title, answerer=author.name
                ),
            )
        return item.id

    return idempotency.create_once(
        session,
        user_id=author_id,
        key=idempotency_key,
        resource_type=ANSWER,
        request=(question_id, body),
        create=create,
        load=lambda answer_id: get_answer(session, answer_id),
        # The question was checked visible on the way in.
        still_theirs=lambda a: a.author_id == author_id and a.question_id == question_id,
    )


def edit_answer(session: Session, *, item: Answer, body: str) -> Answer:
    item.body, item.body_html, item.edited_at = body, markdown.render(body), now()
    session.add(item)
    session.commit()
    session.refresh(item)
    return item


def delete_answer(session: Session, *, item: Answer) -> None:
    question = get_question(session, item.question_id)
    if question.accepted_answer_id == item.id:
        question.accepted_answer_id, question.status = None, QuestionStatus.OPEN
    question.answer_count = max(question.answer_count - 1, 0)
    session.add(question)
    session.execute(delete(Vote).where(col(Vote.answer_id) == item.id))
    session.delete(item)
    session.commit()


def accept(session: Session, *, question: Question, answer_id: int) -> Question:
    """Mark the best answer; choosing another one later moves the mark."""
    item = session.get(Answer, answer_id)
    if item is None or item.question_id != question.id:
        raise InvalidField(("body", "answer_id"), "this answer does not belong to this question")
    assert question.id is not None
    if question.accepted_answer_id != item.id:
        question.accepted_answer_id = item.id
        question.status = QuestionStatus.ANSWERED
        session.add(question)
        if item.author_id != question.author_id:
            notifications_service.notify(
                session,
                recipients=[item.author_id],
                message=messages.answer_accepted(
                    question_id=question.id, question_title=question.title
                ),
            )
    session.commit()
    session.refresh(question)
    return question


def vote(session: Session, *, item: Answer, voter: User) -> None:
    """One vote per person per answer: a second one is refused (409), nothing changes."""
    assert voter.id is not None and item.id is not None
    if session.get(Vote, (item.id, voter.id)) is not None:
        raise Conflict("You already voted for this answer", code="already_voted")
    try:
        with session.begin_nested():
            session.add(Vote(answer_id=item.id, user_id=voter.id))
            session.flush()
    except IntegrityError:  # a concurrent request got there first
        raise Conflict("You already voted for this answer", code="already_voted") from None
    session.execute(
        update(Answer)
        .where(col(Answer.id) == item.id)
        .values(vote_count=col(Answer.vote_count) + 1)
    )
    session.commit()


def unvote(session: Session, *, item: Answer, voter: User) -> None:
    """Take a vote back; without a vote there is nothing to take back (404)."""
    existing = session.get(Vote, (item.id, voter.id))
    if existing is None:
        raise NotFound("You have not voted for this answer")
    session.delete(existing)
    session.execute(
        update(Answer)
        .where(col(Answer.id) == item.id)
        .values(vote_count=col(Answer.vote_count) - 1)
    )
    session.commit()


def answers_of(session: Session, question: Question) -> Sequence[Answer]:
    """Accepted first, then most votes, then oldest."""
    rows = session.exec(
        select(Answer)
        .where(col(Answer.question_id) == question.id)
        .order_by(col(Answer.vote_count).desc(), col(Answer.id))
    ).all()
    return sorted(rows, key=lambda item: item.id != question.accepted_answer_id)


def similar(
    session: Session, *, viewer: User, text: str, limit: int = 5
) -> list[tuple[Question, float]]:
    """Questions like the one being typed, best first; answered ones rank higher."""
    searched = terms.parse(text, typing=True)
    if not searched:
        return []
    return rank(session, viewer=viewer, searched=searched, wanted=limit)


def rank(
    session: Session,
    *,
    viewer: User,
    searched: terms.SearchTerms,
    wanted: int,
    tiers: Sequence[bool] = (True, False),
    exclude: Sequence[int] = (),
) -> list[tuple[Question, float]]:
    """Questions the viewer may see that match, best first (see fulltext.ranked); answered
    ones rank higher. Similar questions and the search box both rank this way."""
    return fulltext.ranked(
        session,
        model=Question,
        key=col(Question.id),
        terms=searched,
        match_for=lambda every_word: fulltext.matching(
            session, fulltext.QUESTIONS, searched, every_word=every_word
        ),
        where=[visibility.visible_to(viewer)],
        wanted=wanted,
        boost=answered_boost(),
        tiers=tiers,
        exclude=exclude,
    )


# An accepted answer is what the person typing wants to find: rank those questions higher.
ANSWERED_BOOST = 1.5


def answered_boost() -> ColumnElement[float]:
    return case((col(Question.status) == QuestionStatus.ANSWERED, ANSWERED_BOOST), else_=1.0)


def age_seconds(question: Question, at: datetime | None = None) -> int:
    return max(int(((at or now()) - question.created_at).total_seconds()), 0)
