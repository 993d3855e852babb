from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import policy
from api.auth.deps import CurrentUser
from api.common.idempotency import IdempotencyKey
from api.common.pagination import Page, PageDep
from api.config import AppSettings
from api.db import SessionDep
from api.errors import error_responses
from api.org.models import User
from api.qa import present
from api.qa import service as qa_service
from api.qa.deps import VisibleAnswer, VisibleQuestion
from api.qa.models import Answer, Question, QuestionStatus, Scope
from api.qa.schemas import (
    AcceptAnswer,
    AnswerCreate,
    AnswerPublic,
    AnswerUpdate,
    Categories,
    QuestionCreate,
    QuestionPublic,
    QuestionSummary,
    QuestionUpdate,
    SimilarQuestion,
    SimilarQuestions,
    UnansweredQuestion,
)
from api.qa.schemas import Query as SearchText

router = APIRouter(tags=["questions"], responses=error_responses(401))


def _detail(session: SessionDep, question: Question, user: User) -> QuestionPublic:
    answers = qa_service.answers_of(session, question)
    return present.question_public(session, question, answers, viewer=user)


def _answer(session: SessionDep, item: Answer, user: User) -> AnswerPublic:
    question = qa_service.get_question(session, item.question_id)
    return present.answers_public(session, question, [item], viewer=user)[0]


@router.post("/questions", status_code=201, response_model=QuestionPublic)
def ask_question(
    data: QuestionCreate,
    session: SessionDep,
    user: CurrentUser,
    settings: AppSettings,
    key: IdempotencyKey = None,
) -> QuestionPublic:
    """Ask your store (scope "store") or the whole company; the people who can answer hear
    about it: your store's manager(s) and the category's experts."""
    question = qa_service.ask(
        session,
        asker=user,
        data=data,
        categories=settings.question_categories,
        idempotency_key=key,
    )
    return _detail(session, question, user)


@router.get("/questions", response_model=Page[QuestionSummary])
def list_questions(
    session: SessionDep,
    user: CurrentUser,
    page: PageDep,
    q: Annotated[SearchText, Query(description="Words in the title or text")] = "",
    status: QuestionStatus | None = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    scope: Scope | None = None,
    mine: Annotated[bool, Query(description="Only questions you asked")] = False,
) -> Page[QuestionSummary]:
    """Questions you may see, newest first."""
    items, next_cursor = qa_service.list_questions(
        session,
        viewer=user,
        page=page,
        query=q,
        status=status,
        category=category,
        scope=scope,
        mine=mine,
    )
    return Page(items=present.summaries(session, items), next_cursor=next_cursor)


@router.get("/questions/categories", response_model=Categories)
async def list_categories(user: CurrentUser, settings: AppSettings) -> Categories:
    """The categories a question can have (setting WINKELPRAAT_QA_CATEGORIES)."""
    return Categories(items=settings.question_categories)


