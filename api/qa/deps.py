"""Loading a question or answer the caller may see (404 otherwise, as for news)."""

from typing import Annotated

from fastapi import Depends

from api.auth.deps import CurrentUser
from api.common.schemas import IdPath
from api.db import SessionDep
from api.errors import NotFound
from api.qa import visibility
from api.qa.models import Answer, Question


def get_visible_question(question_id: IdPath, session: SessionDep, user: CurrentUser) -> Question:
    question = session.get(Question, question_id)
    if question is None or not visibility.can_see(user, question):
        raise NotFound("Question not found")
    return question


def get_visible_answer(answer_id: IdPath, session: SessionDep, user: CurrentUser) -> Answer:
    answer = session.get(Answer, answer_id)
    question = session.get(Question, answer.question_id) if answer is not None else None
    if answer is None or question is None or not visibility.can_see(user, question):
        raise NotFound("Answer not found")
    return answer


VisibleQuestion = Annotated[Question, Depends(get_visible_question)]
VisibleAnswer = Annotated[Answer, Depends(get_visible_answer)]
