from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime, str_enum
from api.org.models import Locale


class Scope(StrEnum):
    STORE = "store"  # the asker's store (and hq/admin) can see it
    COMPANY = "company"  # everyone can see it


class QuestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"  # an answer has been accepted


class Question(SQLModel, table=True):
    __tablename__ = "qa_question"
    __table_args__ = (
        # The list and the unanswered queue read by status, newest or oldest first.
        Index("ix_qa_question_status", "status", "id"),
        Index("ix_qa_question_store", "store_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    author_id: int = Field(foreign_key="org_user.id", index=True)
    # The asker's home store when asking (null for hq/admin); `scope` says who may see it.
    store_id: int | None = Field(default=None, foreign_key="org_store.id")
    scope: Scope = Field(sa_type=str_enum(Scope))
    category: str = Field(sa_type=String(40), index=True)
    title: str = Field(sa_type=String(200))
    body: str = Field(sa_type=Text)
    body_html: str = Field(sa_type=Text)
    # The language it was written in: full-text search stems it with that language's rules.
    locale: Locale = Field(default=Locale.NL, sa_type=str_enum(Locale))
    status: QuestionStatus = Field(default=QuestionStatus.OPEN, sa_type=str_enum(QuestionStatus))
    accepted_answer_id: int | None = None
    answer_count: int = 0
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Answer(SQLModel, table=True):
    __tablename__ = "qa_answer"

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="qa_question.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="org_user.id", index=True)
    body: str = Field(sa_type=Text)
    body_html: str = Field(sa_type=Text)
    vote_count: int = 0
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Vote(SQLModel, table=True):
    """One person's upvote on one answer."""

    __tablename__ = "qa_vote"

    answer_id: int = Field(foreign_key="qa_answer.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="org_user.id", primary_key=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
