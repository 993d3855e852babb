"""Signing in and out, token rotation, invites and joining (one-time sign-in codes:
sign_in_codes.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from api.audit import service as audit_service
from api.auth import invite_codes
from api.auth.models import Invite, Login, RefreshToken
from api.auth.passwords import hash_password, needs_rehash, verify_password
from api.auth.rate_limit import (
    FailureLimits,
    clear_failures,
    ensure_not_limited,
    purge_old_failures,
    record_failure,
)
from api.auth.schemas import InviteCreate, JoinRequest, TokenPair
from api.auth.tokens import (
    InvalidToken,
    create_access_token,
    decode_access_token,
    hash_refresh_token,
    new_refresh_token,
)
from api.common import after_commit
from api.common.clock import now
from api.common.pagination import PageParams, paginate_by_id
from api.errors import BadRequest, Gone, InvalidField, NotFound, Unauthorized
from api.org import service as org_service
from api.org.models import User

WRONG_CREDENTIALS = "Wrong username or password"
# The after-commit channel of people whose every login has just ended (deactivated, or a new
# password set with a sign-in code).
SIGNED_OUT = "auth.signed_out"
# Failed invite guesses are counted under this name, apart from any real username.
INVITE_GUESS_KEY = "#invite"


@dataclass(frozen=True)
class AuthConfig:
    signing_key: str
    access_lifetime: timedelta
    refresh_lifetime: timedelta
    limits: FailureLimits


@dataclass(frozen=True)
class Client:
    """Where a request came from, for rate limiting and the device list."""

    ip: str
    user_agent: str


def _issue_pair(session: Session, *, login: Login, config: AuthConfig) -> TokenPair:
    assert login.id is not None
    refresh = new_refresh_token()
    session.add(
        RefreshToken(
            login_id=login.id,
            token_hash=hash_refresh_token(refresh),
            expires_at=now() + config.refresh_lifetime,
        )
    )
    access = create_access_token(
        user_id=login.user_id,
        login_id=login.id,
        key=config.signing_key,
        lifetime=config.access_lifetime,
    )
    return TokenPair(
        access_token=access,
        refresh_token=refresh,
        expires_in=int(config.access_lifetime.total_seconds()),
    )


def start_login(session: Session, *, user: User, client: Client, config: AuthConfig) -> TokenPair:
    assert user.id is not None
    login = Login(user_id=user.id, user_agent=client.user_agent[:200])
    session.add(login)
    session.flush()
    return _issue_pair(session, login=login, config=config)


def sign_in(
    session: Session, *, username: str, password: str, client: Client, config: AuthConfig
) -> TokenPair:
    """Exchange a username and password for a token pair; failures count towards a 429."""
    key = username.strip().lower()[:80]
    ensure_not_limited(session, username=key, ip=client.ip, limits=config.limits)
    user = org_service.find_user_by_username(session, key)
    password_ok = verify_password(password, user.password_hash if user else None)
    if user is None or not password_ok or not user.is_active:
        record_failure(session, username=key, ip=client.ip)
        session.commit()
        raise Unauthorized(WRONG_CREDENTIALS, code="invalid_credentials")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    clear_failures(session, username=key)
    pair = start_login(session, user=user, client=client, config=config)
    session.commit()
    return pair


def refresh(session: Session, *, refresh_token: str, config: AuthConfig) -> TokenPair:
    """Rotate a refresh token. A token that was already rotated ends its whole login."""
    stored = session.exec(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
    ).first()
    if stored is None:
        raise Unauthorized("This sign-in has ended; please sign in again", code="invalid_refresh")
    login = session.get(Login, stored.login_id)
    user = session.get(User, login.user_id) if login else None
    if login is None or user is None or login.revoked_at is not None or not user.is_active:
        raise Unauthorized("This sign-in has ended; please sign in again", code="invalid_refresh")
    # Conditional update, so two racing refreshes with one token cannot both win.
    rotated = session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.id) == stored.id, col(RefreshToken.rotated_at).is_(None))
        .values(rotated_at=now())
    )
    if getattr(rotated, "rowcount", 0) != 1:
        # Reuse of a rotated token means it leaked (or was stolen): end the login for everyone
        # holding any of its tokens.
        login.revoked_at = now()
        session.add(login)
        session.commit()
        raise Unauthorized(
            "This sign-in was ended for safety; please sign in again", code="refresh_reused"
        )
    if stored.expires_at <= now():
        session.rollback()
        raise Unauthorized("This sign-in has expired; please sign in again", code="invalid_refresh")
    pair = _issue_pair(session, login=login, config=config)
    session.commit()
    return pair


def sign_out(session: Session, *, login_id: int) -> None:
    login = session.get(Login, login_id)
    if login is not None and login.revoked_at is None:
        login.revoked_at = now()
        session.add(login)
    session.commit()


def revoke_all_logins(session: Session, *, user_id: int) -> None:
    """End every login of a user (flush only). Once committed, the person's id goes out on
    SIGNED_OUT (api.wiring sends it to live streams, which end at once on every device)."""
    session.execute(
        update(Login)
        .where(col(Login.user_id) == user_id, col(Login.revoked_at).is_(None))
        .values(revoked_at=now())
    )
    session.flush()
    after_commit.defer(session, SIGNED_OUT, user_id)


@dataclass(frozen=True)
class Authenticated:
    user: User
    login_id: int


def authenticate(session: Session, *, access_token: str, signing_key: str) -> Authenticated:
    """The user and login behind a bearer token, checked against the database every time."""
    try:
        claims = decode_access_token(access_token, key=signing_key)
    except InvalidToken as exc:
        raise Unauthorized() from exc
    row = session.exec(
        select(User, Login)
        .join(Login, col(Login.user_id) == col(User.id))
        .where(col(Login.id) == claims.login_id, col(User.id) == claims.user_id)
    ).first()
    if row is None:
        raise Unauthorized()
    user, login = row
    if login.revoked_at is not None or not user.is_active:
        raise Unauthorized()
    _note_active_today(session, user)
    return Authenticated(user=user, login_id=claims.login_id)


def _note_active_today(session: Session, user: User) -> None:
    """Remember the day (never the time) someone used the app: one write per person per day."""
    today = now().date()
    if user.last_active_on != today:
        user.last_active_on = today
        session.add(user)
        session.commit()


# Invites


def create_invite(
    session: Session, *, creator: User, data: InviteCreate, default_days: int, ip: str
) -> Invite:
    if data.store_id is not None and org_service.get_store(session, data.store_id) is None:
        raise InvalidField(("body", "store_id"), f"Store {data.store_id} does not exist")
    expires_at = data.expires_at or now() + timedelta(days=default_days)
    if expires_at <= now():
        raise InvalidField(("body", "expires_at"), "expires_at must be in the future")
    if expires_at > now() + timedelta(days=366):
        raise InvalidField(("body", "expires_at"), "An invite can be valid for a year at most")
    assert creator.id is not None
    invite = Invite(
        code=invite_codes.new_code(),
        store_id=data.store_id,
        role=data.role,
        max_uses=data.max_uses,
        expires_at=expires_at,
        created_by_id=creator.id,
    )
    session.add(invite)
    session.flush()
    assert invite.id is not None
    audit_service.record(
        session,
        actor_id=creator.id,
        action="invite.create",
        subject_type="invite",
        subject_id=invite.id,
        details={"store_id": invite.store_id, "role": invite.role.value, "uses": invite.max_uses},
        ip=ip,
    )
    session.commit()
    session.refresh(invite)
    return invite


def list_invites(
    session: Session, *, store_id: int | None, include_used: bool, page: PageParams
) -> tuple[Sequence[Invite], str | None]:
    """Invites newest first; by default only those that still work."""
    statement = select(Invite)
    if store_id is not None:
        statement = statement.where(Invite.store_id == store_id)
    if not include_used:
        statement = statement.where(
            col(Invite.revoked_at).is_(None),
            col(Invite.expires_at) > now(),
            col(Invite.use_count) < col(Invite.max_uses),
        )
    return paginate_by_id(session, statement, Invite.id, page, newest_first=True)


def get_invite(session: Session, invite_id: int) -> Invite:
    invite = session.get(Invite, invite_id)
    if invite is None:
        raise NotFound("Invite not found")
    return invite


def revoke_invite(session: Session, *, invite: Invite, actor: User, ip: str) -> None:
    if invite.revoked_at is None:
        assert invite.id is not None and actor.id is not None
        invite.revoked_at = now()
        session.add(invite)
        audit_service.record(
            session,
            actor_id=actor.id,
            action="invite.revoke",
            subject_type="invite",
            subject_id=invite.id,
            details={"store_id": invite.store_id, "used": invite.use_count},
            ip=ip,
        )
    session.commit()


def _used_up() -> Gone:
    return Gone(
        "This invite code has been used up. Ask your manager for a new one.",
        code="invite_used_up",
    )


def _usable_invite(
    session: Session, *, typed_code: str, client: Client, config: AuthConfig
) -> Invite:
    """The invite behind a typed code, or 400 (unknown) / 410 (used up, expired, revoked).

    Unknown codes count as failures, so nobody can try codes by the thousand.
    """
    # Per address only: five wrong codes from anywhere must not lock every new hire out.
    ensure_not_limited(session, username=None, ip=client.ip, limits=config.limits)
    code = invite_codes.normalise(typed_code)
    invite = session.exec(select(Invite).where(Invite.code == code)).first()
    if invite is None:
        record_failure(session, username=INVITE_GUESS_KEY, ip=client.ip)
        session.commit()  # the failure must outlive the 400 that follows
        raise BadRequest(
            "This invite code does not exist. Check it and try again.", code="invite_unknown"
        )
    if invite.revoked_at is not None or invite.expires_at <= now():
        raise Gone(
            "This invite code has expired. Ask your manager for a new one.", code="invite_expired"
        )
    if invite.use_count >= invite.max_uses:
        raise _used_up()
    return invite


def preview_invite(
    session: Session, *, typed_code: str, client: Client, config: AuthConfig
) -> Invite:
    return _usable_invite(session, typed_code=typed_code, client=client, config=config)


def join(session: Session, *, data: JoinRequest, client: Client, config: AuthConfig) -> TokenPair:
    """Create an account from an invite and sign it in."""
    invite = _usable_invite(session, typed_code=data.code, client=client, config=config)
    # Count the use atomically, so the last place on an invite cannot be taken twice.
    claimed = session.execute(
        update(Invite)
        .where(col(Invite.id) == invite.id, col(Invite.use_count) < col(Invite.max_uses))
        .values(use_count=col(Invite.use_count) + 1)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        session.rollback()
        raise _used_up()
    user = org_service.add_user(
        session,
        username=data.username,
        name=data.name,
        password_hash=hash_password(data.password),
        role=invite.role,
        store_id=invite.store_id,
        locale=data.locale,
    )
    pair = start_login(session, user=user, client=client, config=config)
    session.commit()
    return pair


def purge_expired(session: Session, *, failures_older_than: timedelta) -> int:
    """Delete failure counts past their window and refresh tokens past their expiry."""
    removed = purge_old_failures(session, older_than=failures_older_than)
    result = session.execute(
        delete(RefreshToken).where(col(RefreshToken.expires_at) < now() - timedelta(days=1))
    )
    session.commit()
    return removed + int(getattr(result, "rowcount", 0) or 0)
