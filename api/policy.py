"""Every "may this user do X to Y" in one place.

`can_*` answer yes or no; `ensure_*` raise the right error. The rule of thumb for statuses:
a role that may never do something gets 403; a thing in another store that the caller may not
even see gets 404, so existence never leaks across stores.
"""

from dataclasses import dataclass

from api.errors import Conflict, Forbidden, NotFound
from api.org.models import CHAIN_WIDE_ROLES, STORE_ROLES, Role, User


def is_chain_wide(user: User) -> bool:
    """HQ and admins work for the whole chain and see every store."""
    return user.role in CHAIN_WIDE_ROLES


def is_manager_of(user: User, store_id: int | None) -> bool:
    return user.role == Role.STORE_MANAGER and store_id is not None and user.store_id == store_id


def ensure_can_manage_org(user: User) -> None:
    """Creating regions and stores is for HQ and admins."""
    if not is_chain_wide(user):
        raise Forbidden("Only headquarters can change regions and stores")


def can_invite(user: User, *, store_id: int | None, role: Role) -> bool:
    if user.role == Role.ADMIN:
        return True
    if user.role == Role.HQ:
        return role != Role.ADMIN
    return role in STORE_ROLES and is_manager_of(user, store_id)


def ensure_can_invite(user: User, *, store_id: int | None, role: Role) -> None:
    if not can_invite(user, store_id=store_id, role=role):
        raise Forbidden("You may not invite people with this role to this store")


def ensure_can_manage_invite(user: User, store_id: int | None) -> None:
    """Revoking a store's invites: its managers, HQ and admins."""
    if user.role == Role.STAFF:
        raise Forbidden("Only managers and headquarters manage invites")
    if not (is_chain_wide(user) or is_manager_of(user, store_id)):
        raise NotFound("Invite not found")


def users_store_filter(user: User, requested_store_id: int | None) -> int | None:
    """The store a user list is limited to (None: every store) for this caller."""
    if is_chain_wide(user):
        return requested_store_id
    if user.role == Role.STORE_MANAGER and requested_store_id in (None, user.store_id):
        return user.store_id
    raise Forbidden("You may only list the people of your own store")


def can_see_user(viewer: User, target: User) -> bool:
    if viewer.id == target.id or is_chain_wide(viewer):
        return True
    return is_manager_of(viewer, target.store_id)


def ensure_can_edit_user(actor: User, target: User, *, new_role: Role | None) -> None:
    """Role, store and expertise changes are for HQ and admins; only admins touch admins."""
    if not is_chain_wide(actor):
        raise Forbidden("Only headquarters can change roles, stores and expertise")
    if actor.role == Role.HQ and Role.ADMIN in (target.role, new_role):
        raise Forbidden("Only an admin can change an admin or make someone admin")
    if actor.id == target.id and new_role not in (None, actor.role):
        raise Conflict("You cannot change your own role", code="own_role")


@dataclass(frozen=True)
class _AccountAction:
    """What each refusal says, for one thing done to someone's account."""

    staff: str
    own: str
    manager: str
    admin: str


def _ensure_can_act_on_account(actor: User, target: User, action: _AccountAction) -> None:
    """Closing an account, or handing out the key to it: the person's own store manager (for
    staff and managers of that store), HQ (never for admins) and admins; never oneself."""
    if actor.role == Role.STAFF:
        raise Forbidden(action.staff)
    if not can_see_user(actor, target):
        raise NotFound("User not found")
    if actor.id == target.id:
        raise Conflict(action.own, code="own_account")
    if actor.role == Role.STORE_MANAGER and target.role not in STORE_ROLES:
        raise Forbidden(action.manager)
    if actor.role == Role.HQ and target.role == Role.ADMIN:
        raise Forbidden(action.admin)


_DEACTIVATE = _AccountAction(
    staff="Only managers and headquarters can remove accounts",
    own="You cannot deactivate your own account",
    manager="Store managers can only remove their own store's staff",
    admin="Only an admin can deactivate an admin",
)
# A sign-in code sets a new password, so it takes over the account; for oneself it would turn
# a stolen session into the account itself.
_SIGN_IN_CODE = _AccountAction(
    staff="Only managers and headquarters can make sign-in codes",
    own="You cannot make a sign-in code for yourself; ask a colleague who manages accounts",
    manager="Store managers can only make sign-in codes for their own store's staff",
    admin="Only an admin can make a sign-in code for an admin",
)


def ensure_can_deactivate(actor: User, target: User) -> None:
    """Deactivating and reactivating an account."""
    _ensure_can_act_on_account(actor, target, _DEACTIVATE)


def audit_actor_filter(user: User, requested_actor_id: int | None) -> int | None:
    """Whose actions a caller may read in the audit log: admins anyone's (None: all), head
    office only their own."""
    if user.role == Role.ADMIN:
        return requested_actor_id
    if user.role == Role.HQ and requested_actor_id in (None, user.id):
        return user.id
    if user.role == Role.HQ:
        raise Forbidden("Head office sees its own actions in the audit log")
    raise Forbidden("The audit log is for admins and head office")


