"""One-time sign-in codes, for people without e-mail who forgot their password: a manager
makes one, the person types it (or scans its QR code) and chooses a new password. Only a code's
SHA-256 is stored; guessing is limited per address like invite codes."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from api.audit import service as audit_service
from api.auth import invite_codes
from api.auth import service as auth_service
from api.auth.models import SignInCode
from api.auth.passwords import hash_password
from api.auth.rate_limit import clear_failures, ensure_not_limited, record_failure
from api.auth.schemas import ResetRequest, TokenPair
from api.auth.service import AuthConfig, Client
from api.common.clock import now
from api.errors import BadRequest, Conflict, Gone
from api.org.models import User

# Failed guesses are counted under this name, apart from any real username.
SIGN_IN_CODE_GUESS_KEY = "#sign-in-code"


@dataclass(frozen=True)
class IssuedCode:
    user: User
    code: str  # display form; shown this once, only its hash is kept
    expires_at: datetime


def _code_hash(typed_code: str) -> str:
    return hashlib.sha256(invite_codes.normalise(typed_code).encode()).hexdigest()


def issue_sign_in_code(
    session: Session, *, user: User, creator: User, lifetime: timedelta
) -> IssuedCode:
    """A new code for an account (flush only)."""
    assert user.id is not None and creator.id is not None
    code = invite_codes.new_code()
    row = SignInCode(
        user_id=user.id,
        code_hash=_code_hash(code),
        created_by_id=creator.id,
        expires_at=now() + lifetime,
    )
    session.add(row)
    session.flush()
    return IssuedCode(user=user, code=invite_codes.display(code), expires_at=row.expires_at)


def make_sign_in_code(
    session: Session, *, actor: User, user: User, lifetime: timedelta, ip: str
) -> IssuedCode:
    """Make a one-time code for someone; their earlier unused codes stop working."""
    if not user.is_active:
        raise Conflict(
            "This account is deactivated. Reactivate it before making a sign-in code.",
            code="account_deactivated",
        )
    assert user.id is not None and actor.id is not None
    # Only the newest code works: a code handed out earlier (and perhaps lost) is void.
    session.execute(
        update(SignInCode)
        .where(
            col(SignInCode.user_id) == user.id,
            col(SignInCode.used_at).is_(None),
            col(SignInCode.expires_at) > now(),
        )
        .values(expires_at=now())
    )
    issued = issue_sign_in_code(session, user=user, creator=actor, lifetime=lifetime)
    audit_service.record(
        session,
        actor_id=actor.id,
        action="user.sign_in_code",
        subject_type="user",
        subject_id=user.id,
        details={"expires_at": issued.expires_at.isoformat()},
        ip=ip,
    )
    session.commit()
    return issued


def _code_gone() -> Gone:
    return Gone(
        "This sign-in code has expired or a newer one was made. Ask your manager for a new one.",
        code="sign_in_code_expired",
    )


def _code_used() -> Gone:
    return Gone(
        "This sign-in code has already been used. Ask your manager for a new one.",
        code="sign_in_code_used",
    )


def reset_password(
    session: Session, *, data: ResetRequest, client: Client, config: AuthConfig
) -> TokenPair:
    """Set a new password with a one-time code and sign in; every other login ends.

    400 for a code that never existed (counted per address, like invite guesses); 410 for one
    that was used, expired, replaced by a newer one, or whose account was deactivated.
    """
    ensure_not_limited(session, username=None, ip=client.ip, limits=config.limits)
    row = session.exec(
        select(SignInCode).where(SignInCode.code_hash == _code_hash(data.code))
    ).first()
    if row is None:
        record_failure(session, username=SIGN_IN_CODE_GUESS_KEY, ip=client.ip)
        session.commit()  # the failure must outlive the 400 that follows
        raise BadRequest(
            "This sign-in code does not exist. Check it and try again.",
            code="sign_in_code_unknown",
        )
    if row.used_at is not None:
        raise _code_used()
    user = session.get(User, row.user_id)
    if user is None or not user.is_active or row.expires_at <= now():
        raise _code_gone()
    # Claim the code atomically, so two racing resets with one code cannot both win.
    claimed = session.execute(
        update(SignInCode)
        .where(
            col(SignInCode.id) == row.id,
            col(SignInCode.used_at).is_(None),
            col(SignInCode.expires_at) > now(),
        )
        .values(used_at=now())
    )
    if getattr(claimed, "rowcount", 0) != 1:
        session.rollback()
        raise _code_used()
    assert user.id is not None
    user.password_hash = hash_password(data.password)
    session.add(user)
    auth_service.revoke_all_logins(session, user_id=user.id)
    clear_failures(session, username=user.username)  # a locked-out account is let in again
    audit_service.record(
        session,
        actor_id=user.id,
        action="user.password_reset",
        subject_type="user",
        subject_id=user.id,
        details={"sign_in_code_id": row.id, "made_by_id": row.created_by_id},
        ip=client.ip,
    )
    pair = auth_service.start_login(session, user=user, client=client, config=config)
    session.commit()
    return pair
