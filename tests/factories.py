"""Test data: flush, never commit (each test runs inside a transaction that is rolled back)."""

import itertools
import os
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlmodel import Session

from api.auth import invite_codes
from api.auth.models import Invite, Login
from api.auth.passwords import hash_password
from api.auth.tokens import create_access_token
from api.common.clock import now
from api.news.models import NewsAudienceStore, NewsPost, PostStatus
from api.org.models import Locale, Region, Role, Store, User
from api.push import base64url
from api.push.models import PushSubscription
from api.qa.models import Answer, Question, Scope

PASSWORD = "correct horse battery"
# Hashing with Argon2 is slow on purpose; every factory user shares one hash.
PASSWORD_HASH = hash_password(PASSWORD)
_sequence = itertools.count(1)


def make_region(session: Session, **kw: object) -> Region:
    region = Region(name=str(kw.pop("name", f"Region {next(_sequence)}")), **kw)
    session.add(region)
    session.flush()
    return region


def make_store(session: Session, *, region: Region | None = None, **kw: object) -> Store:
    region = region or make_region(session)
    n = next(_sequence)
    store = Store(
        code=str(kw.pop("code", f"ST-{n}")),
        name=str(kw.pop("name", f"Store {n}")),
        region_id=region.id,
        timezone=str(kw.pop("timezone", "Europe/Amsterdam")),
        **kw,
    )
    session.add(store)
    session.flush()
    return store


def make_user(
    session: Session,
    *,
    role: Role = Role.STAFF,
    store: Store | None = None,
    username: str | None = None,
    locale: Locale = Locale.NL,
    is_active: bool = True,
) -> User:
    user = User(
        username=username or f"user{next(_sequence)}",
        name="Test Person",
        password_hash=PASSWORD_HASH,
        role=role,
        store_id=store.id if store else None,
        locale=locale,
        is_active=is_active,
    )
    session.add(user)
    session.flush()
    return user


def make_invite(
    session: Session,
    *,
    creator: User,
    store: Store | None,
    role: Role = Role.STAFF,
    max_uses: int = 5,
    expires_in: timedelta = timedelta(days=7),
) -> Invite:
    invite = Invite(
        code=invite_codes.new_code(),
        store_id=store.id if store else None,
        role=role,
        max_uses=max_uses,
        expires_at=now() + expires_in,
        created_by_id=creator.id,
    )
    session.add(invite)
    session.flush()
    return invite


def token_for(session: Session, user: User, *, key: str) -> str:
    """A real access token for a real login row, without the password round trip."""
    login = Login(user_id=user.id)
    session.add(login)
    session.flush()
    assert user.id is not None and login.id is not None
    return create_access_token(
        user_id=user.id, login_id=login.id, key=key, lifetime=timedelta(minutes=15)
    )


def make_post(
    session: Session,
    *,
    author: User,
    stores: list[Store] | None = None,
    title: str = "Nieuws",
    must_read: bool = False,
) -> NewsPost:
    """A live post, for everyone or for the given stores."""
    post = NewsPost(
        author_id=author.id,
        title=title,
        body="Tekst",
        body_html="<p>Tekst</p>",
        status=PostStatus.PUBLISHED,
        published_at=now(),
        must_read=must_read,
        has_place_filter=bool(stores),
    )
    session.add(post)
    session.flush()
    session.add_all(NewsAudienceStore(post_id=post.id, store_id=store.id) for store in stores or [])
    session.flush()
    return post


def push_subscription_json(endpoint: str | None = None) -> dict[str, Any]:
    """A browser's PushSubscription.toJSON() at FCM, with real keys (no service to receive it:
    tests that deliver use tests/support/push_service.py)."""
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    point = public.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {
        "endpoint": endpoint or f"https://fcm.googleapis.com/fcm/send/device-{next(_sequence)}",
        "keys": {"p256dh": base64url.encode(point), "auth": base64url.encode(os.urandom(16))},
    }


def make_push_subscription(
    session: Session, *, user: User, endpoint: str | None = None
) -> PushSubscription:
    data = push_subscription_json(endpoint)
    row = PushSubscription(user_id=user.id, endpoint=data["endpoint"], **data["keys"])
    session.add(row)
    session.flush()
    return row


def make_question(
    session: Session,
    *,
    author: User,
    scope: Scope = Scope.STORE,
    title: str = "Waar liggen de tassen?",
    category: str = "products",
) -> Question:
    question = Question(
        author_id=author.id,
        store_id=author.store_id,
        scope=scope,
        category=category,
        title=title,
        body="",
        body_html="",
    )
    session.add(question)
    session.flush()
    return question


def make_answer(
    session: Session, *, question: Question, author: User, body: str = "Hier."
) -> Answer:
    answer = Answer(question_id=question.id, author_id=author.id, body=body, body_html=body)
    session.add(answer)
    question.answer_count += 1
    session.add(question)
    session.flush()
    return answer
