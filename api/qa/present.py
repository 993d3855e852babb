"""Questions and answers as the API returns them: people and votes fetched per page."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from api import policy
from api.org import service as org_service
from api.org.models import User
from api.qa.models import Answer, Question, Vote
from api.qa.schemas import (
    AnswerPublic,
    PersonPublic,
    QuestionPublic,
    QuestionSummary,
    UnansweredQuestion,
)
from api.qa.service import age_seconds


def _person(people: dict[int, User], user_id: int, category: str) -> PersonPublic:
    user = people[user_id]
    return PersonPublic(
        id=user_id,
        name=user.name,
        role=user.role,
        is_expert=category in (user.expert_categories or []),
    )


def _summary_fields(question: Question, people: dict[int, User]) -> dict[str, object]:
    assert question.id is not None
    return {
        "id": question.id,
        "title": question.title,
        "category": question.category,
        "scope": question.scope,
        "status": question.status,
        "store_id": question.store_id,
        "author": _person(people, question.author_id, question.category),
        "answer_count": question.answer_count,
        "accepted_answer_id": question.accepted_answer_id,
        "created_at": question.created_at,
    }


def summaries(session: Session, questions: Sequence[Question]) -> list[QuestionSummary]:
    people = org_service.users_by_id(session, (question.author_id for question in questions))
    return [QuestionSummary.model_validate(_summary_fields(q, people)) for q in questions]


def unanswered(session: Session, questions: Sequence[Question]) -> list[UnansweredQuestion]:
    people = org_service.users_by_id(session, (question.author_id for question in questions))
    return [
        UnansweredQuestion.model_validate(
            _summary_fields(question, people) | {"age_seconds": age_seconds(question)}
        )
        for question in questions
    ]


def answers_public(
    session: Session, question: Question, answers: Sequence[Answer], *, viewer: User
) -> list[AnswerPublic]:
    people = org_service.users_by_id(session, (item.author_id for item in answers))
    voted = set(
        session.exec(
            select(col(Vote.answer_id)).where(
                col(Vote.user_id) == viewer.id,
                col(Vote.answer_id).in_([item.id for item in answers]),
            )
        ).all()
    )
    result = []
    for item in answers:
        assert item.id is not None
        result.append(
            AnswerPublic(
                id=item.id,
                question_id=item.question_id,
                body=item.body,
                body_html=item.body_html,
                author=_person(people, item.author_id, question.category),
                created_at=item.created_at,
                edited_at=item.edited_at,
                votes=item.vote_count,
                voted=item.id in voted,
                accepted=item.id == question.accepted_answer_id,
                can_edit=policy.can_moderate_qa(
                    viewer, author_id=item.author_id, store_id=question.store_id
                ),
            )
        )
    return result


def question_public(
    session: Session, question: Question, answers: Sequence[Answer], *, viewer: User
) -> QuestionPublic:
    people = org_service.users_by_id(session, [question.author_id])
    return QuestionPublic.model_validate(
        _summary_fields(question, people)
        | {
            "body": question.body,
            "body_html": question.body_html,
            "locale": question.locale,
            "edited_at": question.edited_at,
            "answers": answers_public(session, question, answers, viewer=viewer),
            "can_edit": policy.can_moderate_qa(
                viewer, author_id=question.author_id, store_id=question.store_id
            ),
            "can_accept": policy.can_accept_answer(
                viewer, asker_id=question.author_id, store_id=question.store_id
            ),
        }
    )