def ensure_can_make_sign_in_code(actor: User, target: User) -> None:
    _ensure_can_act_on_account(actor, target, _SIGN_IN_CODE)


def ensure_can_import_people(user: User) -> None:
    """Uploading a CSV of invites or accounts (many stores at once) is for HQ and admins; which
    roles each line may give is can_invite's rule."""
    if not is_chain_wide(user):
        raise Forbidden("Only headquarters and admins can import invites and accounts")


# Store news


def ensure_can_publish(user: User, *, store_ids: list[int], region_ids: list[int]) -> None:
    """HQ and admins publish to anyone; a store manager only to their own store (roles may
    narrow that further; they never widen it)."""
    if is_chain_wide(user):
        return
    if user.role != Role.STORE_MANAGER:
        raise Forbidden("Only headquarters and store managers publish news")
    if region_ids or set(store_ids) != {user.store_id}:
        raise Forbidden("Store managers publish to their own store only")


def can_manage_post(user: User, author_id: int) -> bool:
    """Editing, deleting and reading the comments' moderation view: author, HQ, admin."""
    return is_chain_wide(user) or user.id == author_id


def ensure_can_manage_post(user: User, author_id: int) -> None:
    if not can_manage_post(user, author_id):
        raise Forbidden("Only the author and headquarters can change this post")


def stats_store_filter(user: User, *, author_id: int) -> int | None:
    """Which store's read rates a caller may see for a post: all (None) or their own."""
    if is_chain_wide(user):
        return None
    if user.role == Role.STORE_MANAGER and user.store_id is not None:
        return user.store_id
    if user.id == author_id:
        return None
    raise Forbidden("Read rates are for managers and headquarters")


def ensure_can_moderate_comment(user: User, *, comment_author_id: int) -> None:
    if not (is_chain_wide(user) or user.id == comment_author_id):
        raise Forbidden("Only the writer and headquarters can change this comment")


def ensure_can_upload_media(user: User) -> None:
    """Images go into posts, so whoever may publish may upload."""
    if not (is_chain_wide(user) or user.role == Role.STORE_MANAGER):
        raise Forbidden("Only headquarters and store managers add images")


# Questions and answers. A question belongs to the asker's store (null for hq/admin askers);
# `company_wide` questions are visible to everyone.


def can_see_question(user: User, *, company_wide: bool, store_id: int | None) -> bool:
    return (
        company_wide or is_chain_wide(user) or (store_id is not None and user.store_id == store_id)
    )


def can_moderate_qa(user: User, *, author_id: int, store_id: int | None) -> bool:
    """Editing and deleting a question or answer: its writer, the store's manager, HQ, admin."""
    return user.id == author_id or is_chain_wide(user) or is_manager_of(user, store_id)


def ensure_can_moderate_qa(user: User, *, author_id: int, store_id: int | None) -> None:
    if not can_moderate_qa(user, author_id=author_id, store_id=store_id):
        raise Forbidden("Only the writer, their store manager and headquarters can change this")


def can_accept_answer(user: User, *, asker_id: int, store_id: int | None) -> bool:
    """Choosing the best answer: the asker, that store's manager, HQ, admin."""
    return user.id == asker_id or is_chain_wide(user) or is_manager_of(user, store_id)


def ensure_can_accept_answer(user: User, *, asker_id: int, store_id: int | None) -> None:
    if not can_accept_answer(user, asker_id=asker_id, store_id=store_id):
        raise Forbidden("Only the asker, their store manager and headquarters choose the answer")


def ensure_can_vote(user: User, *, answer_author_id: int) -> None:
    if user.id == answer_author_id:
        raise Forbidden("You cannot vote for your own answer")


def ensure_can_see_unanswered(user: User) -> None:
    """The queue is for those who answer: managers, HQ, admins and category experts."""
    if not (is_chain_wide(user) or user.role == Role.STORE_MANAGER or user.expert_categories):
        raise Forbidden("The unanswered queue is for managers, headquarters and experts")


# Shifts: a store's manager plans that store's people; HQ and admins plan anyone's.


def ensure_can_plan_shifts(user: User) -> None:
    """Entering, importing, listing and removing shifts is for managers and headquarters."""
    if not (is_chain_wide(user) or user.role == Role.STORE_MANAGER):
        raise Forbidden("Only store managers and headquarters plan shifts")


def can_plan_shifts_in(user: User, store_id: int | None) -> bool:
    return is_chain_wide(user) or is_manager_of(user, store_id)


def shifts_store_filter(user: User, requested_store_id: int | None) -> int | None:
    """The store a schedule is limited to (None: every store) for this caller."""
    ensure_can_plan_shifts(user)
    if is_chain_wide(user):
        return requested_store_id
    if requested_store_id in (None, user.store_id):
        return user.store_id
    raise Forbidden("You may only see your own store's shifts")
