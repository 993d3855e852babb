"""Demo data for trying Winkelpraat: two regions, four stores, one account of every role.

Everything with a date is relative to the day it is seeded, and seeding again on a later day
(every `make run` does) brings the dated parts back to that day: shifts today and the next
days, and an invite code that still works. So the demo looks right on any day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from api.auth import invite_codes
from api.auth.models import Invite
from api.auth.passwords import hash_password
from api.common.clock import now
from api.news import service as news_service
from api.news.schemas import Audience, NewsPostCreate, TranslationIn
from api.org import service as org_service
from api.org.models import Locale, Region, Role, Store, User
from api.qa import service as qa_service
from api.qa.models import Scope
from api.qa.schemas import QuestionCreate
from api.shifts.models import Shift

DEMO_PASSWORD = "winkelpraat-demo"  # noqa: S105  (printed on purpose: demo only)
DEMO_INVITE_CODE = "START-UTR01"
DEMO_TIMEZONE = ZoneInfo("Europe/Amsterdam")
SHIFT_DAYS = 4  # today and the next three days
# (username, local start hour) of the demo people who work shifts; each shift lasts 5 hours.
SHIFT_STARTS = (("lisa", 12), ("daan", 16), ("noor", 9))
INVITE_VALID_FOR = timedelta(days=365)

REGIONS = {"Randstad": ["AMS-01", "UTR-01"], "Zuid": ["EHV-01", "MAA-01"]}
STORES = {
    "AMS-01": "Amsterdam Kalverstraat",
    "UTR-01": "Utrecht Hoog Catharijne",
    "EHV-01": "Eindhoven Centrum",
    "MAA-01": "Maastricht Entre Deux",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: Role
    store_code: str | None
    locale: Locale = Locale.NL
    expert_categories: tuple[str, ...] = ()


ACCOUNTS = (
    DemoAccount("admin", "Ada Admin", Role.ADMIN, None, Locale.EN),
    DemoAccount("hq.sanne", "Sanne de Vries", Role.HQ, None, expert_categories=("hr",)),
    DemoAccount("manager.utrecht", "Mehmet Yilmaz", Role.STORE_MANAGER, "UTR-01"),
    DemoAccount("manager.eindhoven", "Eva Janssen", Role.STORE_MANAGER, "EHV-01"),
    DemoAccount("lisa", "Lisa Bakker", Role.STAFF, "UTR-01"),
    DemoAccount("daan", "Daan Visser", Role.STAFF, "UTR-01", Locale.EN),
    DemoAccount("noor", "Noor El Amrani", Role.STAFF, "EHV-01"),
    DemoAccount("it.tom", "Tom Peters", Role.HQ, None, Locale.EN, ("it",)),
)


def seed(session: Session) -> bool:
    """Add the demo organisation once; False when it was already there (its shifts and invite
    are then brought up to today)."""
    if session.exec(select(Region).where(Region.name == "Randstad")).first():
        _keep_current(session)
        return False
    stores: dict[str, Store] = {}
    for region_name, codes in REGIONS.items():
        region = Region(name=region_name)
        session.add(region)
        session.flush()
        assert region.id is not None
        for code in codes:
            stores[code] = Store(
                code=code, name=STORES[code], region_id=region.id, timezone="Europe/Amsterdam"
            )
            session.add(stores[code])
    session.flush()
    password_hash = hash_password(DEMO_PASSWORD)
    creator_id = None
    for account in ACCOUNTS:
        user = org_service.add_user(
            session,
            username=account.username,
            name=account.name,
            password_hash=password_hash,
            role=account.role,
            store_id=stores[account.store_code].id if account.store_code else None,
            locale=account.locale,
        )
        user.expert_categories = list(account.expert_categories)
        creator_id = creator_id or user.id
    assert creator_id is not None
    session.add(
        Invite(
            code=invite_codes.normalise(DEMO_INVITE_CODE),
            store_id=stores["UTR-01"].id,
            role=Role.STAFF,
            max_uses=1000,
            expires_at=now() + INVITE_VALID_FOR,
            created_by_id=creator_id,
        )
    )
    session.commit()
    _seed_posts(session, stores)
    _seed_questions(session)
    _seed_shifts(session)
    return True


def _seed_posts(session: Session, stores: dict[str, Store]) -> None:
    """A few posts through the real publishing path, so the feed has something to show."""
    hq = org_service.find_user_by_username(session, "hq.sanne")
    manager = org_service.find_user_by_username(session, "manager.utrecht")
    assert hq is not None and manager is not None
    posts = [
        (
            hq,
            NewsPostCreate(
                title="Welkom bij Winkelpraat!",
                body="Hier vind je het nieuws van het hoofdkantoor en van je eigen winkel.\n\n"
                "- Lees berichten wanneer het jou uitkomt\n- Stel vragen aan collega's\n"
                "- Meldingen komen alleen tijdens je dienst",
                pinned=True,
                translations={
                    Locale.EN: TranslationIn(
                        title="Welcome to Winkelpraat!",
                        body="News from head office and from your own store.\n\n"
                        "- Read when it suits you\n- Ask colleagues questions\n"
                        "- Notifications only arrive during your shift",
                    )
                },
            ),
        ),
        (
            hq,
            NewsPostCreate(
                title="Nieuwe huisregels voor het magazijn",
                body="Vanaf nu geldt: dozen nooit hoger dan schouderhoogte stapelen. "
                "Lees het en bevestig dat je het gelezen hebt.",
                must_read=True,
                audience=Audience(region_ids=[stores["AMS-01"].region_id]),
            ),
        ),
        (
            manager,
            NewsPostCreate(
                title="Inventarisatie zondag",
                body="Zondag tellen we de hele winkel. Wie kan er van 18:00 tot 21:00 helpen?",
                audience=Audience(store_ids=[stores["UTR-01"].id or 0]),
            ),
        ),
        (
            # Scheduled for tomorrow morning, so "my posts" shows a post waiting to go out.
            hq,
            NewsPostCreate(
                title="Nieuwe kassasoftware vanaf vandaag",
                body="Vanaf vandaag werken alle kassa's met de nieuwe software. "
                "Bij vragen: stel ze in Winkelpraat onder *Kassa*.",
                publish_at=datetime.combine(
                    _local_today() + timedelta(days=1), time(7, 30), DEMO_TIMEZONE
                ),
            ),
        ),
    ]
    for author, data in posts:
        news_service.publish(session, author=author, data=data, idempotency_key=None)


def _seed_questions(session: Session) -> None:
    """Questions asked and answered through the real path, so similar-question matching and the
    unanswered queue have something to show."""

    def user(username: str) -> User:
        found = org_service.find_user_by_username(session, username)
        assert found is not None
        return found

    categories = ["checkout", "hr"]  # the ones used here; both are in the default setting
    answered = qa_service.ask(
        session,
        asker=user("lisa"),
        data=QuestionCreate(
            title="Hoe print ik een kassabon opnieuw?",
            body="Een klant is de bon kwijt en wil ruilen.",
            category="checkout",
            scope=Scope.COMPANY,
        ),
        categories=categories,
        idempotency_key=None,
    )
    best = qa_service.answer(
        session,
        question=answered,
        author=user("manager.utrecht"),
        body="Kassamenu → *Bonnen* → *Laatste bonnen* → kies de bon → **Opnieuw printen**.",
        idempotency_key=None,
    )
    qa_service.accept(session, question=answered, answer_id=best.id or 0)
    qa_service.ask(
        session,
        asker=user("daan"),
        data=QuestionCreate(
            title="Hoeveel vakantiedagen heb ik nog?",
            body="Waar zie ik mijn saldo?",
            category="hr",
            scope=Scope.COMPANY,
            locale=Locale.NL,
        ),
        categories=categories,
        idempotency_key=None,
    )


def _local_today() -> date:
    return now().astimezone(DEMO_TIMEZONE).date()


def _seed_shifts(session: Session) -> None:
    """Shifts today and the next few days, so "my shifts" and held pushes show; a day that
    already has the person's shift is left alone."""
    today = _local_today()
    for username, start_hour in SHIFT_STARTS:
        person = org_service.find_user_by_username(session, username)
        assert person is not None and person.id is not None and person.store_id is not None
        for day in range(SHIFT_DAYS):
            starts = datetime.combine(today + timedelta(days=day), time(start_hour), DEMO_TIMEZONE)
            already = session.exec(
                select(Shift.id).where(Shift.user_id == person.id, col(Shift.starts_at) == starts)
            ).first()
            if already is None:
                session.add(
                    Shift(
                        user_id=person.id,
                        store_id=person.store_id,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=5),
                    )
                )
    session.commit()


def _keep_current(session: Session) -> None:
    """Bring the dated demo data up to today: upcoming shifts, and an invite that works."""
    invite = session.exec(
        select(Invite).where(Invite.code == invite_codes.normalise(DEMO_INVITE_CODE))
    ).first()
    if invite is not None and invite.revoked_at is None:
        invite.expires_at = max(invite.expires_at, now() + INVITE_VALID_FOR)
        session.add(invite)
    _seed_shifts(session)


def describe() -> str:
    lines = [f"Demo accounts (password for all: {DEMO_PASSWORD}):"]
    for account in ACCOUNTS:
        where = account.store_code or "whole chain"
        lines.append(f"  {account.username:<18} {account.role.value:<14} {where}")
    lines.append(
        "Demo invite code for new staff at UTR-01: "
        f"{invite_codes.display(invite_codes.normalise(DEMO_INVITE_CODE))}"
    )
    return "\n".join(lines)
