"""python -m bench push: Web Push fan-out and held summaries at chain scale, on PostgreSQL.

The issue's figures, against a local push service that answers after 50 ms: one post fanned out
to 10,000 subscriptions at >= 1,000 deliveries a second on this 2-core machine, printed beside a
naive one-by-one pywebpush `webpush()` loop and beside the pure encryption cost per message (the
ceiling) as ratios; and held summaries for 10,000 people due at the same minute released in
<= 30 s. The goals are printed as information next to the figures; nothing fails on time.

In order:
1. the ceiling: sender.encrypt() (pywebpush's WebPusher.encode) of one ~200-byte payload for
   2,000 distinct subscriptions (a fresh ephemeral key per message, as every push needs), on one
   core;
2. the naive loop: pywebpush's synchronous `webpush()`, one subscription after the other (a
   fresh copy of the claims each call, an explicit TTL), for 200 subscriptions, extrapolated;
3. the sender alone: sender.send_each() to the 10,000 subscriptions, no database, at the default
   concurrency and at twice that; then in the jobs' shape (send_each per BATCH_SIZE, one after the
   other), with a new event loop and connection pool per job as delivery._send() does it, and
   with one pool kept for every job;
4. end to end: notify() for a post to the whole chain (10,000 people, all on shift, so the rule
   says "push now"), committed, then every queued id through delivery.push_queued() in jobs of
   delivery.BATCH_SIZE: one worker taking the jobs one after the other, then two worker threads
   as the embedded Huey consumer runs them; then one more post under cProfile, its time summed
   by area (idle in epoll, HTTP client, encryption, database, ...);
5. release: 10,000 people with 3 held items each due at the same minute, plus the must-read
   post of step 4 not yet acknowledged, through delivery.release_due().

The push service runs in its own process (bench/push_service.py): it checks VAPID and the headers
on every request and decrypts a sample of the messages (tests/support/push_service.py, which
the correctness tests use, decrypts all of them in the test's own process). Every run ends with
what the service accepted (it must be exactly one message per subscription) and what the
database recorded. Process CPU seconds are printed beside wall-clock seconds (CPU close to the
wall time: the benchmark process, one GIL, is the limit; far below: it waits), and how busy the
whole machine was meanwhile (/proc/stat): other work on the 2 cores slows every figure down.
"""

import asyncio
import cProfile
import pstats
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid  # type: ignore[import-untyped]
from pywebpush import webpush
from sqlalchemy import Engine, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.common import after_commit
from api.db import make_engine
from api.notifications import delivery, messages
from api.notifications.service import notify
from api.org.models import Locale, User
from api.push import sender
from api.push.message import Message
from api.push.vapid import VapidKey, VapidSigner
from bench.chain import CHAIN_STEPS, Chain, StatementLog, Step, counts, machine, run_steps
from bench.push_service import BenchPushService, Device
from bench.timing import migrated_settings
from tests.support.databases import throwaway_postgres

T = TypeVar("T")

DELAY = 0.05  # seconds the push service takes to answer
DECRYPT_EVERY = 10  # the bench service decrypts one message in this many
CEILING_MESSAGES = 2_000
NAIVE_MESSAGES = 200
HELD_PER_PERSON = 3
FANOUT_GOAL = 1_000.0  # deliveries a second
RELEASE_GOAL_S = 30.0
SUBJECT = "mailto:bench@winkelpraat.example"
PROFILE_FILE = Path(tempfile.gettempdir()) / "winkelpraat-bench-push.prof"
# A news push as notify() renders it: title, a short body, the url (about 200 bytes of JSON).
PAYLOAD = Message(
    title="Moet je lezen: nieuwe werkwijze bij de kassa vanaf maandag, lees dit vóór je dienst",
    body="Nieuw bericht in Winkelpraat",
    url="/news/100000",
    tag="news_post:100000",
)


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of the whole machine so far, from /proc/stat (Linux)."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and iowait
    return sum(ticks) - idle, sum(ticks)


