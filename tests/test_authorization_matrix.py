"""Every endpoint x every role x own/other store, with the exact status expected.

Actors: anonymous, staff and manager of store A, HQ, admin. "Own" targets are in store A,
"other" targets in store B. A new endpoint fails `test_every_endpoint_is_in_the_matrix` until it
is added here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import col, select

from api.auth import sign_in_codes
from api.common.clock import now
from api.news.models import NewsComment
from api.notifications.models import Category, Notification
from api.org.models import Role
from api.qa.models import Question, Scope
from api.shifts.models import Shift
from tests.conftest import World
from tests.factories import (
    make_answer,
    make_invite,
    make_post,
    make_push_subscription,
    make_question,
    push_subscription_json,
)

ACTORS = ("anonymous", "staff", "manager", "hq", "admin")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: Callable[[World], str]
    expected: tuple[int, int, int, int, int]  # per ACTORS
    body: Callable[[World], Any] | None = None
    form: dict[str, str] | None = None
    files: (
        dict[str, tuple[str, bytes, str]]
        | Callable[[World], dict[str, tuple[str, bytes, str]]]
        | None
    ) = None

    @property
    def route(self) -> str:
        """ "GET /api/v1/users/{user_id} own store" -> "GET /api/v1/users/{user_id}"."""
        return " ".join(self.name.split(" ")[:2])


def _invite_in(store: str) -> Callable[[World], str]:
    def path(world: World) -> str:
        invite = make_invite(
            world.session, creator=world.users["admin"], store=getattr(world, f"store_{store}")
        )
        return f"/api/v1/invites/{invite.id}"

    return path


def _user(name: str, suffix: str = "") -> Callable[[World], str]:
    return lambda world: f"/api/v1/users/{world.users[name].id}{suffix}"


def _post_for(store: str, *, author: str = "hq", suffix: str = "") -> Callable[[World], str]:
    """A live post for store A or B (or everyone), written by `author`."""

    def path(world: World) -> str:
        stores = [getattr(world, f"store_{store}")] if store in ("a", "b") else []
        post = make_post(world.session, author=world.users[author], stores=stores)
        return f"/api/v1/news/{post.id}{suffix}"

    return path


def _comment_on_a_post(by: str) -> Callable[[World], str]:
    def path(world: World) -> str:
        post_path = _post_for("a")(world)
        comment = NewsComment(
            post_id=int(post_path.rsplit("/", 1)[1]), author_id=world.users[by].id, body="c"
        )
        world.session.add(comment)
        world.session.flush()
        return f"{post_path}/comments/{comment.id}"

    return path


NEWS_BODY = {"title": "t", "body": "b"}


def _question_in(store: str, suffix: str = "") -> Callable[[World], str]:
    """A store-scoped question asked by a staff member of store A ("colleague") or B."""

    def path(world: World) -> str:
        asker = world.users["colleague" if store == "a" else "staff_b"]
        question = make_question(world.session, author=asker, scope=Scope.STORE)
        return f"/api/v1/questions/{question.id}{suffix}"

    return path


def _answer_in(store: str, suffix: str = "") -> Callable[[World], str]:
    """An answer by a staff member of that store, to a store-scoped question there."""

    def path(world: World) -> str:
        writer = world.users["colleague" if store == "a" else "staff_b"]
        question = make_question(world.session, author=writer, scope=Scope.STORE)
        answer = make_answer(world.session, question=question, author=writer)
        return f"/api/v1/answers/{answer.id}{suffix}"

    return path


def _accept_body(world: World) -> dict[str, int]:
    """The answer of the most recent question: the one _question_in just made."""
    question = world.session.exec(select(Question).order_by(col(Question.id).desc())).first()
    assert question is not None
    answer = make_answer(world.session, question=question, author=world.users["colleague"])
    return {"answer_id": answer.id}


def _someone_elses_notification(world: World) -> str:
    item = Notification(
        user_id=world.users["staff_b"].id,
        kind="qa.answer",
        category=Category.QA,
        title="t",
        body="b",
        url="/questions/1",
    )
    world.session.add(item)
    world.session.flush()
    return f"/api/v1/me/notifications/{item.id}/read"


def _tomorrow(hours: int) -> str:
    moment = now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1, hours=hours)
    return moment.isoformat()


def _shift_body(person: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "user_id": w.users[person].id,
        "starts_at": _tomorrow(0),
        "ends_at": _tomorrow(8),
    }


def _shift_file(person: str) -> Callable[[World], dict[str, tuple[str, bytes, str]]]:
    def files(world: World) -> dict[str, tuple[str, bytes, str]]:
        line = f"{world.users[person].username},{_tomorrow(0)},{_tomorrow(8)}"
        content = f"username,starts_at,ends_at\n{line}\n".encode()
        return {"file": ("rooster.csv", content, "text/csv")}

    return files


def _shift_of(person: str) -> Callable[[World], str]:
    def path(world: World) -> str:
        user = world.users[person]
        shift = Shift(
            user_id=user.id,
            store_id=user.store_id,
            starts_at=now() + timedelta(days=1),
            ends_at=now() + timedelta(days=1, hours=8),
        )
        world.session.add(shift)
        world.session.flush()
        return f"/api/v1/shifts/{shift.id}"

    return path


PREFERENCES = {
    "quiet_hours": {"start": "22:00", "end": "07:00"},
    "off_shift": "deliver",
    "categories": {"news": True, "qa": False},
}

CASES = [
    Case(
        "POST /api/v1/media",
        "POST",
        lambda w: "/api/v1/media",
        (401, 403, 201, 201, 201),
        files={"file": ("a.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")},
    ),
    Case("GET /api/v1/news", "GET", lambda w: "/api/v1/news", (401, 200, 200, 200, 200)),
    Case(
        "POST /api/v1/news everyone",
        "POST",
        lambda w: "/api/v1/news",
        (401, 403, 403, 201, 201),
        body=lambda w: NEWS_BODY,
    ),
    Case(
        "POST /api/v1/news own store",
        "POST",
        lambda w: "/api/v1/news",
        (401, 403, 201, 201, 201),
        body=lambda w: NEWS_BODY | {"audience": {"store_ids": [w.store_a.id]}},
    ),
    Case(
        "POST /api/v1/news other store",
        "POST",
        lambda w: "/api/v1/news",
        (401, 403, 403, 201, 201),
        body=lambda w: NEWS_BODY | {"audience": {"store_ids": [w.store_b.id]}},
    ),
    Case("GET /api/v1/news/{post_id} own store", "GET", _post_for("a"), (401, 200, 200, 200, 200)),
    Case(
        "GET /api/v1/news/{post_id} other store",
        "GET",
        _post_for("b"),
        (401, 404, 404, 200, 200),
    ),
    Case(
        "GET /api/v1/news/{post_id}/source by hq",
        "GET",
        _post_for("a", suffix="/source"),
        (401, 403, 403, 200, 200),
    ),
    Case(
        "GET /api/v1/news/{post_id}/source other store",
        "GET",
        _post_for("b", author="manager_b", suffix="/source"),
        (401, 404, 404, 200, 200),
    ),
    Case(
        "PATCH /api/v1/news/{post_id} by hq",
        "PATCH",
        _post_for("a"),
        (401, 403, 403, 200, 200),
        body=lambda w: {"title": "new"},
    ),
    Case(
        "PATCH /api/v1/news/{post_id} by the manager",
        "PATCH",
        _post_for("a", author="manager"),
        (401, 403, 200, 200, 200),
        body=lambda w: {"title": "new"},
    ),
    Case(
        "DELETE /api/v1/news/{post_id} own store",
        "DELETE",
        _post_for("a"),
        (401, 403, 403, 204, 204),
    ),
    Case(
        "DELETE /api/v1/news/{post_id} other store",
        "DELETE",
        _post_for("b"),
        (401, 404, 404, 204, 204),
    ),
    Case(
        "POST /api/v1/news/{post_id}/read own store",
        "POST",
        _post_for("a", suffix="/read"),
        (401, 204, 204, 204, 204),
    ),
    Case(
        "POST /api/v1/news/{post_id}/read other store",
        "POST",
        _post_for("b", suffix="/read"),
        (401, 404, 404, 204, 204),
    ),
    Case(
        "POST /api/v1/news/{post_id}/ack own store",
        "POST",
        _post_for("a", suffix="/ack"),
        (401, 204, 204, 204, 204),
    ),
    Case(
        "POST /api/v1/news/{post_id}/ack other store",
        "POST",
        _post_for("b", suffix="/ack"),
        (401, 404, 404, 204, 204),
    ),
    Case(
        "GET /api/v1/news/{post_id}/stats own store",
        "GET",
        _post_for("a", suffix="/stats"),
        (401, 403, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/news/{post_id}/stats other store",
        "GET",
        _post_for("b", suffix="/stats"),
        (401, 404, 404, 200, 200),
    ),
    Case(
        "GET /api/v1/news/{post_id}/comments own store",
        "GET",
        _post_for("a", suffix="/comments"),
        (401, 200, 200, 200, 200),
    ),
    Case(
        "POST /api/v1/news/{post_id}/comments own store",
        "POST",
        _post_for("a", suffix="/comments"),
        (401, 201, 201, 201, 201),
        body=lambda w: {"body": "hoi"},
    ),
    Case(
        "POST /api/v1/news/{post_id}/comments other store",
        "POST",
        _post_for("b", suffix="/comments"),
        (401, 404, 404, 201, 201),
        body=lambda w: {"body": "hoi"},
    ),
    Case(
        "PATCH /api/v1/news/{post_id}/comments/{comment_id} the staff member's",
        "PATCH",
        _comment_on_a_post("staff"),
        (401, 200, 403, 200, 200),
        body=lambda w: {"body": "x"},
    ),
    Case(
        "DELETE /api/v1/news/{post_id}/comments/{comment_id} a colleague's",
        "DELETE",
        _comment_on_a_post("colleague"),
        (401, 403, 403, 204, 204),
    ),
    Case(
        "PUT /api/v1/news/{post_id}/reactions/{kind} own store",
        "PUT",
        _post_for("a", suffix="/reactions/like"),
        (401, 200, 200, 200, 200),
    ),
    Case(
        "PUT /api/v1/news/{post_id}/reactions/{kind} other store",
        "PUT",
        _post_for("b", suffix="/reactions/like"),
        (401, 404, 404, 200, 200),
    ),
    Case(
        "DELETE /api/v1/news/{post_id}/reactions/{kind} own store",
        "DELETE",
        _post_for("a", suffix="/reactions/like"),
        (401, 200, 200, 200, 200),
    ),
    Case("GET /api/health", "GET", lambda w: "/api/health", (200, 200, 200, 200, 200)),
    Case("GET /api/v1/regions", "GET", lambda w: "/api/v1/regions", (401, 200, 200, 200, 200)),
    Case(
        "POST /api/v1/regions",
        "POST",
        lambda w: "/api/v1/regions",
        (401, 403, 403, 201, 201),
        body=lambda w: {"name": "Noord"},
    ),
    Case("GET /api/v1/stores", "GET", lambda w: "/api/v1/stores", (401, 200, 200, 200, 200)),
    Case(
        "POST /api/v1/stores",
        "POST",
        lambda w: "/api/v1/stores",
        (401, 403, 403, 201, 201),
        body=lambda w: {
            "code": "NEW-1",
            "name": "Nieuw",
            "region_id": w.region.id,
            "timezone": "Europe/Amsterdam",
        },
    ),
    Case("GET /api/v1/me", "GET", lambda w: "/api/v1/me", (401, 200, 200, 200, 200)),
    Case(
        "PATCH /api/v1/me",
        "PATCH",
        lambda w: "/api/v1/me",
        (401, 200, 200, 200, 200),
        body=lambda w: {"locale": "en"},
    ),
    Case("GET /api/v1/users all", "GET", lambda w: "/api/v1/users", (401, 403, 200, 200, 200)),
    Case(
        "GET /api/v1/users own store",
        "GET",
        lambda w: f"/api/v1/users?store_id={w.store_a.id}",
        (401, 403, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/users other store",
        "GET",
        lambda w: f"/api/v1/users?store_id={w.store_b.id}",
        (401, 403, 403, 200, 200),
    ),
    Case(
        "GET /api/v1/users/{user_id} the staff member",
        "GET",
        _user("staff"),
        (401, 200, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/users/{user_id} own store",
        "GET",
        _user("colleague"),
        (401, 404, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/users/{user_id} other store",
        "GET",
        _user("staff_b"),
        (401, 404, 404, 200, 200),
    ),
    Case(
        "PATCH /api/v1/users/{user_id} own store",
        "PATCH",
        _user("colleague"),
        (401, 403, 403, 200, 200),
        body=lambda w: {"expert_categories": ["hr"]},
    ),
    Case(
        "PATCH /api/v1/users/{user_id} other store",
        "PATCH",
        _user("staff_b"),
        (401, 403, 403, 200, 200),
        body=lambda w: {"name": "Renamed"},
    ),
    Case(
        "PATCH /api/v1/users/{user_id} make admin",
        "PATCH",
        _user("colleague"),
        (401, 403, 403, 403, 200),
        body=lambda w: {"role": "admin", "store_id": None},
    ),
    Case(
        "POST /api/v1/users/{user_id}/deactivate own store",
        "POST",
        _user("colleague", "/deactivate"),
        (401, 403, 204, 204, 204),
    ),
    Case(
        "POST /api/v1/users/{user_id}/deactivate other store",
        "POST",
        _user("staff_b", "/deactivate"),
        (401, 403, 404, 204, 204),
    ),
    Case(
        "POST /api/v1/users/{user_id}/deactivate an admin",
        "POST",
        _user("admin", "/deactivate"),
        (401, 403, 404, 403, 409),
    ),
    Case(
        "POST /api/v1/users/{user_id}/reactivate own store",
        "POST",
        _user("colleague", "/reactivate"),
        (401, 403, 204, 204, 204),
    ),
    Case(
        "POST /api/v1/users/{user_id}/reactivate other store",
        "POST",
        _user("staff_b", "/reactivate"),
        (401, 403, 404, 204, 204),
    ),
    Case(
        "POST /api/v1/users/{user_id}/reactivate an admin",
        "POST",
        _user("admin", "/reactivate"),
        (401, 403, 404, 403, 409),
    ),
    Case(
        "PATCH /api/v1/stores/{store_id}",
        "PATCH",
        lambda w: f"/api/v1/stores/{w.store_b.id}",
        (401, 403, 403, 200, 200),
        body=lambda w: {"name": "Hernoemd", "timezone": "Europe/Brussels"},
    ),
    Case(
        "PATCH /api/v1/regions/{region_id}",
        "PATCH",
        lambda w: f"/api/v1/regions/{w.region.id}",
        (401, 403, 403, 200, 200),
        body=lambda w: {"name": "Regio Zuid"},
    ),
    Case("GET /api/v1/audit all", "GET", lambda w: "/api/v1/audit", (401, 403, 403, 200, 200)),
    Case(
        "GET /api/v1/audit someone else's",
        "GET",
        lambda w: f"/api/v1/audit?actor_id={w.users['manager'].id}",
        (401, 403, 403, 403, 200),
    ),
    Case(
        "POST /api/v1/invites own store",
        "POST",
        lambda w: "/api/v1/invites",
        (401, 403, 201, 201, 201),
        body=lambda w: {"store_id": w.store_a.id, "role": "staff"},
    ),
    Case(
        "POST /api/v1/invites other store",
        "POST",
        lambda w: "/api/v1/invites",
        (401, 403, 403, 201, 201),
        body=lambda w: {"store_id": w.store_b.id, "role": "staff"},
    ),
    Case(
        "POST /api/v1/invites admin role",
        "POST",
        lambda w: "/api/v1/invites",
        (401, 403, 403, 403, 201),
        body=lambda w: {"store_id": None, "role": "admin"},
    ),
    Case("GET /api/v1/invites", "GET", lambda w: "/api/v1/invites", (401, 403, 200, 200, 200)),
    Case(
        "GET /api/v1/invites other store",
        "GET",
        lambda w: f"/api/v1/invites?store_id={w.store_b.id}",
        (401, 403, 403, 200, 200),
    ),
    Case(
        "GET /api/v1/invites/{invite_id} own store",
        "GET",
        _invite_in("a"),
        (401, 403, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/invites/{invite_id} other store",
        "GET",
        _invite_in("b"),
        (401, 403, 404, 200, 200),
    ),
    Case(
        "DELETE /api/v1/invites/{invite_id} own store",
        "DELETE",
        _invite_in("a"),
        (401, 403, 204, 204, 204),
    ),
    Case(
        "DELETE /api/v1/invites/{invite_id} other store",
        "DELETE",
        _invite_in("b"),
        (401, 403, 404, 204, 204),
    ),
    # Sign-in codes: the person's own store manager, HQ (never for admins), admins.
    Case(
        "POST /api/v1/users/{user_id}/sign-in-code own store",
        "POST",
        _user("colleague", "/sign-in-code"),
        (401, 403, 201, 201, 201),
    ),
    Case(
        "POST /api/v1/users/{user_id}/sign-in-code other store",
        "POST",
        _user("staff_b", "/sign-in-code"),
        (401, 403, 404, 201, 201),
    ),
    Case(
        "POST /api/v1/users/{user_id}/sign-in-code an admin",
        "POST",
        _user("admin", "/sign-in-code"),
        (401, 403, 404, 403, 409),  # the admin's own account: never by code
    ),
    # Bulk onboarding from a CSV file is for HQ and admins.
    Case(
        "POST /api/v1/invites/import",
        "POST",
        lambda w: "/api/v1/invites/import",
        (401, 403, 403, 201, 201),
        files=lambda w: {
            "file": (
                "invites.csv",
                f"store_code,role,uses\n{w.store_a.code},staff,3\n".encode(),
                "text/csv",
            )
        },
    ),
    Case(
        "POST /api/v1/users/import",
        "POST",
        lambda w: "/api/v1/users/import",
        (401, 403, 403, 201, 201),
        files=lambda w: {
            "file": (
                "people.csv",
                f"name,username,store_code,role\nNieuw,nieuw.1,{w.store_a.code},staff\n".encode(),
                "text/csv",
            )
        },
    ),
    Case(
        "POST /api/v1/auth/logout",
        "POST",
        lambda w: "/api/v1/auth/logout",
        (401, 204, 204, 204, 204),
    ),
    Case(
        "GET /api/v1/auth/invites/{code}",
        "GET",
        lambda w: (
            "/api/v1/auth/invites/"
            + make_invite(w.session, creator=w.users["admin"], store=w.store_a).code
        ),
        (200, 200, 200, 200, 200),
    ),
    # Questions: store questions are visible in their store (and to HQ); moderation is for the
    # writer, the store's manager and HQ; the unanswered queue is for those who answer.
    Case(
        "POST /api/v1/questions company-wide",
        "POST",
        lambda w: "/api/v1/questions",
        (401, 201, 201, 201, 201),
        body=lambda w: {"title": "Waar?", "category": "products", "scope": "company"},
    ),
    Case("GET /api/v1/questions", "GET", lambda w: "/api/v1/questions", (401, 200, 200, 200, 200)),
    Case(
        "GET /api/v1/questions/categories",
        "GET",
        lambda w: "/api/v1/questions/categories",
        (401, 200, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/questions/similar",
        "GET",
        lambda w: "/api/v1/questions/similar?q=kassa",
        (401, 200, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/questions/unanswered",
        "GET",
        lambda w: "/api/v1/questions/unanswered",
        (401, 403, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/questions/{question_id} own store",
        "GET",
        _question_in("a"),
        (401, 200, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/questions/{question_id} other store",
        "GET",
        _question_in("b"),
        (401, 404, 404, 200, 200),
    ),
    Case(
        "PATCH /api/v1/questions/{question_id} own store",
        "PATCH",
        _question_in("a"),
        (401, 403, 200, 200, 200),
        body=lambda w: {"title": "Beter gezegd"},
    ),
    Case(
        "PATCH /api/v1/questions/{question_id} other store",
        "PATCH",
        _question_in("b"),
        (401, 404, 404, 200, 200),
        body=lambda w: {"title": "Beter gezegd"},
    ),
    Case(
        "DELETE /api/v1/questions/{question_id} own store",
        "DELETE",
        _question_in("a"),
        (401, 403, 204, 204, 204),
    ),
    Case(
        "POST /api/v1/questions/{question_id}/answers own store",
        "POST",
        _question_in("a", "/answers"),
        (401, 201, 201, 201, 201),
        body=lambda w: {"body": "Zo."},
    ),
    Case(
        "POST /api/v1/questions/{question_id}/answers other store",
        "POST",
        _question_in("b", "/answers"),
        (401, 404, 404, 201, 201),
        body=lambda w: {"body": "Zo."},
    ),
    Case(
        "POST /api/v1/questions/{question_id}/accept own store, not the asker",
        "POST",
        _question_in("a", "/accept"),
        (401, 403, 200, 200, 200),
        body=_accept_body,
    ),
    Case(
        "PATCH /api/v1/answers/{answer_id} own store",
        "PATCH",
        _answer_in("a"),
        (401, 403, 200, 200, 200),
        body=lambda w: {"body": "Beter"},
    ),
    Case(
        "DELETE /api/v1/answers/{answer_id} own store",
        "DELETE",
        _answer_in("a"),
        (401, 403, 204, 204, 204),
    ),
    Case(
        "PUT /api/v1/answers/{answer_id}/vote own store",
        "PUT",
        _answer_in("a", "/vote"),
        (401, 204, 204, 204, 204),
    ),
    Case(
        "PUT /api/v1/answers/{answer_id}/vote other store",
        "PUT",
        _answer_in("b", "/vote"),
        (401, 404, 404, 204, 204),
    ),
    Case(
        "DELETE /api/v1/answers/{answer_id}/vote without a vote",
        "DELETE",
        _answer_in("a", "/vote"),
        (401, 404, 404, 404, 404),
    ),
    Case(
        "GET /api/v1/search", "GET", lambda w: "/api/v1/search?q=kassa", (401, 200, 200, 200, 200)
    ),
    # The inbox is always your own.
    Case(
        "GET /api/v1/me/notifications",
        "GET",
        lambda w: "/api/v1/me/notifications",
        (401, 200, 200, 200, 200),
    ),
    Case(
        "GET /api/v1/me/notifications/unread-count",
        "GET",
        lambda w: "/api/v1/me/notifications/unread-count",
        (401, 200, 200, 200, 200),
    ),
    Case(
        "POST /api/v1/me/notifications/read-all",
        "POST",
        lambda w: "/api/v1/me/notifications/read-all",
        (401, 204, 204, 204, 204),
    ),
    Case(
        "POST /api/v1/me/notifications/{notification_id}/read of someone else",
        "POST",
        _someone_elses_notification,
        (401, 404, 404, 404, 404),
    ),
    # Preferences are always your own.
    Case(
        "GET /api/v1/me/preferences",
        "GET",
        lambda w: "/api/v1/me/preferences",
        (401, 200, 200, 200, 200),
    ),
    Case(
        "PUT /api/v1/me/preferences",
        "PUT",
        lambda w: "/api/v1/me/preferences",
        (401, 200, 200, 200, 200),
        body=lambda w: PREFERENCES,
    ),
    # Shifts: a manager plans their own store's people (another store's are not visible); HQ
    # and admins plan anyone's; everyone reads their own.
    Case(
        "POST /api/v1/shifts own store",
        "POST",
        lambda w: "/api/v1/shifts",
        (401, 403, 201, 201, 201),
        body=_shift_body("colleague"),
    ),
    Case(
        "POST /api/v1/shifts other store",
        "POST",
        lambda w: "/api/v1/shifts",
        (401, 403, 404, 201, 201),
        body=_shift_body("staff_b"),
    ),
    Case(
        "POST /api/v1/shifts/import own store",
        "POST",
        lambda w: "/api/v1/shifts/import",
        (401, 403, 201, 201, 201),
        files=_shift_file("colleague"),
    ),
    # A file naming another store's people is a bad file for a manager (nothing imported).
    Case(
        "POST /api/v1/shifts/import other store",
        "POST",
        lambda w: "/api/v1/shifts/import",
        (401, 403, 422, 201, 201),
        files=_shift_file("staff_b"),
    ),
    Case("GET /api/v1/shifts", "GET", lambda w: "/api/v1/shifts", (401, 403, 200, 200, 200)),
    Case(
        "GET /api/v1/shifts other store",
        "GET",
        lambda w: f"/api/v1/shifts?store_id={w.store_b.id}",
        (401, 403, 403, 200, 200),
    ),
    Case(
        "DELETE /api/v1/shifts/{shift_id} own store",
        "DELETE",
        _shift_of("colleague"),
        (401, 403, 204, 204, 204),
    ),
    Case(
        "DELETE /api/v1/shifts/{shift_id} other store",
        "DELETE",
        _shift_of("staff_b"),
        (401, 403, 404, 204, 204),
    ),
    Case("GET /api/v1/me/shifts", "GET", lambda w: "/api/v1/me/shifts", (401, 200, 200, 200, 200)),
    # Live updates: everyone signed in may listen (what each hears is tested in tests/live).
    Case(
        "GET /api/v1/events",
        "GET",
        lambda w: "/api/v1/events?max_seconds=0.05",
        (401, 200, 200, 200, 200),
    ),
    # The sign-in endpoints need no token; a token does not change their answer.
    Case(
        "POST /api/v1/auth/token",
        "POST",
        lambda w: "/api/v1/auth/token",
        (401, 401, 401, 401, 401),
        form={"username": "nobody", "password": "wrong-password"},
    ),
    Case(
        "POST /api/v1/auth/refresh",
        "POST",
        lambda w: "/api/v1/auth/refresh",
        (401, 401, 401, 401, 401),
        body=lambda w: {"refresh_token": "not-a-token"},
    ),
    Case(
        "POST /api/v1/auth/join",
        "POST",
        lambda w: "/api/v1/auth/join",
        (201, 201, 201, 201, 201),
        body=lambda w: {
            "code": make_invite(w.session, creator=w.users["admin"], store=w.store_a).code,
            "name": "New",
            "username": "brand.new",
            "password": "long-enough",
        },
    ),
    Case(
        "POST /api/v1/auth/reset",
        "POST",
        lambda w: "/api/v1/auth/reset",
        (200, 200, 200, 200, 200),
        body=lambda w: {
            "code": sign_in_codes.issue_sign_in_code(
                w.session,
                user=w.users["colleague"],
                creator=w.users["manager"],
                lifetime=timedelta(hours=24),
            ).code,
            "password": "long-enough",
        },
    ),
    # Push: the key is public; a device is registered to whoever posts it.
    Case(
        "GET /api/v1/push/key",
        "GET",
        lambda w: "/api/v1/push/key",
        (200, 200, 200, 200, 200),
    ),
    Case(
        "POST /api/v1/push/subscriptions",
        "POST",
        lambda w: "/api/v1/push/subscriptions",
        (401, 201, 201, 201, 201),
        body=lambda w: push_subscription_json(),
    ),
    # Someone else's device is as unknown as one that never existed.
    Case(
        "DELETE /api/v1/push/subscriptions of another user",
        "DELETE",
        lambda w: "/api/v1/push/subscriptions",
        (401, 404, 404, 404, 404),
        body=lambda w: {
            "endpoint": make_push_subscription(w.session, user=w.users["staff_b"]).endpoint
        },
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("actor_index", range(len(ACTORS)), ids=lambda i: ACTORS[i])
def test_status(client: TestClient, world: World, case: Case, actor_index: int) -> None:
    actor = ACTORS[actor_index]
    headers = world.headers(actor)
    path = case.path(world)
    kwargs: dict[str, Any] = {"headers": headers}
    if case.body is not None:
        kwargs["json"] = case.body(world)
    if case.form is not None:
        kwargs["data"] = case.form
    if case.files is not None:
        kwargs["files"] = case.files(world) if callable(case.files) else case.files
    response = client.request(case.method, path, **kwargs)
    assert response.status_code == case.expected[actor_index], response.text


def test_every_endpoint_is_in_the_matrix(app: FastAPI) -> None:
    documented = {
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    covered = {case.route for case in CASES}
    assert documented <= covered, f"add to the matrix: {sorted(documented - covered)}"


def test_every_role_is_an_actor(world: World) -> None:
    acting_roles = {world.users[actor].role for actor in ACTORS if actor != "anonymous"}
    assert acting_roles == set(Role), "a new role needs a column in the matrix"
