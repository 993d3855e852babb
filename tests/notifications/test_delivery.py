"""Delivery end to end over a real local push service (VAPID checked, payloads decrypted):
who gets a push now, who gets one summary later, and what happens to devices that are gone.

The database is real and committed (jobs open their own sessions), the clock is injected, and
the job queue is replaced by a recorder so each test runs the jobs' work itself, in order.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from api.bootstrap import migrate
from api.common import after_commit
from api.config import Settings, bind_settings
from api.db import make_engine
from api.news import service as news_service
from api.news.schemas import NewsPostCreate
from api.notifications import delivery
from api.notifications import service as notifications_service
from api.notifications.models import Delivery, Notification, Urgency
from api.notifications.preferences import NotificationPreference
from api.notifications.schemas import PreferencesIn
from api.org.models import Role, Store, User
from api.org.schemas import StoreUpdate
from api.push.models import PushAttempt, PushSubscription
from api.push.vapid import VapidKey, VapidSigner
from api.shifts import service as shifts_service
from api.shifts.models import Shift
from api.team import service as team_service
from tests.conftest import MovableClock
from tests.factories import make_store, make_user
from tests.support.push_service import PushService, Subscriber

# 14:00 in Amsterdam (UTC+1 in November): outside the default quiet hours 21:00-08:00.
AFTERNOON = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
LEAD = timedelta(minutes=15)


@pytest.fixture
def engine(fresh_database_url: str) -> Iterator[Engine]:
    migrate(fresh_database_url)
    engine = make_engine(fresh_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def dispatched() -> list[delivery.Planned]:
    """What would have gone to the job queue, in order."""
    return []


def bound(engine: Engine, dispatched: list[delivery.Planned]) -> Session:
    """A session wired as the app's are, its committed work handed to `dispatched`."""
    session = Session(engine)
    bind_settings(session, Settings(preshift_lead_minutes=int(LEAD.total_seconds() // 60)))
    return after_commit.bind(session, {delivery.CHANNEL: dispatched.extend})


@pytest.fixture
def clock(frozen_clock: MovableClock) -> MovableClock:
    frozen_clock.current = AFTERNOON
    return frozen_clock


@pytest.fixture(scope="module")
def vapid_key() -> VapidKey:
    return VapidKey(ec.generate_private_key(ec.SECP256R1()))


@pytest.fixture
def push_service(vapid_key: VapidKey) -> Iterator[PushService]:
    with PushService(public_key=vapid_key.public_key) as service:
        yield service
        assert service.problems == []


@pytest.fixture
def signer(vapid_key: VapidKey) -> VapidSigner:
    # The push service checks `exp` against the real time, whatever the test's clock says.
    return VapidSigner(
        vapid_key, subject="mailto:ops@winkelpraat.example", wall_clock=lambda: datetime.now(UTC)
    )


class Chain:
    """One store with HQ, a colleague on shift and one off shift, each with a phone."""

    def __init__(
        self, engine: Engine, service: PushService, dispatched: list[delivery.Planned]
    ) -> None:
        self.engine, self.dispatched = engine, dispatched
        self.phones: dict[str, Subscriber] = {}
        with self.session() as session:
            store = make_store(session)
            self.hq = make_user(session, role=Role.HQ)
            self.ids = {
                "on_shift": make_user(session, store=store).id,
                "off_shift": make_user(session, store=store).id,
            }
            for name, user_id in self.ids.items():
                phone = service.subscribe()
                self.phones[name] = phone
                session.add(
                    PushSubscription(
                        user_id=user_id,
                        endpoint=phone.endpoint,
                        p256dh=phone.p256dh,
                        auth=phone.auth,
                    )
                )
            self.shift(
                "on_shift", AFTERNOON - timedelta(hours=1), AFTERNOON + timedelta(hours=3), session
            )
            self.next_shift = AFTERNOON + timedelta(hours=5)
            self.shift("off_shift", self.next_shift, self.next_shift + timedelta(hours=4), session)
            session.commit()
            self.hq_id = self.hq.id

    def shift(
        self, name: str, starts: datetime, ends: datetime, session: Session | None = None
    ) -> None:
        def add(into: Session) -> None:
            user = into.get(User, self.ids[name])
            assert user is not None
            into.add(Shift(user_id=user.id, store_id=user.store_id, starts_at=starts, ends_at=ends))

        if session is not None:
            add(session)
            return
        with self.session() as own:
            add(own)
            own.commit()

    def publish(self, title: str, **kw: Any) -> int:
        with self.session() as session:
            hq = session.get(User, self.hq_id)
            assert hq is not None
            data = NewsPostCreate(title=title, body="Tekst.", **kw)
            post = news_service.publish(session, author=hq, data=data, idempotency_key=None)
            assert post.id is not None
            return post.id

    def session(self) -> Session:
        return bound(self.engine, self.dispatched)

    def rows(self, name: str) -> list[Notification]:
        with self.session() as session:
            statement = select(Notification).where(Notification.user_id == self.ids[name])
            return list(session.exec(statement.order_by(col(Notification.id))))


@pytest.fixture
def chain(
    engine: Engine,
    push_service: PushService,
    clock: MovableClock,
    dispatched: list[delivery.Planned],
) -> Chain:
    return Chain(engine, push_service, dispatched)


def run_jobs(chain: Chain, planned: list[delivery.Planned], signer: VapidSigner) -> None:
    """What the worker does with the queued jobs: the pushes that are due now."""
    for item in planned:
        delivery.push_queued(chain.engine, item.push_ids, signer=signer)
    planned.clear()


def titles(service: PushService, phone: Subscriber) -> list[str]:
    return [message["title"] for message in service.messages(phone)]


def test_on_shift_now_off_shift_one_summary_at_the_next_shift(
    chain: Chain,
    push_service: PushService,
    dispatched: list[delivery.Planned],
    signer: VapidSigner,
    clock: MovableClock,
) -> None:
    chain.publish("Nieuwe kassa's")
    chain.publish("Kerstrooster staat online")
    run_jobs(chain, dispatched, signer)
    assert titles(push_service, chain.phones["on_shift"]) == [
        "Nieuwe kassa's",
        "Kerstrooster staat online",
    ]
    request = push_service.requests_for(chain.phones["on_shift"])[0]
    assert request.headers["urgency"] == "normal" and int(request.headers["ttl"]) > 0
    # Off shift: nothing now, both held until the next shift minus the lead.
    assert push_service.requests_for(chain.phones["off_shift"]) == []
    held = chain.rows("off_shift")
    assert [row.delivery for row in held] == [Delivery.HELD, Delivery.HELD]
    assert {row.release_at for row in held} == {chain.next_shift - LEAD}

    assert delivery.release_due(chain.engine, signer=signer, at=chain.next_shift - LEAD * 2) == []
    results = delivery.release_due(chain.engine, signer=signer, at=chain.next_shift - LEAD)
    assert len(results) == 1
    [summary] = push_service.messages(chain.phones["off_shift"])
    assert summary == {
        "title": "2 nieuwe berichten sinds je laatste dienst",
        "body": "Open Winkelpraat om ze te lezen.",
        "url": "/inbox",
        "tag": "summary",
        "count": 2,
    }
    assert push_service.requests_for(chain.phones["off_shift"])[0].headers["topic"] == "summary"
    assert {row.delivery for row in chain.rows("off_shift")} == {Delivery.SUMMARIZED}
    # Released once: a second run sends nothing more.
    assert delivery.release_due(chain.engine, signer=signer, at=chain.next_shift) == []


def test_urgent_reaches_everyone_at_once(
    chain: Chain, push_service: PushService, dispatched: list[delivery.Planned], signer: VapidSigner
) -> None:
    chain.publish("Winkel dicht door stormschade", urgency=Urgency.URGENT, urgent_reason="Storm")
    run_jobs(chain, dispatched, signer)
    for phone in chain.phones.values():
        assert titles(push_service, phone) == ["Winkel dicht door stormschade"]
        assert push_service.requests_for(phone)[0].headers["urgency"] == "high"


def test_quiet_hours_hold_even_for_people_who_want_off_shift_pushes(
    chain: Chain,
    push_service: PushService,
    dispatched: list[delivery.Planned],
    signer: VapidSigner,
    clock: MovableClock,
) -> None:
    with chain.session() as session:
        session.add(NotificationPreference(user_id=chain.ids["off_shift"], off_shift="deliver"))
        for shift in session.exec(select(Shift).where(Shift.user_id == chain.ids["off_shift"])):
            session.delete(shift)
        session.commit()
    clock.current = datetime(2026, 11, 26, 21, 30, tzinfo=UTC)  # 22:30 in Amsterdam
    chain.publish("Late bericht")
    run_jobs(chain, dispatched, signer)
    assert push_service.requests_for(chain.phones["off_shift"]) == []
    [row] = chain.rows("off_shift")
    assert row.release_at == datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # 08:00 local
    # In the afternoon the same person gets it at once: they asked for off-shift pushes.
    clock.current = AFTERNOON + timedelta(days=1)
    chain.publish("Middagbericht")
    run_jobs(chain, dispatched, signer)
    assert titles(push_service, chain.phones["off_shift"]) == ["Middagbericht"]


def test_a_new_earlier_shift_releases_held_items_sooner(
    chain: Chain, dispatched: list[delivery.Planned], signer: VapidSigner
) -> None:
    chain.publish("Bericht")
    earlier = AFTERNOON + timedelta(hours=2)
    with chain.session() as session:  # as the planner's request does
        hq, person = (
            session.get_one(User, chain.hq_id),
            session.get_one(User, chain.ids["off_shift"]),
        )
        shifts_service.plan_shift(
            session,
            actor=hq,
            person=person,
            starts_at=earlier,
            ends_at=earlier + timedelta(hours=1),
        )
        session.commit()
    [row] = chain.rows("off_shift")
    assert row.delivery == Delivery.HELD and row.release_at == earlier - LEAD
    assert any(earlier - LEAD in planned.release_times for planned in dispatched)


def test_unacknowledged_must_reads_come_back_in_the_summary(
    chain: Chain,
    push_service: PushService,
    dispatched: list[delivery.Planned],
    signer: VapidSigner,
    clock: MovableClock,
) -> None:
    chain.publish("Veiligheidsregels", must_read=True)
    run_jobs(chain, dispatched, signer)
    assert titles(push_service, chain.phones["on_shift"]) == ["Moet je lezen: Veiligheidsregels"]
    # Later, off shift (their shift ended), something else is held for them.
    clock.current = AFTERNOON + timedelta(hours=4)
    chain.publish("Gewoon nieuws")
    run_jobs(chain, dispatched, signer)
    [_, held] = chain.rows("on_shift")
    assert held.delivery == Delivery.HELD and held.release_at is not None
    delivery.release_due(chain.engine, signer=signer, at=held.release_at)
    summary = push_service.messages(chain.phones["on_shift"])[-1]
    assert summary["count"] == 2  # the held item and the must-read still not acknowledged


def test_a_gone_device_is_removed_and_the_attempt_kept(
    chain: Chain, push_service: PushService, dispatched: list[delivery.Planned], signer: VapidSigner
) -> None:
    push_service.answer(chain.phones["on_shift"], 410)
    chain.publish("Bericht")
    run_jobs(chain, dispatched, signer)
    with chain.session() as session:
        devices = session.exec(
            select(PushSubscription).where(PushSubscription.user_id == chain.ids["on_shift"])
        ).all()
        assert devices == []
        [attempt] = session.exec(select(PushAttempt)).all()
        assert (attempt.status, attempt.outcome, attempt.host) == (410, "gone", "127.0.0.1")
    # The inbox still has it: the push is gone, not the news.
    assert [row.title for row in chain.rows("on_shift")] == ["Bericht"]


def test_a_deactivated_person_gets_nothing(
    chain: Chain, push_service: PushService, dispatched: list[delivery.Planned], signer: VapidSigner
) -> None:
    chain.publish("Voor de vertrekker")  # held for the off-shift colleague
    with chain.session() as session:
        leaver = session.get(User, chain.ids["off_shift"])
        assert leaver is not None
        hq = session.get_one(User, chain.hq_id)
        team_service.deactivate(session, actor=team_service.Actor(hq, "192.0.2.1"), user=leaver)
    chain.publish("Na vertrek", urgency=Urgency.URGENT, urgent_reason="Test")
    run_jobs(chain, dispatched, signer)
    delivery.release_due(chain.engine, signer=signer, at=chain.next_shift)
    assert push_service.requests_for(chain.phones["off_shift"]) == []
    assert [row.title for row in chain.rows("off_shift")] == ["Voor de vertrekker"]


def test_a_store_moved_to_another_time_zone_plans_its_held_pushes_on_the_new_clock(
    chain: Chain, dispatched: list[delivery.Planned], clock: MovableClock
) -> None:
    with chain.session() as session:  # no shifts: only quiet hours hold the post
        for shift in session.exec(select(Shift).where(Shift.user_id == chain.ids["off_shift"])):
            session.delete(shift)
        session.commit()
    clock.current = datetime(2026, 11, 26, 21, 30, tzinfo=UTC)  # 22:30 in Amsterdam
    chain.publish("Late bericht")
    [row] = chain.rows("off_shift")
    assert row.release_at == datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # 08:00 in Amsterdam
    dispatched.clear()
    with chain.session() as session:
        person = session.get_one(User, chain.ids["off_shift"])
        store = session.get_one(Store, person.store_id)
        team_service.change_store(
            session,
            actor=team_service.Actor(session.get_one(User, chain.hq_id), "192.0.2.1"),
            store=store,
            data=StoreUpdate(timezone="Asia/Tokyo"),  # 06:30 there now; quiet until 08:00
        )
    [row] = chain.rows("off_shift")
    assert row.delivery == Delivery.HELD
    assert row.release_at == datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # 08:00 in Tokyo
    assert any(row.release_at in planned.release_times for planned in dispatched)


def test_changed_preferences_release_what_they_no_longer_hold(
    chain: Chain, dispatched: list[delivery.Planned], clock: MovableClock
) -> None:
    chain.publish("Bericht")
    [row] = chain.rows("off_shift")
    assert row.release_at == chain.next_shift - LEAD
    with chain.session() as session:  # as PUT /me/preferences does
        notifications_service.save_preferences(
            session,
            user=session.get_one(User, chain.ids["off_shift"]),
            data=PreferencesIn(
                quiet_hours={"start": "22:00", "end": "08:00"}, off_shift="deliver", categories={}
            ),
        )
    # Afternoon, outside quiet hours: they now want it, so it goes out (as a summary) now.
    [row] = chain.rows("off_shift")
    assert row.delivery == Delivery.HELD and row.release_at == AFTERNOON
    assert AFTERNOON in dispatched[-1].release_times


def test_pushes_of_a_worker_that_died_mid_send_go_out_again(
    chain: Chain,
    push_service: PushService,
    dispatched: list[delivery.Planned],
    signer: VapidSigner,
    clock: MovableClock,
) -> None:
    chain.publish("Bericht")
    [row] = chain.rows("on_shift")
    with chain.session() as session:  # claimed by a worker that then died
        stuck = session.get(Notification, row.id)
        assert stuck is not None
        stuck.delivery, stuck.pushed_at = Delivery.SENDING, AFTERNOON
        session.add(stuck)
        session.commit()
    assert delivery.requeue_stalled(chain.engine, before=AFTERNOON) == []  # not stalled yet
    again = delivery.requeue_stalled(chain.engine, before=AFTERNOON + timedelta(minutes=2))
    assert again == [row.id]
    delivery.push_queued(chain.engine, again, signer=signer)
    assert titles(push_service, chain.phones["on_shift"]) == ["Bericht"]
    assert [r.delivery for r in chain.rows("on_shift")] == [Delivery.PUSHED]


def test_jobs_wait_for_the_real_commit_not_a_savepoint(
    engine: Engine, dispatched: list[delivery.Planned]
) -> None:
    """A request with an Idempotency-Key stores its key in a SAVEPOINT; SQLAlchemy reports the
    SAVEPOINT's release as a commit, but no worker could see the rows yet."""
    planned = delivery.Planned(push_ids=[1])
    with bound(engine, dispatched) as session:
        session.exec(select(User)).all()  # open the outer transaction
        delivery.after_commit(session, planned)
        with session.begin_nested():
            pass
        assert dispatched == []
        with session.begin_nested() as savepoint:
            savepoint.rollback()
        assert dispatched == []
        session.commit()
    assert dispatched == [planned]