@dataclass(frozen=True)
class Rate:
    """`count` messages in `seconds` (wall clock), the CPU this process spent meanwhile, and
    how busy the whole machine was (other work on it slows every figure down)."""

    name: str
    count: int
    seconds: float
    cpu_seconds: float
    machine_busy: float | None = None  # share of all CPUs, this process included

    @property
    def per_second(self) -> float:
        return self.count / self.seconds

    def line(self, *, naive: "Rate | None" = None, ceiling: "Rate | None" = None) -> str:
        text = (
            f"  {self.name:<58} {self.count:>6,} in {self.seconds:6.2f} s"
            f" {self.per_second:8,.0f}/s  CPU {self.cpu_seconds:5.2f} s"
        )
        if self.machine_busy is not None:
            text += f", machine {self.machine_busy:4.0%} busy"
        if naive is not None:
            text += f"   x{self.per_second / naive.per_second:,.0f} naive"
        if ceiling is not None:
            text += f", {self.per_second / ceiling.per_second:.2f} of ceiling"
        return text


class Stopwatch:
    """Wall clock, this process's CPU and the machine's CPU ticks, from start to `rate()`."""

    def __init__(self) -> None:
        self.ticks = _cpu_ticks()
        self.cpu = time.process_time()
        self.started = time.perf_counter()

    def rate(self, name: str, count: int) -> Rate:
        seconds = time.perf_counter() - self.started
        busy, total = (now - then for now, then in zip(_cpu_ticks(), self.ticks, strict=True))
        share = busy / total if total > 0 else None
        return Rate(name, count, seconds, time.process_time() - self.cpu, share)


def _timed(name: str, count: int, work: Callable[[], object]) -> Rate:
    watch = Stopwatch()
    work()
    return watch.rate(name, count)


def goal_rate(rate: Rate) -> str:
    met = "met" if rate.per_second >= FANOUT_GOAL else "NOT met"
    return f"   goal >= {FANOUT_GOAL:,.0f}/s: {met}"


def goal_seconds(seconds: float) -> str:
    met = "met" if seconds <= RELEASE_GOAL_S else "NOT met"
    return f"   goal <= {RELEASE_GOAL_S:.0f} s: {met}"


# -- 1. to 3.: no database ----------------------------------------------------------------------


def encryption_ceiling(devices: Sequence[Device]) -> Rate:
    """The pure encryption cost: nothing else a push needs, on one core."""
    payload = PAYLOAD.payload()
    sample = [device.target(device.number) for device in devices[:CEILING_MESSAGES]]
    for target in sample[:50]:  # warm up
        sender.encrypt(payload, target)

    def encrypt_all() -> None:
        for target in sample:
            sender.encrypt(payload, target)

    return _timed(
        f"encryption alone ({len(payload)}-byte payload): the ceiling", len(sample), encrypt_all
    )


def naive_loop(key: VapidKey, devices: Sequence[Device]) -> Rate:
    """pywebpush as its README shows it: one synchronous webpush() after the other."""
    vapid = Vapid.from_pem(key.private_pem())
    claims = {"sub": SUBJECT}
    data = PAYLOAD.payload().decode()
    ttl = int(timedelta(hours=24).total_seconds())

    def loop() -> None:
        for device in devices[:NAIVE_MESSAGES]:
            # A fresh copy of the claims: webpush() writes `aud` and `exp` into the dict.
            webpush(
                device.subscription_info(),
                data=data,
                vapid_private_key=vapid,
                vapid_claims=dict(claims),
                ttl=ttl,
                timeout=10,
            )

    return _timed("naive: pywebpush webpush() one by one", NAIVE_MESSAGES, loop)


def sender_alone(signer: VapidSigner, devices: Sequence[Device], concurrency: int) -> Rate:
    deliveries = [sender.Delivery(device.target(device.number), PAYLOAD) for device in devices]
    limits = sender.Limits(concurrency=concurrency)
    results: list[sender.Result] = []

    def send() -> None:
        results.extend(asyncio.run(sender.send_each(deliveries, signer=signer, limits=limits)))

    rate = _timed(f"sender alone: send_each, concurrency {concurrency}", len(devices), send)
    _check_results(results, len(devices))
    return rate


