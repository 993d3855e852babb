from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class HitType(StrEnum):
    NEWS = "news"
    QUESTION = "question"


class SearchHit(BaseModel):
    type: HitType
    id: int
    title: str
    snippet: str = Field(
        description="A piece of the text as HTML: escaped, with the matches in <mark>"
    )
    score: float
    url: str = Field(description="Where the app opens it, e.g. /news/12 or /questions/7")
    created_at: datetime = Field(description="Published (news) or asked (questions)")
    status: str | None = Field(default=None, description="Questions: open or answered")
