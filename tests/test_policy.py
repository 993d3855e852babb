"""The policy module as a table: actor x target -> allowed or which error."""

import pytest

from api import policy
from api.errors import Conflict, Forbidden, NotFound
from api.org.models import Role, User

A, B = 1, 2


def person(user_id: int, role: Role, store_id: int | None) -> User:
    return User(
        id=user_id,
        username=f"u{user_id}",
        name="x",
        password_hash="x",
        role=role,
        store_id=store_id,
    )


STAFF_A = person(1, Role.STAFF, A)
STAFF_A2 = person(2, Role.STAFF, A)
MANAGER_A = person(3, Role.STORE_MANAGER, A)
STAFF_B = person(4, Role.STAFF, B)
MANAGER_B = person(5, Role.STORE_MANAGER, B)
HQ = person(6, Role.HQ, None)
ADMIN = person(7, Role.ADMIN, None)
ADMIN2 = person(8, Role.ADMIN, None)


@pytest.mark.parametrize(
    ("actor", "store_id", "role", "allowed"),
    [
        (STAFF_A, A, Role.STAFF, False),
        (MANAGER_A, A, Role.STAFF, True),
        (MANAGER_A, A, Role.STORE_MANAGER, True),
        (MANAGER_A, B, Role.STAFF, False),
        (MANAGER_A, None, Role.HQ, False),
        (HQ, B, Role.STAFF, True),
        (HQ, None, Role.HQ, True),
        (HQ, None, Role.ADMIN, False),
        (ADMIN, None, Role.ADMIN, True),
    ],
)
def test_can_invite(actor: User, store_id: int | None, role: Role, allowed: bool) -> None:
    assert policy.can_invite(actor, store_id=store_id, role=role) is allowed


@pytest.mark.parametrize(
    ("viewer", "target", "visible"),
    [
        (STAFF_A, STAFF_A, True),
        (STAFF_A, STAFF_A2, False),
        (MANAGER_A, STAFF_A, True),
        (MANAGER_A, STAFF_B, False),
        (MANAGER_B, STAFF_A, False),
        (HQ, STAFF_B, True),
        (ADMIN, HQ, True),
    ],
)
def test_can_see_user(viewer: User, target: User, visible: bool) -> None:
    assert policy.can_see_user(viewer, target) is visible


@pytest.mark.parametrize(
    ("actor", "target", "error"),
    [
        (STAFF_A, STAFF_A2, Forbidden),
        (STAFF_A, STAFF_B, Forbidden),
        (MANAGER_A, STAFF_A, None),
        (MANAGER_A, MANAGER_A, Conflict),
        (MANAGER_A, STAFF_B, NotFound),
        (MANAGER_A, HQ, NotFound),
        (HQ, STAFF_B, None),
        (HQ, MANAGER_B, None),
        (HQ, ADMIN, Forbidden),
        (ADMIN, ADMIN2, None),
        (ADMIN, ADMIN, Conflict),
    ],
)
def test_ensure_can_deactivate(actor: User, target: User, error: type[Exception] | None) -> None:
    if error is None:
        policy.ensure_can_deactivate(actor, target)
    else:
        with pytest.raises(error):
            policy.ensure_can_deactivate(actor, target)