def sender_in_jobs(signer: VapidSigner, devices: Sequence[Device], *, keep_pool: bool) -> Rate:
    """The sender alone in the jobs' shape: send_each() per BATCH_SIZE, one job after the other.
    As delivery._send() does it, each job runs its own event loop and connection pool; with
    `keep_pool` one loop and pool serve every job (keep-alive connections reused)."""
    deliveries = [sender.Delivery(device.target(device.number), PAYLOAD) for device in devices]
    jobs = _batches(deliveries)
    results: list[sender.Result] = []

    async def over_one_pool() -> None:
        async with sender.new_client() as client:
            for job in jobs:
                results.extend(await sender.send_each(job, signer=signer, client=client))

    def send() -> None:
        if keep_pool:
            asyncio.run(over_one_pool())
            return
        for job in jobs:
            results.extend(asyncio.run(sender.send_each(job, signer=signer)))

    how = "one pool kept for all jobs" if keep_pool else "a new loop and pool each"
    rate = _timed(f"sender alone: jobs of {delivery.BATCH_SIZE}, {how}", len(devices), send)
    _check_results(results, len(devices))
    return rate


def _check_results(results: Sequence[sender.Result], expected: int) -> None:
    outcomes = Counter(result.outcome.value for result in results)
    if outcomes != Counter({sender.Outcome.DELIVERED.value: expected}):
        print(f"      UNEXPECTED outcomes: {dict(outcomes)}")


# -- 4. and 5.: the chain on PostgreSQL ---------------------------------------------------------


def build_steps(devices: Sequence[Device]) -> list[Step]:
    """The chain's people (bench/chain.py), one phone each, everyone on shift now."""
    return [
        *CHAIN_STEPS,
        (
            "push subscriptions: one phone per active person",
            """
            INSERT INTO push_subscription (user_id, endpoint, p256dh, auth, created_at,
                                           failure_count)
            SELECT d.user_id, d.endpoint, d.p256dh, d.auth, now() - interval '30 days', 0
            FROM unnest(CAST(:device_users AS int[]), CAST(:device_endpoints AS text[]),
                        CAST(:device_p256dh AS text[]), CAST(:device_auth AS text[]))
                 AS d(user_id, endpoint, p256dh, auth)
            """,
        ),
        (
            "shifts: everyone on shift now (HQ at store 1)",
            """
            INSERT INTO shift_entry (user_id, store_id, starts_at, ends_at, created_at)
            SELECT id, coalesce(store_id, 1), now() - interval '2 hours',
                   now() + interval '6 hours', now() - interval '7 days'
            FROM org_user WHERE is_active
            """,
        ),
    ]


def device_params(devices: Sequence[Device]) -> dict[str, Any]:
    """Device n belongs to user n: the chain's active people are ids 1 to chain.users."""
    return {
        "device_users": [device.number for device in devices],
        "device_endpoints": [device.endpoint for device in devices],
        "device_p256dh": [device.p256dh for device in devices],
        "device_auth": [device.auth for device in devices],
    }


def _post(engine: Engine, post_id: int, *, must_read: bool) -> tuple[list[int], float]:
    """notify() for a post to everyone, committed; the queued ids and the seconds it took."""
    planned: list[delivery.Planned] = []
    started = time.perf_counter()
    # Wired as a request's session is, with the planned jobs collected instead of queued.
    with after_commit.bind(Session(engine), {delivery.CHANNEL: planned.extend}) as session:
        notify(
            session,
            recipients=sa_select(col(User.id)),
            message=messages.news_published(
                post_id=post_id,
                titles={
                    Locale.NL: "Nieuwe werkwijze bij de kassa vanaf maandag",
                    Locale.EN: "New way of working at the till from Monday",
                },
                must_read=must_read,
            ),
        )
        session.commit()
    seconds = time.perf_counter() - started
    return [notification_id for item in planned for notification_id in item.push_ids], seconds


