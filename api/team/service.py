"""Running a team: leavers and returners, changing a person, changing a store. Each of these
touches several domains at once (accounts, logins, devices, shifts, held pushes, the audit log),
which is why this sits above them all."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from api.audit import service as audit_service
from api.auth import service as auth_service
from api.common.pagination import PageParams
from api.notifications import service as notifications_service
from api.org import service as org_service
from api.org.models import Store, User
from api.org.schemas import StoreUpdate, UserUpdate
from api.push import service as push_service
from api.shifts import service as shifts_service


@dataclass(frozen=True)
class Actor:
    """Who does it, and from which address (for the audit log)."""

    user: User
    ip: str

    @property
    def id(self) -> int:
        assert self.user.id is not None
        return self.user.id


def _audit(
    session: Session, actor: Actor, action: str, target: User | Store, **details: object
) -> None:
    assert target.id is not None
    audit_service.record(
        session,
        actor_id=actor.id,
        action=action,
        subject_type="user" if isinstance(target, User) else "store",
        subject_id=target.id,
        details=details,
        ip=actor.ip,
    )


def deactivate(session: Session, *, actor: Actor, user: User) -> None:
    """Close an account: every token fails from the next request, its open live streams end
    (revoke_all_logins signs it out everywhere), its devices get nothing more. What they wrote
    stays."""
    assert user.id is not None
    was_active = user.is_active
    org_service.mark_deactivated(session, user=user)
    auth_service.revoke_all_logins(session, user_id=user.id)
    push_service.drop_subscriptions_for(session, user_id=user.id)
    if was_active:
        _audit(session, actor, "user.deactivate", user, name=user.name)
    session.commit()


def reactivate(session: Session, *, actor: Actor, user: User) -> None:
    """Open a closed account again. Its old logins stay ended: the person signs in anew, with
    their password or a sign-in code."""
    if user.is_active:
        return
    org_service.mark_reactivated(session, user=user)
    _audit(session, actor, "user.reactivate", user, name=user.name)
    session.commit()


def change_person(session: Session, *, actor: Actor, user: User, data: UserUpdate) -> User:
    """Role, home store, name or expertise; role and store changes go into the audit log."""
    before = {"role": user.role.value, "store_id": user.store_id}
    changed = org_service.update_user(session, user=user, data=data)
    after = {"role": changed.role.value, "store_id": changed.store_id}
    if after != before:
        _audit(session, actor, "user.change", changed, before=before, after=after)
    session.commit()
    session.refresh(changed)
    return changed


def change_store(session: Session, *, actor: Actor, store: Store, data: StoreUpdate) -> Store:
    """Rename, move or re-zone a store. A new time zone moves everyone's shifts on the clock
    they are read by, so what is held for the store's people is planned again."""
    assert store.id is not None
    before = {"name": store.name, "region_id": store.region_id, "timezone": store.timezone}
    if org_service.change_store(session, store=store, data=data):
        notifications_service.replan_for(
            session, user_ids=org_service.member_ids(session, store.id)
        )
    after = {"name": store.name, "region_id": store.region_id, "timezone": store.timezone}
    changed = [field for field in before if before[field] != after[field]]
    if changed:
        _audit(
            session,
            actor,
            "store.change",
            store,
            before={field: before[field] for field in changed},
            after={field: after[field] for field in changed},
        )
    session.commit()
    session.refresh(store)
    return store


@dataclass(frozen=True)
class TeamMember:
    user: User
    shifts_this_week: int


def list_team(
    session: Session, *, people: org_service.PeopleFilter, page: PageParams
) -> tuple[Sequence[TeamMember], str | None]:
    users, next_cursor = org_service.list_users(session, people=people, page=page)
    shifts = shifts_service.count_this_week(session, users)
    members = [TeamMember(user, shifts.get(user.id or 0, 0)) for user in users]
    return members, next_cursor
