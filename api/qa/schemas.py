from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from api.common.schemas import Id, Line, StrictInput
from api.org.models import Locale, Role
from api.qa.models import QuestionStatus, Scope

Title = Annotated[Line, StringConstraints(min_length=3, max_length=200)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
AnswerBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)
]
CategoryName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
# What is typed into a search box: long enough for a sentence, bounded for the database.
Query = Annotated[str, StringConstraints(max_length=200)]


class QuestionCreate(StrictInput):
    title: Title
    body: Body = ""
    category: CategoryName = Field(description="One of GET /questions/categories")
    scope: Scope = Field(
        default=Scope.STORE, description="store: your store (and HQ) sees it; company: everyone"
    )
    locale: Locale | None = Field(
        default=None, description="The language it is written in; default your own"
    )


class QuestionUpdate(StrictInput):
    title: Title | None = None
    body: Body | None = None
    category: CategoryName | None = None
    scope: Scope | None = None


class AnswerCreate(StrictInput):
    body: AnswerBody


class AnswerUpdate(StrictInput):
    body: AnswerBody


class AcceptAnswer(StrictInput):
    answer_id: Id


class PersonPublic(BaseModel):
    id: int
    name: str
    role: Role
    is_expert: bool = Field(description="An expert in this question's category")


class AnswerPublic(BaseModel):
    id: int
    question_id: int
    body: str
    body_html: str
    author: PersonPublic
    created_at: datetime
    edited_at: datetime | None
    votes: int
    voted: bool = Field(description="You voted for it")
    accepted: bool
    can_edit: bool


class QuestionSummary(BaseModel):
    id: int
    title: str
    category: str
    scope: Scope
    status: QuestionStatus
    store_id: int | None
    author: PersonPublic
    answer_count: int
    accepted_answer_id: int | None
    created_at: datetime


class QuestionPublic(QuestionSummary):
    body: str
    body_html: str
    locale: Locale
    edited_at: datetime | None
    answers: list[AnswerPublic] = Field(description="Accepted first, then by votes")
    can_edit: bool
    can_accept: bool


class UnansweredQuestion(QuestionSummary):
    age_seconds: int = Field(description="How long it has been waiting")


class SimilarQuestion(BaseModel):
    id: int
    title: str
    status: QuestionStatus
    score: float
    category: str
    answer_count: int


class SimilarQuestions(BaseModel):
    items: list[SimilarQuestion]


class Categories(BaseModel):
    items: list[str]