def _batches(items: Sequence[T]) -> list[list[T]]:
    size = delivery.BATCH_SIZE
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def fan_out(
    engine: Engine, signer: VapidSigner, post_id: int, *, workers: int, must_read: bool = False
) -> tuple[Rate, list[str]]:
    """One post to everyone, end to end; returns the rate and the lines that explain it."""
    watch = Stopwatch()
    queued, notify_seconds = _post(engine, post_id, must_read=must_read)
    batches = _batches(queued)
    log = StatementLog(engine)
    results: list[sender.Result] = []
    push_started = time.perf_counter()
    if workers == 1:
        with log.active():
            for batch in batches:
                results += delivery.push_queued(engine, batch, signer=signer)
    else:
        with ThreadPoolExecutor(workers) as pool:
            jobs = pool.map(lambda b: delivery.push_queued(engine, b, signer=signer), batches)
            for done in jobs:
                results += done
    ended = time.perf_counter()
    jobs_text = f"{len(batches)} jobs of {delivery.BATCH_SIZE}"
    how = "one after the other" if workers == 1 else f"on {workers} worker threads"
    rate = watch.rate(f"end to end: notify + {jobs_text}, {how}", len(results))
    _check_results(results, len(queued))
    lines = [
        f"notify() for {len(queued):,} people, committed: {notify_seconds:.2f} s;"
        f" the jobs: {ended - push_started:.2f} s"
        f" ({(ended - push_started) / len(batches) * 1000:.0f} ms a job)"
    ]
    if workers == 1:
        concurrency = sender.Limits().concurrency
        rounds = -(-delivery.BATCH_SIZE // concurrency)
        lines.append(
            f"the jobs' database work: {log.summary()}; a job of {delivery.BATCH_SIZE} at"
            f" concurrency {concurrency} waits at least {rounds} x {DELAY * 1000:.0f} ms"
            f" = {rounds * DELAY * 1000:.0f} ms for the push service"
        )
    return rate, lines


def _recorded(engine: Engine, post_id: int) -> str:
    with engine.connect() as conn:
        inbox = conn.execute(
            text(
                "SELECT delivery, count(*) FROM notification_item WHERE subject = :subject"
                " GROUP BY delivery"
            ),
            {"subject": f"news_post:{post_id}"},
        ).all()
        attempts = conn.execute(
            text(
                "SELECT a.outcome, count(*) FROM push_attempt a"
                " JOIN notification_item n ON n.id = a.notification_id"
                " WHERE n.subject = :subject GROUP BY a.outcome"
            ),
            {"subject": f"news_post:{post_id}"},
        ).all()
    return (
        f"database: inbox rows {', '.join(f'{d} {n:,}' for d, n in inbox)};"
        f" attempts recorded {', '.join(f'{o} {n:,}' for o, n in attempts) or 'none'}"
    )


HOLD_STEPS: list[Step] = [
    (
        "held items: 3 per active person, all due at the same minute",
        """
        INSERT INTO notification_item (user_id, kind, category, urgency, title, body, url,
                                       created_at, delivery, release_at, subject, needs_ack)
        SELECT u.id, 'qa.answer', 'qa', 'normal', 'Iemand heeft je vraag beantwoord',
               'Vraag ' || j, '/questions/' || j, now() - interval '1 hour' * (10 - j),
               'held', CAST(:release_at AS timestamptz), 'question:' || j, false
        FROM org_user u, generate_series(1, :held_per_person) j
        WHERE u.is_active
        """,
    ),
]


def release(engine: Engine, signer: VapidSigner, people: int) -> tuple[Rate, str]:
    """release_due() at the minute everything is due: the rate and its database work."""
    log = StatementLog(engine)
    watch = Stopwatch()
    with log.active():
        results = delivery.release_due(engine, signer=signer, at=datetime.now(UTC))
    rate = watch.rate("release: release_due(), one summary per person", len(results))
    _check_results(results, people)
    return rate, f"database work: {log.summary()}"


def _profile_job(engine: Engine, signer: VapidSigner, post_id: int) -> list[str]:
    """Where one process's time goes in a fan-out: cProfile over one more post, by area."""
    queued, _ = _post(engine, post_id, must_read=False)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for batch in _batches(queued):
        delivery.push_queued(engine, batch, signer=signer)
    profiler.disable()
    wall = time.perf_counter() - started
    profiler.dump_stats(PROFILE_FILE)
    stats = pstats.Stats(profiler)
    areas: Counter[str] = Counter()
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in raw.items():
        areas[_area(filename, function)] += own
    total = sum(areas.values())
    lines = [
        f"profile of one more post, jobs one after the other ({wall:.2f} s under cProfile,"
        f" {total:.2f} s of own time; {PROFILE_FILE}):"
    ]
    for area, seconds in areas.most_common():
        lines.append(f"    {area:<52} {seconds:6.2f} s  {seconds / total:4.0%}")
    return lines


_AREAS = [
    ("idle: the event loop waiting in epoll", ("select.epoll",)),
    (
        "encryption (pywebpush, http_ece, cryptography)",
        (
            *("pywebpush", "http_ece", "cryptography", "hazmat", "ec.generate_private_key"),
            *("ec.from_public_bytes", "ciphers.", "urandom", "base64.py"),
        ),
    ),
    ("HTTP client (aiohttp, yarl, multidict)", ("aiohttp", "yarl", "multidict")),
    ("sockets: connect, send, recv, close", ("_socket.socket", "socket.close")),
    ("event loop (asyncio, selectors)", ("asyncio", "selectors.py", "_contextvars", "heapq")),
    ("database (SQLAlchemy, psycopg)", ("sqlalchemy", "sqlmodel", "psycopg")),
    ("the app (api/)", ("/api/",)),
]


def _area(filename: str, function: str) -> str:
    where = f"{filename} {function}"
    for name, needles in _AREAS:
        if any(needle in where for needle in needles):
            return name
    return "other (builtins, dataclasses, json, ...)"


def _run() -> None:
    chain = Chain()
    var = Path(tempfile.mkdtemp(prefix="winkelpraat-bench-push-"))
    key = VapidKey(ec.generate_private_key(ec.SECP256R1()))
    signer = VapidSigner(key, subject=SUBJECT)
    service = BenchPushService(public_key=key.public_key, delay=DELAY, decrypt_every=DECRYPT_EVERY)
    with service, throwaway_postgres("winkelpraat_bench_push") as url:
        settings = migrated_settings(var, url)
        engine = make_engine(settings.sqlalchemy_url)
        devices = service.devices(chain.users)
        print(
            f"\n[push, postgresql] {chain.stores} stores, {chain.users:,} people on shift with"
            " one phone each: building"
        )
        seconds = run_steps(
            engine, build_steps(devices), {**chain.params(), **device_params(devices)}
        )
        with engine.connect() as conn:
            print(
                f"  built in {seconds:.1f} s: "
                + counts(conn, ["org_user", "push_subscription", "shift_entry"])
            )
        print(machine())
        print(
            f"  push service: its own process on 127.0.0.1, answers after {DELAY * 1000:.0f} ms;"
            f" VAPID and headers checked on every request, 1 message in {DECRYPT_EVERY}"
            " decrypted and read"
        )
        print()

        ceiling = encryption_ceiling(devices)
        per_message_ms = ceiling.seconds / ceiling.count * 1000
        print(ceiling.line() + f"  ({per_message_ms:.3f} ms a message)")

        service.reset()
        naive = naive_loop(key, devices)
        print(naive.line() + f"  (10,000 would take {chain.users / naive.per_second / 60:.1f} min)")
        print("      " + service.stats().line(NAIVE_MESSAGES))

        for concurrency in (sender.Limits().concurrency, 2 * sender.Limits().concurrency):
            service.reset()
            alone = sender_alone(signer, devices, concurrency)
            print(alone.line(naive=naive, ceiling=ceiling))
            print("      " + service.stats().line(len(devices)))

        for keep_pool in (False, True):
            service.reset()
            jobs = sender_in_jobs(signer, devices, keep_pool=keep_pool)
            print(jobs.line(naive=naive, ceiling=ceiling))
            print("      " + service.stats().line(len(devices)))

        post_id = 100_000
        for workers in (1, 2):
            post_id += 1
            service.reset()
            rate, lines = fan_out(engine, signer, post_id, workers=workers, must_read=workers == 1)
            print(rate.line(naive=naive, ceiling=ceiling) + goal_rate(rate))
            for line in [*lines, service.stats().line(chain.users), _recorded(engine, post_id)]:
                print("      " + line)

        post_id += 1
        service.reset()
        for line in _profile_job(engine, signer, post_id):
            print("      " + line)

        print()
        release_at = datetime.now(UTC).replace(second=0, microsecond=0)
        run_steps(
            engine,
            HOLD_STEPS,
            {"release_at": release_at, "held_per_person": HELD_PER_PERSON},
        )
        service.reset()
        rate, db = release(engine, signer, chain.users)
        print(
            f"  {chain.users:,} people, {chain.users * HELD_PER_PERSON:,} held items due at"
            f" {release_at:%H:%M} UTC (and the must-read post above, not yet acknowledged)"
        )
        print(rate.line(naive=naive, ceiling=ceiling) + goal_seconds(rate.seconds))
        stats = service.stats()
        for line in [db, stats.line(chain.users), f"summaries read: {stats.payloads}"]:
            print("      " + line)
        engine.dispose()


async def run() -> None:
    # push_queued() and release_due() run their own event loops, as they do in a job worker.
    await asyncio.to_thread(_run)
