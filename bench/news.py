"""python -m bench news: the news feed and read rates at chain scale, on PostgreSQL.

The issue's figure: with 10,000 users in 500 stores and 100,000 news items, the feed's first page
p95 <= 25 ms and the read rates of a post for a 10,000-person audience <= 100 ms, measured
in-process over the ASGI app next to a bare FastAPI JSON endpoint. The goals are printed as
information next to the figures; nothing here ever fails on time.

The data set is built with set-based SQL (INSERT ... SELECT generate_series) in one transaction
on a throwaway database, then VACUUM ANALYZE. Random choices start from setseed(), so runs
build (nearly) the same chain. Once measured, the feed and stats statements the app ran are
captured and shown with EXPLAIN (ANALYZE, BUFFERS), and each request's statement count.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session

from api.main import create_app
from bench.chain import (
    CHAIN_STEPS,
    Caller,
    Chain,
    StatementLog,
    Step,
    caller_for,
    check,
    counts,
    explain,
    goal,
    machine,
    measure_callers,
    run_steps,
)
from bench.timing import bare_baseline, client_for, migrated_settings
from tests.support.databases import throwaway_postgres

PLANS_FILE = Path(tempfile.gettempdir()) / "winkelpraat-bench-news-plans.txt"
FEED_GOAL_MS = 25.0
STATS_GOAL_MS = 100.0


@dataclass(frozen=True)
class NewsChain(Chain):
    """The chain with its news: 100,000 posts. In the measured stores a third of the people
    have read nearly every post they can see, the others a share that shrinks with a post's
    age."""

    posts: int = 100_000

    @property
    def everyone_post(self) -> int:
        """A recent must-read post for every store and role: the 10,000-person audience."""
        return self.posts - 30

    @property
    def region_post(self) -> int:
        """A recent must-read post for one region."""
        return self.posts - 60

    def params(self) -> dict[str, Any]:
        return {
            **super().params(),
            "posts": self.posts,
            "everyone_post": self.everyone_post,
            "region_post": self.region_post,
        }


# (post, user) pairs in the audience of the posts in bench_reach_posts, for the people in
# bench_reach_users, by the rules of api/news/audience.py: stores and regions are a union, roles
# narrow. Set-based (hash joins), so it stays fast for a million pairs.
REACH = """
        INSERT INTO bench_reach (post_id, user_id, published_at)
        WITH posts AS MATERIALIZED (
            SELECT p.id, p.has_place_filter, p.has_role_filter, p.published_at
            FROM news_post p JOIN bench_reach_posts USING (id)
        ), people AS MATERIALIZED (
            SELECT u.id, u.role, u.store_id, s.region_id
            FROM org_user u JOIN bench_reach_users USING (id)
            LEFT JOIN org_store s ON s.id = u.store_id
        ), pairs AS (
            SELECT p.id AS post_id, p.has_role_filter, p.published_at, u.id AS user_id, u.role
            FROM posts p CROSS JOIN people u WHERE NOT p.has_place_filter
            UNION
            SELECT p.id, p.has_role_filter, p.published_at, u.id, u.role
            FROM news_audience_store a JOIN posts p ON p.id = a.post_id
            JOIN people u ON u.store_id = a.store_id
            UNION
            SELECT p.id, p.has_role_filter, p.published_at, u.id, u.role
            FROM news_audience_region a JOIN posts p ON p.id = a.post_id
            JOIN people u ON u.region_id = a.region_id
        )
        SELECT post_id, user_id, published_at FROM pairs
        WHERE NOT has_role_filter OR EXISTS (
            SELECT 1 FROM news_audience_role r
            WHERE r.post_id = pairs.post_id AND r.role = pairs.role);
        ANALYZE bench_reach
        """

# After the chain's people (bench/chain.py), in the same transaction.
BUILD_STEPS: list[Step] = [
    *CHAIN_STEPS,
    (
        "plan",
        # One row per post with every random choice, so posts and audience rows agree.
        """
        CREATE TEMPORARY TABLE bench_plan ON COMMIT DROP AS
        SELECT g.id,
               CASE WHEN g.k < 0.10 THEN 'all' WHEN g.k < 0.25 THEN 'region'
                    ELSE 'stores' END AS kind,
               1 + floor(random() * :stores)::int AS first_store,
               CASE WHEN random() < 0.45 THEN 1 ELSE 2 + floor(random() * 4)::int END
                   AS n_stores,
               1 + floor(random() * :regions)::int AS first_region,
               CASE WHEN random() < 0.2 THEN 2 ELSE 1 END AS n_regions,
               CASE WHEN g.r < 0.05 THEN 'managers' WHEN g.r < 0.07 THEN 'staff'
                    WHEN g.r < 0.08 THEN 'store roles' END AS roles,
               CASE WHEN g.s < 0.005 THEN 'draft' WHEN g.s < 0.008 THEN 'scheduled'
                    ELSE 'published' END AS status,
               random() < 0.6 AS by_manager,
               :admins + 1 + floor(random() * (:hq_last - :admins))::int AS hq_author,
               random() < 0.05 AS must_read,
               random() < 0.0005 AS pinned,
               CASE WHEN random() < 0.2 THEN 3 + floor(random() * 28)::int END AS expires_days,
               random() < 0.03 AS english,
               now() - interval '365 days' * (1 - g.id::float8 / :posts)
                   - interval '5 minutes' * random() AS at
        FROM (SELECT id, random() AS k, random() AS r, random() AS s
              FROM generate_series(1, :posts) id) g
        """,
    ),
    (
        "plan: the measured posts",
        """
        UPDATE bench_plan
        SET kind = CASE WHEN id = :everyone_post THEN 'all' ELSE 'region' END,
            n_regions = 1, roles = NULL, status = 'published', must_read = true,
            pinned = false, expires_days = NULL
        WHERE id IN (:everyone_post, :region_post)
        """,
    ),
    (
        "posts",
        """
        INSERT INTO news_post (id, author_id, title, body, body_html, locale, status, urgency,
                               is_must_read, is_pinned, has_place_filter, has_role_filter,
                               publish_at, published_at, expires_at, created_at, updated_at)
        SELECT id,
               CASE WHEN kind = 'stores' AND n_stores = 1 AND by_manager
                    THEN :first_manager + first_store - 1 ELSE hq_author END,
               (ARRAY['Nieuwe collectie', 'Roosterwijziging', 'Actie van de week',
                      'Veiligheid op de winkelvloer', 'Kassasysteem', 'Personeelsfeest'])
                   [1 + id % 6] || ' #' || id,
               body, '<p>' || body || '</p>',
               CASE WHEN english THEN 'en' ELSE 'nl' END,
               status,
               CASE WHEN id % 50 = 0 THEN 'urgent' WHEN id % 10 = 1 THEN 'low'
                    ELSE 'normal' END,
               must_read, pinned AND status = 'published', kind <> 'all', roles IS NOT NULL,
               CASE WHEN status = 'scheduled'
                    THEN now() + interval '1 day' * (1 + id % 14) END,
               CASE WHEN status = 'published' THEN at END,
               CASE WHEN status <> 'scheduled' THEN at + interval '1 day' * expires_days END,
               at - interval '10 minutes', at
        FROM (SELECT *, repeat('Beste collega''s, vanaf maandag geldt een nieuwe werkwijze '
                               || 'in alle winkels. Lees dit bericht goed door. ', 4)
                        || 'Bericht ' || id || '.' AS body
              FROM bench_plan) p
        """,
    ),
    (
        "audience: stores",
        """
        INSERT INTO news_audience_store (post_id, store_id)
        SELECT id, 1 + (first_store - 1 + j * 7) % :stores
        FROM bench_plan, generate_series(0, 4) j
        WHERE kind = 'stores' AND j < n_stores
        """,
    ),
    (
        "audience: regions",
        """
        INSERT INTO news_audience_region (post_id, region_id)
        SELECT id, 1 + (first_region - 1 + j) % :regions
        FROM bench_plan, generate_series(0, 1) j
        WHERE kind = 'region' AND j < n_regions
        """,
    ),
    (
        "audience: roles",
        """
        INSERT INTO news_audience_role (post_id, role)
        SELECT id, role
        FROM bench_plan,
             unnest(CASE roles WHEN 'managers' THEN ARRAY['store_manager']
                               WHEN 'staff' THEN ARRAY['staff']
                               ELSE ARRAY['staff', 'store_manager'] END) role
        WHERE roles IS NOT NULL
        """,
    ),
    (
        "translations",
        """
        INSERT INTO news_translation (post_id, locale, title, body, body_html)
        SELECT id, 'en', 'News #' || id, 'Dear colleagues, read this carefully.',
               '<p>Dear colleagues, read this carefully.</p>'
        FROM news_post WHERE locale = 'nl' AND id % 20 = 3
        """,
    ),
    (
        "comments",
        """
        INSERT INTO news_comment (post_id, author_id, body, created_at)
        SELECT id, :first_staff + (id * 31 + j * 977) % :staff, 'Duidelijk, dank je wel!',
               least(now(), published_at + interval '1 hour' * j)
        FROM news_post, generate_series(1, 6) j
        WHERE status = 'published' AND id % 20 = 0 AND j <= 1 + id % 6
        """,
    ),
    (
        "reactions",
        """
        INSERT INTO news_reaction (post_id, user_id, kind, created_at)
        SELECT id, :first_staff + (id * 31 + j * 977) % :staff,
               (ARRAY['like', 'heart', 'clap', 'laugh', 'wow', 'thanks'])[1 + (id + j) % 6],
               least(now(), published_at + interval '1 hour' * j)
        FROM news_post, generate_series(1, 8) j
        WHERE status = 'published' AND id % 5 = 0 AND j <= id % 9
        """,
    ),
    (
        "reach tables",
        """
        CREATE TEMPORARY TABLE bench_reach_posts (id int PRIMARY KEY) ON COMMIT DROP;
        CREATE TEMPORARY TABLE bench_reach_users (id int PRIMARY KEY) ON COMMIT DROP;
        CREATE TEMPORARY TABLE bench_reach (post_id int, user_id int,
                                            published_at timestamptz) ON COMMIT DROP
        """,
    ),
    (
        "reach: recent must-reads x everyone",
        """
        INSERT INTO bench_reach_posts
        SELECT id FROM news_post
        WHERE status = 'published' AND is_must_read
          AND published_at > now() - interval '30 days';
        INSERT INTO bench_reach_users SELECT id FROM org_user WHERE is_active;
        ANALYZE bench_reach_posts, bench_reach_users
        """,
    ),
    ("reach", REACH),
    (
        "reads: recent must-reads (70% of their audience)",
        """
        INSERT INTO news_read (post_id, user_id, read_at)
        SELECT post_id, user_id, least(now(), published_at + interval '1 hour' * 48 * random())
        FROM bench_reach WHERE random() < 0.7
        ORDER BY post_id, user_id
        """,
    ),
    (
        "reach: everything x the measured stores",
        """
        TRUNCATE bench_reach_posts, bench_reach_users, bench_reach;
        INSERT INTO bench_reach_posts
        SELECT id FROM news_post WHERE status = 'published';
        INSERT INTO bench_reach_users
        SELECT id FROM org_user WHERE is_active AND store_id = ANY(:measured_stores);
        ANALYZE bench_reach_posts, bench_reach_users
        """,
    ),
    ("reach", REACH),
    (
        "reads: the measured stores (a third read nearly all, the rest less)",
        """
        INSERT INTO news_read (post_id, user_id, read_at)
        SELECT post_id, user_id, least(now(), published_at + interval '1 hour' * 72 * random())
        FROM bench_reach
        WHERE random() < CASE WHEN user_id % 3 = 0 THEN 0.97
                              WHEN published_at > now() - interval '14 days' THEN 0.5
                              WHEN published_at > now() - interval '120 days' THEN 0.6
                              ELSE 0.2 END
          AND NOT EXISTS (SELECT 1 FROM news_read r
                          WHERE r.post_id = bench_reach.post_id
                            AND r.user_id = bench_reach.user_id)
        ORDER BY post_id, user_id
        """,
    ),
    (
        "acks: 75% of the reads of must-read posts",
        """
        INSERT INTO news_ack (post_id, user_id, acked_at)
        SELECT r.post_id, r.user_id, r.read_at
        FROM news_read r JOIN news_post p ON p.id = r.post_id
        WHERE p.is_must_read AND random() < 0.75
        ORDER BY r.post_id, r.user_id
        """,
    ),
    (
        "sequences",
        """
        SELECT setval(pg_get_serial_sequence('org_region', 'id'), :regions);
        SELECT setval(pg_get_serial_sequence('org_store', 'id'), :stores);
        SELECT setval(pg_get_serial_sequence('org_user', 'id'), :all_users);
        SELECT setval(pg_get_serial_sequence('news_post', 'id'), :posts)
        """,
    ),
]


COUNTED = ["org_user", "news_post", "news_audience_store", "news_audience_region"]
COUNTED += ["news_audience_role", "news_read", "news_ack", "news_comment", "news_reaction"]


def build(engine: Engine, chain: NewsChain) -> float:
    """Fill an empty, migrated database with the chain; returns the seconds it took."""
    return run_steps(engine, BUILD_STEPS, chain.params())


def _callers(engine: Engine, chain: NewsChain) -> tuple[list[Caller], Caller]:
    """Staff of the measured stores (diligent readers and others, alternating) and one HQ."""
    with Session(engine) as session:
        ids = [
            row[0]
            for row in session.execute(
                text(
                    "SELECT id FROM org_user WHERE role = 'staff' AND is_active"
                    " AND store_id = ANY(:stores) ORDER BY id"
                ),
                {"stores": list(chain.measured_stores)},
            )
        ]
        # The build gives users whose id is a multiple of 3 read marks on nearly everything.
        diligent = [user_id for user_id in ids if user_id % 3 == 0][:4]
        casual = [user_id for user_id in ids if user_id % 3 != 0][:4]
        chosen = [user_id for pair in zip(diligent, casual, strict=True) for user_id in pair]
        callers = []
        for user_id in chosen:
            store = chain.store_of(user_id)
            reader = "reads nearly all" if user_id % 3 == 0 else "reads some"
            callers.append(caller_for(session, user_id, f"store {store}, {reader}"))
        callers.append(caller_for(session, chain.admins + 1, "hq"))
        session.commit()
    return callers[:-1], callers[-1]


async def run() -> None:
    chain = NewsChain()
    var = Path(tempfile.mkdtemp(prefix="winkelpraat-bench-news-"))
    with throwaway_postgres("winkelpraat_bench_news") as url:
        settings = migrated_settings(var, url)
        app = create_app(settings)
        engine: Engine = app.state.engine
        print(
            f"\n[news, postgresql] {chain.regions} regions, {chain.stores} stores,"
            f" {chain.users:,} users, {chain.posts:,} posts: building"
        )
        seconds = build(engine, chain)
        with engine.connect() as conn:
            print(f"  built in {seconds:.1f} s: {counts(conn, COUNTED)}")
        staff, hq = _callers(engine, chain)
        print(machine())
        baseline = await bare_baseline()
        print(baseline.line())
        async with client_for(app) as client:
            for caller in staff:
                page = await check(client, "/api/v1/news", caller)
                unread = await check(client, "/api/v1/news?unread=true", caller)
                must = await check(client, "/api/v1/news?must_read=true", caller)
                print(
                    f"  {caller.name}: first page {len(page['items'])} items"
                    f" ({sum(item['pinned'] for item in page['items'])} pinned,"
                    f" {sum(item['read'] for item in page['items'])} read),"
                    f" unread {len(unread['items'])}, must-read {len(must['items'])}"
                )
            everyone = f"/api/v1/news/{chain.everyone_post}/stats"
            region = f"/api/v1/news/{chain.region_post}/stats"
            for path in (everyone, region):
                stats = await check(client, path, hq)
                print(
                    f"  {path}: audience {stats['audience_size']:,}, read {stats['read']:,},"
                    f" acknowledged {stats['acknowledged']:,}, {len(stats['by_store'])} stores"
                )

            who = f"{len(staff)} staff"
            for name, path in [
                (f"GET /news (first page, {who})", "/api/v1/news"),
                (f"GET /news?unread=true ({who})", "/api/v1/news?unread=true"),
                (f"GET /news?must_read=true ({who})", "/api/v1/news?must_read=true"),
            ]:
                latency = await measure_callers(client, name, path, staff)
                print(latency.line(baseline) + goal(latency, FEED_GOAL_MS))
            for name, path in [
                ("GET /news/{id}/stats (hq, 10,000 people)", everyone),
                ("GET /news/{id}/stats (hq, one region)", region),
            ]:
                latency = await measure_callers(client, name, path, [hq])
                print(latency.line(baseline) + goal(latency, STATS_GOAL_MS))

            PLANS_FILE.write_text("")
            feed = ("FROM news_post", "ORDER BY news_post.is_pinned DESC")
            log = StatementLog(engine)
            print(f"\n  plans (EXPLAIN ANALYZE, BUFFERS; full text in {PLANS_FILE}):")
            for title, path, caller, needles in [
                ("feed", "/api/v1/news", staff[0], feed),
                ("feed unread", "/api/v1/news?unread=true", staff[0], feed),
                ("feed must-read", "/api/v1/news?must_read=true", staff[0], feed),
                ("stats everyone", everyone, hq, ("GROUP BY org_user.store_id",)),
                ("stats region", region, hq, ("GROUP BY org_user.store_id",)),
            ]:
                with log.active():
                    await check(client, path, caller)
                statement, parameters = log.find(*needles)
                print(f"  {title}: {log.summary()}")
                for line in explain(engine, PLANS_FILE, title, statement, parameters):
                    print("    " + line)
        engine.dispose()
