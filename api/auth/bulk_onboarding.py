"""Onboarding from a CSV file: invites (`store_code,role,uses`) or accounts
(`name,username,store_code,role`), every line of a file or none.

The file is read as every upload is (api/common/csv_file.py: `,` or `;`, a BOM is fine, line
numbers as a spreadsheet shows them, the header being line 1); a file with any bad line is
refused whole, with every problem found (line, column, message). What a line may ask for is
can_invite's rule, the one POST /invites follows: only admins bring in admins.
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from pydantic import TypeAdapter, ValidationError
from sqlmodel import Session, col, select

from api import policy
from api.audit import service as audit_service
from api.auth import invite_codes, sign_in_codes
from api.auth.models import Invite
from api.auth.passwords import unusable_password
from api.auth.schemas import MAX_INVITE_USES
from api.common import csv_file
from api.common.clock import now
from api.org import service as org_service
from api.org.models import STORE_ROLES, Role, Store, User
from api.org.schemas import Username

# Lines per file. Every line comes back with its QR code (about 2 KB and 6 ms each), so 500
# lines answer in a few seconds with about 1 MB; a region's worth of stores fits in one file.
MAX_ROWS = 500
INVITE_COLUMNS = ("store_code", "role", "uses")
USER_COLUMNS = ("name", "username", "store_code", "role")
MAX_NAME = 100

_USERNAME: TypeAdapter[str] = TypeAdapter(Username)
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_ROLES = ", ".join(role.value for role in Role)


@dataclass(frozen=True)
class _Place:
    """Where and as what a line brings someone in."""

    line: int
    role: Role
    store: Store | None

    @property
    def sort_key(self) -> tuple[bool, str, int]:
        """By store code (a printed sheet per store), HQ and admins last, then file order."""
        return self.store is None, self.store.code if self.store else "", self.line


def import_invites(
    session: Session, *, actor: User, data: bytes, default_days: int, ip: str
) -> list[Invite]:
    """Make an invite for every line of the file, or none; sorted by store."""
    csv_file.ensure_size(data, what="An invite file")
    rows, problems = csv_file.read_rows(
        data, columns=INVITE_COLUMNS, max_rows=MAX_ROWS, what="invites"
    )
    stores = _stores_by_code(session, (row.values["store_code"] for row in rows))
    planned: list[tuple[_Place, int]] = []
    for row in rows:
        place, place_problems = _place(row, actor=actor, stores=stores, verb="invite")
        uses, uses_problems = _uses(row)
        problems += place_problems + uses_problems
        if place is not None and uses is not None:
            planned.append((place, uses))
    if problems:
        raise csv_file.refuse(problems, columns=INVITE_COLUMNS)
    assert actor.id is not None
    planned.sort(key=lambda item: item[0].sort_key)
    expires_at = now() + timedelta(days=default_days)
    invites = [
        Invite(
            code=invite_codes.new_code(),
            store_id=place.store.id if place.store else None,
            role=place.role,
            max_uses=uses,
            expires_at=expires_at,
            created_by_id=actor.id,
        )
        for place, uses in planned
    ]
    session.add_all(invites)
    session.flush()
    ids = [invite.id for invite in invites]
    assert ids[0] is not None
    audit_service.record(
        session,
        actor_id=actor.id,
        action="invites.import",
        subject_type="invite",
        subject_id=ids[0],
        details=_counts([place for place, _ in planned]),
        ip=ip,
    )
    session.commit()
    # One query to load them all again after the commit, instead of one per invite.
    session.exec(select(Invite).where(col(Invite.id).in_(ids))).all()
    return invites


def import_users(
    session: Session, *, actor: User, data: bytes, code_lifetime: timedelta, ip: str
) -> list[sign_in_codes.IssuedCode]:
    """Make an account with a one-time sign-in code for every line of the file, or none; sorted
    by store. The accounts have no password until their code is used."""
    csv_file.ensure_size(data, what="A file of accounts")
    rows, problems = csv_file.read_rows(
        data, columns=USER_COLUMNS, max_rows=MAX_ROWS, what="accounts"
    )
    stores = _stores_by_code(session, (row.values["store_code"] for row in rows))
    taken = _taken_usernames(session, (row.values["username"] for row in rows))
    first_line: dict[str, int] = {}
    planned: list[tuple[_Place, str, str]] = []
    for row in rows:
        name = row.values["name"]
        if not name:
            problems.append((row.line, "name", "Give the person's name"))
        elif len(name) > MAX_NAME:
            problems.append((row.line, "name", f"A name can be {MAX_NAME} characters at most"))
        username = _username(row.values["username"])
        if username is None:
            problems.append(
                (
                    row.line,
                    "username",
                    "A username has 3 to 40 characters: letters a-z, digits, dots, dashes and "
                    "underscores, starting with a letter or digit",
                )
            )
        elif username in taken:
            problems.append((row.line, "username", f"The username '{username}' is already taken"))
        elif username in first_line:
            problems.append(
                (
                    row.line,
                    "username",
                    f"The username '{username}' is also on line {first_line[username]}",
                )
            )
        else:
            first_line[username] = row.line
        place, place_problems = _place(row, actor=actor, stores=stores, verb="add")
        problems += place_problems
        if place is not None and username is not None:
            planned.append((place, username, name))
    if problems:
        raise csv_file.refuse(problems, columns=USER_COLUMNS)
    assert actor.id is not None
    planned.sort(key=lambda item: item[0].sort_key)
    issued = []
    for place, username, name in planned:
        user = org_service.add_user(
            session,
            username=username,
            name=name,
            password_hash=unusable_password(),
            role=place.role,
            store_id=place.store.id if place.store else None,
        )
        issued.append(
            sign_in_codes.issue_sign_in_code(
                session, user=user, creator=actor, lifetime=code_lifetime
            )
        )
    first_id = issued[0].user.id
    assert first_id is not None
    audit_service.record(
        session,
        actor_id=actor.id,
        action="users.import",
        subject_type="user",
        subject_id=first_id,
        details=_counts([place for place, _, _ in planned]),
        ip=ip,
    )
    session.commit()
    org_service.users_by_id(session, (item.user.id for item in issued if item.user.id))
    return issued


def _place(
    row: csv_file.Row, *, actor: User, stores: dict[str, Store], verb: str
) -> tuple[_Place | None, list[csv_file.LineProblem]]:
    """The store and role a line names, or what is wrong with them."""
    problems: list[csv_file.LineProblem] = []
    typed_code = row.values["store_code"]
    store = stores.get(typed_code.upper()) if typed_code else None
    if typed_code and store is None:
        problems.append((row.line, "store_code", f"No store has the code '{typed_code}'"))
    try:
        role = Role(row.values["role"].lower())
    except ValueError:
        problems.append(
            (row.line, "role", f"'{row.values['role']}' is not a role; use one of {_ROLES}")
        )
        return None, problems
    if role in STORE_ROLES and not typed_code:
        problems.append((row.line, "store_code", "Staff and store managers need a store code"))
    if role not in STORE_ROLES and typed_code:
        problems.append(
            (row.line, "store_code", "HQ and admins belong to no store: leave store_code empty")
        )
    if not policy.can_invite(actor, store_id=store.id if store else None, role=role):
        # Only HQ and admins import, so this is HQ asking for an admin.
        problems.append((row.line, "role", f"Only an admin can {verb} admins"))
    if problems:
        return None, problems
    return _Place(row.line, role, store), []


def _uses(row: csv_file.Row) -> tuple[int | None, list[csv_file.LineProblem]]:
    text = row.values["uses"]
    if _WHOLE_NUMBER.fullmatch(text) and 1 <= int(text) <= MAX_INVITE_USES:
        return int(text), []
    message = f"uses must be a whole number from 1 to {MAX_INVITE_USES}"
    return None, [(row.line, "uses", f"{message}, not '{text}'" if text else message)]


def _username(text: str) -> str | None:
    try:
        return _USERNAME.validate_python(text)
    except ValidationError:
        return None


def _stores_by_code(session: Session, typed_codes: Iterable[str]) -> dict[str, Store]:
    """The stores a file names, by code (codes are stored in capitals), in one query."""
    codes = {code.upper() for code in typed_codes if code}
    if not codes:
        return {}
    stores = session.exec(select(Store).where(col(Store.code).in_(codes)))
    return {store.code: store for store in stores}


def _taken_usernames(session: Session, typed: Iterable[str]) -> set[str]:
    wanted = {username for username in map(_username, typed) if username is not None}
    if not wanted:
        return set()
    return set(session.exec(select(User.username).where(col(User.username).in_(wanted))))


def _counts(places: Sequence[_Place]) -> dict[str, object]:
    """What an import's audit entry says it made: how many, per store code and per role."""
    return {
        "count": len(places),
        "per_store": dict(Counter(place.store.code for place in places if place.store)),
        "per_role": dict(Counter(place.role.value for place in places)),
    }
