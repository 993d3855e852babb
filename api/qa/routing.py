"""Who hears about a new question: so it reaches someone who can answer it.

A store question goes to that store's manager(s); a question in a category goes to that
category's experts (users whose `expert_categories` list it) who can see it. The asker is
never notified of their own question. All of it is one SELECT of user ids.
"""

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, cast, exists, func, literal_column, or_
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Session, col

from api.org.models import Role, User
from api.qa import visibility
from api.qa.models import Question


def is_expert_in(session: Session, category: str) -> ColumnElement[bool]:
    """Users whose expert_categories (a JSON list) contain `category`."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(col(User.expert_categories), JSONB).contains([category])
    listed = func.json_each(col(User.expert_categories)).table_valued("value")
    return exists(
        sa_select(literal_column("1")).select_from(listed).where(listed.c.value == category)
    )


def who_to_tell(session: Session, question: Question) -> Select[Any]:
    managers = and_(
        col(User.role) == Role.STORE_MANAGER,
        col(User.store_id) == question.store_id,
    )
    experts = is_expert_in(session, question.category)
    wanted = or_(managers, experts) if question.store_id is not None else experts
    # Only people who may see it: an expert in another store hears nothing of a store question.
    return sa_select(col(User.id)).where(
        wanted, visibility.viewers_of(question), col(User.id) != question.author_id
    )
