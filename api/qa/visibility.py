"""Who may see a question (and its answers): the one definition every reader of Q&A uses.

A company question is for everyone; a store question for that store's people; head office and
admins see every question. The rule itself is `policy.can_see_question`; here it is also written
as SQL from both sides, over questions (lists, search, similar, the unanswered queue) and over
people (who is told about a new question). tests/qa/test_visibility_agreement.py holds the
three to the same answers for every role and scope.
"""

from sqlalchemy import ColumnElement, and_, or_, true
from sqlmodel import col

from api import policy
from api.org.models import CHAIN_WIDE_ROLES, User
from api.qa.models import Question, Scope


def can_see(user: User, question: Question) -> bool:
    return policy.can_see_question(
        user, company_wide=question.scope == Scope.COMPANY, store_id=question.store_id
    )


def visible_to(user: User) -> ColumnElement[bool]:
    """Questions this user may see."""
    if policy.is_chain_wide(user):
        return true()
    own_store = col(Question.store_id) == user.store_id if user.store_id is not None else None
    company = col(Question.scope) == Scope.COMPANY
    return or_(company, own_store) if own_store is not None else company


def viewers_of(question: Question) -> ColumnElement[bool]:
    """Active people who may see this question (a condition over org_user)."""
    if question.scope == Scope.COMPANY:
        return and_(col(User.is_active), true())
    chain_wide = col(User.role).in_(CHAIN_WIDE_ROLES)
    in_store = (
        col(User.store_id) == question.store_id if question.store_id is not None else chain_wide
    )
    return and_(col(User.is_active), or_(chain_wide, in_store))
