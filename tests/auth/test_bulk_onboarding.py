"""POST /invites/import and POST /users/import: a whole CSV file or nothing, every bad line
reported at ["body", "file", line, column] with the line number a spreadsheet shows."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from api.audit.models import AuditEntry
from api.auth import bulk_onboarding
from api.auth.models import Invite, SignInCode
from api.common.csv_file import MAX_BYTES
from api.org.models import Role, User
from tests.conftest import MovableClock, World
from tests.factories import PASSWORD

INVITES = "/api/v1/invites/import"
USERS = "/api/v1/users/import"
INVITE_HEADER = "store_code,role,uses"
USER_HEADER = "name,username,store_code,role"


def upload(
    client: TestClient, world: World, url: str, content: str | bytes, *, by: str = "hq"
) -> Any:
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        url, files={"file": ("people.csv", data, "text/csv")}, headers=world.headers(by)
    )


def csv_text(world: World, header: str, *lines: str) -> str:
    """A file with the header; {a} and {b} become store A's and store B's codes."""
    codes = {"a": world.store_a.code, "b": world.store_b.code}
    return "\n".join([header, *(line.format(**codes) for line in lines)]) + "\n"


def errors(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 422, response.text
    return [(*error["loc"][2:], error["msg"]) for error in response.json()["detail"]]


def count(session: Session, model: Any) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def audit(session: Session, action: str) -> list[AuditEntry]:
    session.expire_all()
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def store_order(world: World, *stores: str) -> list[int | None]:
    """The store ids of lines for these stores ("a", "b", "" for none), as the answer sorts them:
    by store code, chain-wide last, file order within a store."""
    by_name = {"a": world.store_a, "b": world.store_b}

    def key(name: str) -> tuple[bool, str]:
        return name == "", by_name[name].code if name else ""

    return [by_name[name].id if name else None for name in sorted(stores, key=key)]


# Invites


def test_an_invite_file_makes_one_invite_per_line_sorted_by_store(
    client: TestClient, session: Session, world: World, frozen_clock: MovableClock
) -> None:
    content = csv_text(world, INVITE_HEADER, "{b},staff,10", "{a},store_manager,1", ",hq,2")
    content += f"{world.store_a.code.lower()},Staff,25\n"

    response = upload(client, world, INVITES, content)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["imported"] == 4
    items = body["items"]
    assert [item["store_id"] for item in items] == store_order(world, "b", "a", "", "a")
    by_store: dict[int | None, list[tuple[str, int]]] = {}
    for item in items:
        by_store.setdefault(item["store_id"], []).append((item["role"], item["max_uses"]))
    assert by_store == {
        world.store_a.id: [("store_manager", 1), ("staff", 25)],
        world.store_b.id: [("staff", 10)],
        None: [("hq", 2)],
    }
    for item in items:
        assert item["url"] == f"https://winkelpraat.example/join/{item['code']}"
        assert item["qr_svg"].lstrip().startswith("<svg")
        assert item["use_count"] == 0 and item["is_revoked"] is False
        expires = datetime.fromisoformat(item["expires_at"])
        assert expires == frozen_clock.current + timedelta(days=14)
    # The same shape as the invite list, which now shows them all.
    listed = client.get("/api/v1/invites?limit=100", headers=world.headers("hq")).json()["items"]
    assert sorted(listed, key=lambda item: item["id"]) == sorted(items, key=lambda i: i["id"])
    assert {invite.created_by_id for invite in session.exec(select(Invite))} == {
        world.users["hq"].id
    }


def test_the_new_invites_work(client: TestClient, world: World) -> None:
    item = upload(client, world, INVITES, csv_text(world, INVITE_HEADER, "{a},staff,1")).json()[
        "items"
    ][0]
    joined = client.post(
        "/api/v1/auth/join",
        json={"code": item["code"], "name": "Nieuw", "username": "nieuw.1", "password": PASSWORD},
    )
    assert joined.status_code == 201


def test_an_invite_import_is_audited_with_counts_and_the_address(
    app: FastAPI, session: Session, world: World
) -> None:
    content = csv_text(world, INVITE_HEADER, "{a},staff,5", "{a},staff,1", "{b},store_manager,1")
    with TestClient(app, client=("203.0.113.20", 50000)) as elsewhere:
        assert upload(elsewhere, world, INVITES, content, by="admin").status_code == 201

    [entry] = audit(session, "invites.import")
    assert entry.actor_id == world.users["admin"].id
    assert entry.subject_type == "invite"
    assert entry.ip == "203.0.113.20"
    assert entry.details == {
        "count": 3,
        "per_store": {world.store_a.code: 2, world.store_b.code: 1},
        "per_role": {"staff": 2, "store_manager": 1},
    }


def test_a_dutch_excel_export_with_bom_semicolons_crlf_and_blank_lines(
    client: TestClient, session: Session, world: World
) -> None:
    content = (
        "\ufeffStore_Code ; Role ; Uses\r\n"
        f"{world.store_a.code};staff;3\r\n"
        "\r\n"
        ";;\r\n"
        f" {world.store_b.code} ; store_manager ; 1 \r\n"
    )

    response = upload(client, world, INVITES, content.encode("utf-8"))

    assert response.status_code == 201, response.text
    assert count(session, Invite) == 2


def test_a_bad_invite_file_creates_nothing_and_names_every_bad_line(
    client: TestClient, session: Session, world: World
) -> None:
    content = csv_text(
        world,
        INVITE_HEADER,
        "{a},staff,3",  # line 2 is fine
        "NOPE-1,staff,3",
        "{a},boss,1",
        "{a},staff,0",
        "",  # a blank line keeps its number
        "{a},staff,two",
        "{a},staff,",
        "{a},staff,10001",
        ",staff,1",
        "{a},hq,1",
        ",admin,1",
        "{a},staff",
        "nope-2,cashier,-1",
    )

    response = upload(client, world, INVITES, content)

    assert errors(response) == [
        (3, "store_code", "No store has the code 'NOPE-1'"),
        (4, "role", "'boss' is not a role; use one of staff, store_manager, hq, admin"),
        (5, "uses", "uses must be a whole number from 1 to 10000, not '0'"),
        (7, "uses", "uses must be a whole number from 1 to 10000, not 'two'"),
        (8, "uses", "uses must be a whole number from 1 to 10000"),
        (9, "uses", "uses must be a whole number from 1 to 10000, not '10001'"),
        (10, "store_code", "Staff and store managers need a store code"),
        (11, "store_code", "HQ and admins belong to no store: leave store_code empty"),
        (12, "role", "Only an admin can invite admins"),
        (13, "Expected 3 values, found 2"),
        (14, "store_code", "No store has the code 'nope-2'"),
        (14, "role", "'cashier' is not a role; use one of staff, store_manager, hq, admin"),
        (14, "uses", "uses must be a whole number from 1 to 10000, not '-1'"),
    ]
    assert count(session, Invite) == 0
    assert audit(session, "invites.import") == []


def test_only_admins_import_admin_invites(client: TestClient, world: World) -> None:
    content = csv_text(world, INVITE_HEADER, ",admin,1")
    assert upload(client, world, INVITES, content, by="hq").status_code == 422
    response = upload(client, world, INVITES, content, by="admin")
    assert response.status_code == 201
    assert response.json()["items"][0]["role"] == "admin"


@pytest.mark.parametrize("by", ["staff", "manager", "manager_b"])
def test_staff_and_managers_may_not_import_invites(
    client: TestClient, session: Session, world: World, by: str
) -> None:
    content = csv_text(world, INVITE_HEADER, "{a},staff,1")
    response = upload(client, world, INVITES, content, by=by)
    assert response.status_code == 403
    assert count(session, Invite) == 0


# Accounts


def test_a_user_file_makes_accounts_with_a_sign_in_code_each(
    client: TestClient, session: Session, world: World, frozen_clock: MovableClock
) -> None:
    content = csv_text(
        world,
        USER_HEADER,
        "Bea de Vries,Bea.dV,{b},staff",
        "Ali Yilmaz,ali.y,{a},STORE_MANAGER",
        "Hanna Hoofdkantoor,hanna,,hq",
        "Sam Student,sam_s,{a},staff",
    )

    response = upload(client, world, USERS, content)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["imported"] == 4
    items = body["items"]
    assert [item["user"]["store_id"] for item in items] == store_order(world, "b", "a", "", "a")
    users = {item["user"]["username"]: item["user"] for item in items}
    assert set(users) == {"bea.dv", "ali.y", "hanna", "sam_s"}
    fields = ("username", "name", "role", "store_id", "locale", "expert_categories", "is_active")
    assert {field: users["ali.y"][field] for field in fields} == {
        "username": "ali.y",
        "name": "Ali Yilmaz",
        "role": "store_manager",
        "store_id": world.store_a.id,
        "locale": "nl",
        "expert_categories": [],
        "is_active": True,
    }
    assert users["hanna"]["role"] == "hq" and users["hanna"]["store_id"] is None
    for item in items:
        code = item["sign_in_code"]
        assert set(code) == {"code", "expires_at", "url", "qr_svg"}
        assert code["url"] == f"https://winkelpraat.example/reset/{code['code']}"
        assert code["qr_svg"].lstrip().startswith("<svg")
        assert datetime.fromisoformat(code["expires_at"]) == frozen_clock.current + timedelta(
            hours=24
        )
    assert count(session, SignInCode) == 4


def test_new_accounts_have_no_password_until_their_code_is_used(
    client: TestClient, world: World
) -> None:
    content = csv_text(world, USER_HEADER, "Sam Student,sam.s,{a},staff")
    [item] = upload(client, world, USERS, content).json()["items"]
    for guess in ("", "!", PASSWORD):
        tried = client.post("/api/v1/auth/token", data={"username": "sam.s", "password": guess})
        assert tried.status_code in (401, 422)

    reset = client.post(
        "/api/v1/auth/reset",
        json={"code": item["sign_in_code"]["code"], "password": "my-own-password"},
    )

    assert reset.status_code == 200
    signed_in = client.post(
        "/api/v1/auth/token", data={"username": "sam.s", "password": "my-own-password"}
    )
    assert signed_in.status_code == 200


def test_a_user_import_is_audited_with_counts_and_the_address(
    app: FastAPI, session: Session, world: World
) -> None:
    content = csv_text(world, USER_HEADER, "A,new.a,{a},staff", "B,new.b,,admin")
    with TestClient(app, client=("203.0.113.21", 50000)) as elsewhere:
        assert upload(elsewhere, world, USERS, content, by="admin").status_code == 201

    [entry] = audit(session, "users.import")
    assert entry.actor_id == world.users["admin"].id
    assert entry.subject_type == "user"
    assert entry.ip == "203.0.113.21"
    assert entry.details == {
        "count": 2,
        "per_store": {world.store_a.code: 1},
        "per_role": {"staff": 1, "admin": 1},
    }


def test_a_bad_user_file_creates_no_one_and_names_every_bad_line(
    client: TestClient, session: Session, world: World
) -> None:
    taken = world.users["staff"].username
    content = csv_text(
        world,
        USER_HEADER,
        "Goed,goed.1,{a},staff",  # line 2 is fine
        f"Dubbel,{taken.upper()},{{a}},staff",
        "Twee,twice,{a},staff",
        "Nog een,Twice,{b},staff",
        ",leeg,{a},staff",
        "x" * 101 + ",lang,{a},staff",
        "Kort,ab,{a},staff",
        "Spatie,has space,{a},staff",
        "Rol,rol.1,{a},boss",
        "Winkel,winkel.1,NOPE,staff",
        "Baas,baas.1,,admin",
        "Te veel,veel.1,{a},staff,extra",
    )
    before = count(session, User)

    response = upload(client, world, USERS, content)

    rule = (
        "A username has 3 to 40 characters: letters a-z, digits, dots, dashes and underscores, "
        "starting with a letter or digit"
    )
    assert errors(response) == [
        (3, "username", f"The username '{taken}' is already taken"),
        (5, "username", "The username 'twice' is also on line 4"),
        (6, "name", "Give the person's name"),
        (7, "name", "A name can be 100 characters at most"),
        (8, "username", rule),
        (9, "username", rule),
        (10, "role", "'boss' is not a role; use one of staff, store_manager, hq, admin"),
        (11, "store_code", "No store has the code 'NOPE'"),
        (12, "role", "Only an admin can add admins"),
        (13, "Expected 4 values, found 5"),
    ]
    assert count(session, User) == before
    assert count(session, SignInCode) == 0
    assert audit(session, "users.import") == []


@pytest.mark.parametrize("by", ["staff", "manager"])
def test_staff_and_managers_may_not_import_accounts(
    client: TestClient, session: Session, world: World, by: str
) -> None:
    before = count(session, User)
    content = csv_text(world, USER_HEADER, "Sam,sam.s,{a},staff")
    assert upload(client, world, USERS, content, by=by).status_code == 403
    assert count(session, User) == before


# Whole-file problems, the same for both imports


@pytest.mark.parametrize("url", [INVITES, USERS])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\n \r\n", "The file is empty"),
        (b"store,role\nA,staff\n", "The first line must be the header"),
        (b"header", "The first line must be the header"),
        ("caf\xe9".encode("latin-1"), "saved as UTF-8 text"),
        (b"PK\x03\x04\x00\x00binary", "saved as UTF-8 text"),
        (b'a,"b\n', "Line 1 is not valid CSV"),
    ],
)
def test_unreadable_files_are_422_at_the_file(
    client: TestClient, session: Session, world: World, url: str, content: bytes, message: str
) -> None:
    before = count(session, User), count(session, Invite)

    response = upload(client, world, url, content)

    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "file"] and message in error["msg"]
    assert (count(session, User), count(session, Invite)) == before


@pytest.mark.parametrize(("url", "header"), [(INVITES, INVITE_HEADER), (USERS, USER_HEADER)])
def test_a_header_without_lines_is_422(
    client: TestClient, world: World, url: str, header: str
) -> None:
    [error] = upload(client, world, url, header + "\n").json()["detail"]
    assert error["loc"] == ["body", "file"] and "a header but no" in error["msg"]
    wrong_header = "\n".join(reversed(header.split(","))) + "\n"
    [error] = upload(client, world, url, wrong_header).json()["detail"]
    assert error["msg"] == f"The first line must be the header {header}"


def test_too_many_lines_is_422(client: TestClient, session: Session, world: World) -> None:
    invites = csv_text(world, INVITE_HEADER, *["{a},staff,1"] * (bulk_onboarding.MAX_ROWS + 1))
    users = csv_text(
        world,
        USER_HEADER,
        *[f"P {n},person.{n},{{a}},staff" for n in range(bulk_onboarding.MAX_ROWS + 1)],
    )

    for url, content, what in ((INVITES, invites, "invites"), (USERS, users, "accounts")):
        response = upload(client, world, url, content)
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["msg"] == f"A file can hold 500 {what} at most; split it up"
    assert count(session, Invite) == 0 and count(session, SignInCode) == 0


def test_exactly_the_limit_is_fine(client: TestClient, session: Session, world: World) -> None:
    content = csv_text(world, INVITE_HEADER, *["{a},staff,1"] * bulk_onboarding.MAX_ROWS)
    response = upload(client, world, INVITES, content)
    assert response.status_code == 201
    assert response.json()["imported"] == count(session, Invite) == 500


@pytest.mark.parametrize(("url", "header"), [(INVITES, INVITE_HEADER), (USERS, USER_HEADER)])
def test_a_file_over_the_size_limit_is_413(
    client: TestClient, session: Session, world: World, url: str, header: str
) -> None:
    response = upload(client, world, url, header + "\n" + "\n" * MAX_BYTES)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert count(session, Invite) == 0 and count(session, SignInCode) == 0


def test_no_file_is_422(client: TestClient, world: World) -> None:
    for url in (INVITES, USERS):
        response = client.post(url, headers=world.headers("hq"))
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "file"]


def test_admins_import_admin_accounts(client: TestClient, session: Session, world: World) -> None:
    content = csv_text(world, USER_HEADER, "Nieuwe Beheerder,beheer,,admin")
    response = upload(client, world, USERS, content, by="admin")
    assert response.status_code == 201
    session.expire_all()
    made = session.exec(select(User).where(User.username == "beheer")).one()
    assert made.role == Role.ADMIN and made.store_id is None