@router.get("/questions/similar", response_model=SimilarQuestions)
def similar_questions(
    session: SessionDep,
    user: CurrentUser,
    q: Annotated[SearchText, Query(description="What is being typed so far")],
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> SimilarQuestions:
    """Questions already asked that look like this one, best first (answered ones rank
    higher), so nothing gets asked ten times."""
    found = qa_service.similar(session, viewer=user, text=q, limit=limit)
    return SimilarQuestions(
        items=[
            SimilarQuestion(
                id=question.id or 0,
                title=question.title,
                status=question.status,
                score=round(score, 4),
                category=question.category,
                answer_count=question.answer_count,
            )
            for question, score in found
        ]
    )


@router.get(
    "/questions/unanswered",
    response_model=Page[UnansweredQuestion],
    responses=error_responses(403),
)
def unanswered_queue(
    session: SessionDep, user: CurrentUser, page: PageDep
) -> Page[UnansweredQuestion]:
    """Questions still waiting for a first answer, oldest first, with their age. Managers:
    their store and company questions; experts: their categories; HQ: everything."""
    policy.ensure_can_see_unanswered(user)
    items, next_cursor = qa_service.list_unanswered(session, viewer=user, page=page)
    return Page(items=present.unanswered(session, items), next_cursor=next_cursor)


@router.get(
    "/questions/{question_id:int}", response_model=QuestionPublic, responses=error_responses(404)
)
def read_question(
    question: VisibleQuestion, session: SessionDep, user: CurrentUser
) -> QuestionPublic:
    """A question with its answers: the accepted one first, then by votes."""
    return _detail(session, question, user)


@router.patch(
    "/questions/{question_id:int}",
    response_model=QuestionPublic,
    responses=error_responses(403, 404),
)
def edit_question(
    question: VisibleQuestion,
    data: QuestionUpdate,
    session: SessionDep,
    user: CurrentUser,
    settings: AppSettings,
) -> QuestionPublic:
    """Edit a question (asker, their store manager, HQ, admin)."""
    policy.ensure_can_moderate_qa(user, author_id=question.author_id, store_id=question.store_id)
    question = qa_service.edit_question(
        session, question=question, data=data, categories=settings.question_categories
    )
    return _detail(session, question, user)


@router.delete("/questions/{question_id:int}", status_code=204, responses=error_responses(403, 404))
def delete_question(question: VisibleQuestion, session: SessionDep, user: CurrentUser) -> Response:
    """Delete a question with its answers (asker, their store manager, HQ, admin)."""
    policy.ensure_can_moderate_qa(user, author_id=question.author_id, store_id=question.store_id)
    qa_service.delete_question(session, question=question)
    return Response(status_code=204)


@router.post(
    "/questions/{question_id:int}/answers",
    status_code=201,
    response_model=AnswerPublic,
    responses=error_responses(404),
)
def answer_question(
    question: VisibleQuestion,
    data: AnswerCreate,
    session: SessionDep,
    user: CurrentUser,
    key: IdempotencyKey = None,
) -> AnswerPublic:
    """Answer a question you can see; the asker is notified."""
    item = qa_service.answer(
        session, question=question, author=user, body=data.body, idempotency_key=key
    )
    return _answer(session, item, user)


@router.post(
    "/questions/{question_id:int}/accept",
    response_model=QuestionPublic,
    responses=error_responses(403, 404),
)
def accept_answer(
    question: VisibleQuestion, data: AcceptAnswer, session: SessionDep, user: CurrentUser
) -> QuestionPublic:
    """Choose the best answer (asker, that store's manager, HQ, admin); the question is then
    answered. Choosing again moves the mark."""
    policy.ensure_can_accept_answer(user, asker_id=question.author_id, store_id=question.store_id)
    question = qa_service.accept(session, question=question, answer_id=data.answer_id)
    return _detail(session, question, user)


def _question_of(session: SessionDep, item: Answer) -> Question:
    return qa_service.get_question(session, item.question_id)


@router.patch(
    "/answers/{answer_id}", response_model=AnswerPublic, responses=error_responses(403, 404)
)
def edit_answer(
    item: VisibleAnswer, data: AnswerUpdate, session: SessionDep, user: CurrentUser
) -> AnswerPublic:
    """Edit an answer (its writer, the question's store manager, HQ, admin)."""
    question = _question_of(session, item)
    policy.ensure_can_moderate_qa(user, author_id=item.author_id, store_id=question.store_id)
    item = qa_service.edit_answer(session, item=item, body=data.body)
    return _answer(session, item, user)


@router.delete("/answers/{answer_id}", status_code=204, responses=error_responses(403, 404))
def delete_answer(item: VisibleAnswer, session: SessionDep, user: CurrentUser) -> Response:
    """Delete an answer (its writer, the question's store manager, HQ, admin)."""
    question = _question_of(session, item)
    policy.ensure_can_moderate_qa(user, author_id=item.author_id, store_id=question.store_id)
    qa_service.delete_answer(session, item=item)
    return Response(status_code=204)


@router.put("/answers/{answer_id}/vote", status_code=204, responses=error_responses(403, 404, 409))
def vote_for_answer(item: VisibleAnswer, session: SessionDep, user: CurrentUser) -> Response:
    """Vote an answer up; one vote per person (a second vote: 409), not on your own."""
    policy.ensure_can_vote(user, answer_author_id=item.author_id)
    qa_service.vote(session, item=item, voter=user)
    return Response(status_code=204)


@router.delete("/answers/{answer_id}/vote", status_code=204, responses=error_responses(404))
def take_back_vote(item: VisibleAnswer, session: SessionDep, user: CurrentUser) -> Response:
    """Take your vote back (404 when you had not voted)."""
    qa_service.unvote(session, item=item, voter=user)
    return Response(status_code=204)
