"""Which questions a person may see, as SQL (the same rule as policy.can_see_question)."""

from sqlalchemy import ColumnElement, or_, true
from sqlmodel import col

from api import policy
from api.org.models import User
from api.qa.models import Question, Scope


def visible_to(user: User) -> ColumnElement[bool]:
    if policy.is_chain_wide(user):
        return true()
    own_store = col(Question.store_id) == user.store_id if user.store_id is not None else None
    company = col(Question.scope) == Scope.COMPANY
    return or_(company, own_store) if own_store is not None else company


def can_see(user: User, question: Question) -> bool:
    return policy.can_see_question(
        user, company_wide=question.scope == Scope.COMPANY, store_id=question.store_id
    )