@pytest.mark.parametrize(
    ("actor", "target", "error"),
    [
        (STAFF_A, STAFF_A2, Forbidden),
        (STAFF_A, STAFF_A, Forbidden),
        (STAFF_A, STAFF_B, Forbidden),
        (MANAGER_A, STAFF_A, None),
        (MANAGER_A, MANAGER_A, Conflict),  # one's own account: never by code
        (MANAGER_A, STAFF_B, NotFound),
        (MANAGER_A, MANAGER_B, NotFound),
        (MANAGER_A, HQ, NotFound),
        (MANAGER_A, ADMIN, NotFound),
        (HQ, STAFF_B, None),
        (HQ, MANAGER_B, None),
        (HQ, HQ, Conflict),
        (HQ, ADMIN, Forbidden),
        (ADMIN, ADMIN2, None),
        (ADMIN, ADMIN, Conflict),
        (ADMIN, HQ, None),
    ],
)
def test_ensure_can_make_sign_in_code(
    actor: User, target: User, error: type[Exception] | None
) -> None:
    if error is None:
        policy.ensure_can_make_sign_in_code(actor, target)
    else:
        with pytest.raises(error):
            policy.ensure_can_make_sign_in_code(actor, target)


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [(STAFF_A, False), (MANAGER_A, False), (HQ, True), (ADMIN, True)],
)
def test_ensure_can_import_people(actor: User, allowed: bool) -> None:
    if allowed:
        policy.ensure_can_import_people(actor)
    else:
        with pytest.raises(Forbidden):
            policy.ensure_can_import_people(actor)


@pytest.mark.parametrize(
    ("actor", "requested", "result"),
    [
        (MANAGER_A, None, A),
        (MANAGER_A, A, A),
        (MANAGER_A, B, Forbidden),
        (STAFF_A, A, Forbidden),
        (HQ, None, None),
        (HQ, B, B),
        (ADMIN, A, A),
    ],
)
def test_users_store_filter(actor: User, requested: int | None, result: object) -> None:
    if isinstance(result, type):
        with pytest.raises(result):
            policy.users_store_filter(actor, requested)
    else:
        assert policy.users_store_filter(actor, requested) == result


@pytest.mark.parametrize(
    ("actor", "target", "new_role", "error"),
    [
        (MANAGER_A, STAFF_A, None, Forbidden),
        (HQ, STAFF_A, Role.STORE_MANAGER, None),
        (HQ, STAFF_A, Role.ADMIN, Forbidden),
        (HQ, ADMIN, None, Forbidden),
        (ADMIN, HQ, Role.ADMIN, None),
        (ADMIN, ADMIN, Role.HQ, Conflict),
        (ADMIN, ADMIN, None, None),
    ],
)
def test_ensure_can_edit_user(
    actor: User, target: User, new_role: Role | None, error: type[Exception] | None
) -> None:
    if error is None:
        policy.ensure_can_edit_user(actor, target, new_role=new_role)
    else:
        with pytest.raises(error):
            policy.ensure_can_edit_user(actor, target, new_role=new_role)


@pytest.mark.parametrize(
    ("actor", "store_id", "error"),
    [(STAFF_A, A, Forbidden), (MANAGER_A, A, None), (MANAGER_A, B, NotFound), (HQ, B, None)],
)
def test_ensure_can_manage_invite(
    actor: User, store_id: int, error: type[Exception] | None
) -> None:
    if error is None:
        policy.ensure_can_manage_invite(actor, store_id)
    else:
        with pytest.raises(error):
            policy.ensure_can_manage_invite(actor, store_id)


@pytest.mark.parametrize(
    ("actor", "store_id", "allowed"),
    [
        (STAFF_A, A, False),
        (MANAGER_A, A, True),
        (MANAGER_A, B, False),
        (MANAGER_A, None, False),
        (HQ, B, True),
        (ADMIN, A, True),
    ],
)
def test_can_plan_shifts_in(actor: User, store_id: int | None, allowed: bool) -> None:
    assert policy.can_plan_shifts_in(actor, store_id) is allowed


@pytest.mark.parametrize(
    ("actor", "requested", "result"),
    [
        (STAFF_A, None, Forbidden),
        (STAFF_A, A, Forbidden),
        (MANAGER_A, None, A),
        (MANAGER_A, A, A),
        (MANAGER_A, B, Forbidden),
        (HQ, None, None),
        (HQ, B, B),
        (ADMIN, A, A),
    ],
)
def test_shifts_store_filter(actor: User, requested: int | None, result: object) -> None:
    if isinstance(result, type):
        with pytest.raises(result):
            policy.shifts_store_filter(actor, requested)
    else:
        assert policy.shifts_store_filter(actor, requested) == result
