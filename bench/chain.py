"""What the chain-scale benchmarks on PostgreSQL (bench/news.py, bench/qa.py) share.

The chain's people (regions, stores, users laid out by id) built with set-based SQL, a runner
for such build steps, callers with real tokens, timing over callers and paths, a log of the
statements a request runs and EXPLAIN (ANALYZE, BUFFERS) of them.
"""

import itertools
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, Engine, event, text
from sqlmodel import Session

from api.org.models import User
from bench.timing import KEY, Latency, measure
from tests.factories import PASSWORD_HASH, token_for


@dataclass(frozen=True)
class Chain:
    """The chain's shape. Users are laid out by id so authors and managers are easy to find:
    admins, then HQ, then one manager per store, then a second manager for the first stores,
    then staff spread evenly over the stores; a few deactivated staff come after them.

    Experts (expert_categories) are chosen by id, not at random, so adding them left the rest
    of the random build unchanged: the first HQ people answer hr, it, checkout and products,
    and planning questions; every 400th staff member knows IT."""

    regions: int = 10
    stores: int = 500
    users: int = 10_000
    admins: int = 5
    hq: int = 95
    second_managers: int = 250
    deactivated: int = 100
    # The stores whose staff are measured.
    measured_stores: tuple[int, ...] = (17, 117, 217, 317, 417)

    @property
    def first_manager(self) -> int:
        return self.admins + self.hq + 1

    @property
    def first_staff(self) -> int:
        return self.first_manager + self.stores + self.second_managers

    def store_of(self, staff_id: int) -> int:
        """The store of a staff member (as the users build step lays them out)."""
        return (staff_id - self.first_staff) % self.stores + 1

    @property
    def plain_hq(self) -> int:
        """An HQ person who is no expert."""
        return self.admins + self.hq

    def params(self) -> dict[str, Any]:
        return {
            "regions": self.regions,
            "stores": self.stores,
            "users": self.users,
            "admins": self.admins,
            "hq_last": self.admins + self.hq,
            "first_manager": self.first_manager,
            "second_manager_last": self.first_manager + self.stores + self.second_managers - 1,
            "first_staff": self.first_staff,
            "staff": self.users - self.first_staff + 1,
            "all_users": self.users + self.deactivated,
            "stores_per_region": self.stores // self.regions,
            "measured_stores": list(self.measured_stores),
            "password_hash": PASSWORD_HASH,
        }


# A build step is a name and one or more statements separated by ";", run in order inside
# one transaction. Temporary tables are dropped on commit.
Step = tuple[str, str]

# The transaction settings and the chain's people; every chain-scale build starts with these.
CHAIN_STEPS: list[Step] = [
    # Foreign keys are checked row by row by triggers, which would be most of the build time;
    # the rows below are consistent by construction, so this transaction skips the triggers.
    ("no trigger checks", "SET LOCAL session_replication_role = replica"),
    ("room to sort and hash", "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off"),
    ("seed", "SELECT setseed(0.1126)"),
    (
        "regions",
        """
        INSERT INTO org_region (id, name, created_at)
        SELECT r, 'Regio ' || r, now() - interval '3 years' FROM generate_series(1, :regions) r
        """,
    ),
    (
        "stores",
        """
        INSERT INTO org_store (id, code, name, region_id, timezone, created_at)
        SELECT s, 'ST-' || lpad(s::text, 4, '0'), 'Winkel ' || s,
               1 + (s - 1) / :stores_per_region, 'Europe/Amsterdam', now() - interval '3 years'
        FROM generate_series(1, :stores) s
        """,
    ),
    (
        "users",
        """
        INSERT INTO org_user (id, username, name, password_hash, role, store_id, locale,
                              expert_categories, is_active, created_at, deactivated_at)
        SELECT u, 'user' || u, 'Collega ' || u, :password_hash,
               CASE WHEN u <= :admins THEN 'admin'
                    WHEN u <= :hq_last THEN 'hq'
                    WHEN u <= :second_manager_last THEN 'store_manager'
                    ELSE 'staff' END,
               CASE WHEN u <= :hq_last THEN NULL
                    WHEN u <= :second_manager_last THEN 1 + (u - :first_manager) % :stores
                    ELSE 1 + (u - :first_staff) % :stores END,
               CASE WHEN random() < 0.1 THEN 'en' ELSE 'nl' END,
               CAST(CASE WHEN u - :admins BETWEEN 1 AND 10 THEN '["hr"]'
                         WHEN u - :admins BETWEEN 11 AND 20 THEN '["it"]'
                         WHEN u - :admins BETWEEN 21 AND 25 THEN '["checkout", "products"]'
                         WHEN u - :admins BETWEEN 26 AND 30 THEN '["planning"]'
                         WHEN u >= :first_staff AND u % 400 = 0 THEN '["it"]'
                         ELSE '[]' END AS json),
               u <= :users,
               now() - interval '2 years' * random(),
               CASE WHEN u > :users THEN now() - interval '30 days' * random() END
        FROM generate_series(1, :all_users) u
        """,
    ),
]


def _statements(sql: str) -> list[str]:
    return [part for part in (chunk.strip() for chunk in sql.split(";")) if part]


def run_steps(engine: Engine, steps: Sequence[Step], params: Mapping[str, Any]) -> float:
    """Run the steps in one transaction on an empty, migrated database, then VACUUM (ANALYZE);
    prints each step's rows and time and returns the seconds it all took."""
    started = time.perf_counter()
    with engine.begin() as conn:
        for name, sql in steps:
            step_started = time.perf_counter()
            rows = 0
            for statement in _statements(sql):
                used = {key: value for key, value in params.items() if f":{key}" in statement}
                rows += max(conn.execute(text(statement), used).rowcount, 0)
            print(f"  {name:<68} {rows:>9,} rows {time.perf_counter() - step_started:6.1f} s")
    step_started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE)"))
    print(f"  {'VACUUM (ANALYZE)':<68} {'':>14} {time.perf_counter() - step_started:6.1f} s")
    return time.perf_counter() - started


def counts(conn: Connection, tables: Sequence[str]) -> str:
    """Counts of the given tables (constant names, never input), as "table n, ..."."""
    found = {
        table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
        for table in tables
    }
    return ", ".join(f"{table} {count:,}" for table, count in found.items())


def machine() -> str:
    """Other work on the machine shows up in the percentiles; say how busy it was."""
    return f"  machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"


@dataclass
class StatementLog:
    """The SQL statements an engine runs while active, with the driver's time for each."""

    engine: Engine
    entries: list[tuple[str, Any, float]] = field(default_factory=list)
    _started: float = 0.0

    def _before(self, *_args: Any) -> None:
        self._started = time.perf_counter()

    def _after(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.entries.append((statement, parameters, (time.perf_counter() - self._started) * 1000))

    @contextmanager
    def active(self) -> Iterator["StatementLog"]:
        self.entries.clear()
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        try:
            yield self
        finally:
            event.remove(self.engine, "before_cursor_execute", self._before)
            event.remove(self.engine, "after_cursor_execute", self._after)

    def find(self, *needles: str) -> tuple[str, Any]:
        for statement, parameters, _ in self.entries:
            if all(needle in statement for needle in needles):
                return statement, parameters
        raise LookupError(f"no statement with {needles}")

    def find_all(self, *needles: str) -> list[tuple[str, Any]]:
        return [
            (statement, parameters)
            for statement, parameters, _ in self.entries
            if all(needle in statement for needle in needles)
        ]

    def summary(self) -> str:
        db_ms = sum(ms for *_, ms in self.entries)
        return f"{len(self.entries)} SQL statements, {db_ms:.1f} ms in the driver"


def _plan_nodes(node: Mapping[str, Any], depth: int = 0) -> Iterator[str]:
    scans = ("Scan", "Join", "Loop", "Aggregate", "Sort", "Limit", "Hash", "BitmapOr")
    if any(word in node["Node Type"] for word in scans):
        where = node.get("Index Name") or node.get("Relation Name") or ""
        parent = f" [{node['Subplan Name']}]" if "Subplan Name" in node else ""
        text = f"{'  ' * depth}{node['Node Type']} {where}{parent}: "
        if not node["Actual Loops"]:
            text += "never executed"
        else:
            text += (
                f"{node['Actual Rows']:,} rows x {node['Actual Loops']:,} loops,"
                f" {node['Actual Total Time'] * node['Actual Loops']:.1f} ms"
            )
        if node.get("Rows Removed by Filter"):
            text += f", {node['Rows Removed by Filter']:,} removed by filter"
        if node.get("Rows Removed by Index Recheck"):
            text += f", {node['Rows Removed by Index Recheck']:,} removed by recheck"
        yield text
    for child in node.get("Plans", []):
        yield from _plan_nodes(child, depth + 1)


def explain(
    engine: Engine,
    plans_file: Path,
    title: str,
    statement: str,
    parameters: Any,
    *,
    setup: Sequence[tuple[str, Any]] = (),
) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) one captured statement: the plan is appended to plans_file,
    a summary comes back. `setup` statements (e.g. a captured SET LOCAL) run first, in the
    same transaction."""
    with engine.connect() as conn:
        for setup_statement, setup_parameters in setup:
            conn.exec_driver_sql(setup_statement, setup_parameters)
        plan_text = "\n".join(
            row[0]
            for row in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        )
        plan = conn.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters
        ).scalar_one()
        conn.rollback()
    with plans_file.open("a") as out:
        out.write(f"== {title}\n{statement}\n-- {parameters!r}\n{plan_text}\n\n")
    top = plan[0]
    root = top["Plan"]
    return [
        f"{title}: execution {top['Execution Time']:.1f} ms,"
        f" planning {top['Planning Time']:.1f} ms,"
        f" shared buffers hit {root.get('Shared Hit Blocks', 0):,}"
        f" read {root.get('Shared Read Blocks', 0):,}",
        *("    " + line for line in _plan_nodes(root)),
    ]


def goal(latency: Latency, goal_ms: float) -> str:
    met = "met" if latency.p95_ms <= goal_ms else "NOT met"
    return f"   goal p95 <= {goal_ms:.0f} ms: {met}"


@dataclass(frozen=True)
class Caller:
    name: str
    headers: dict[str, str]


def caller_for(session: Session, user_id: int, kind: str) -> Caller:
    """A user with a real login and access token (the session must be committed after)."""
    user = session.get(User, user_id)
    assert user is not None
    token = token_for(session, user, key=KEY)
    return Caller(f"user {user_id} ({kind})", {"Authorization": f"Bearer {token}"})


async def check(client: httpx.AsyncClient, path: str, caller: Caller) -> Any:
    """One request that must succeed; the timings are only worth something if it does."""
    response = await client.get(path, headers=caller.headers)
    if response.status_code != 200:
        raise RuntimeError(f"{path} as {caller.name}: {response.status_code} {response.text}")
    return response.json()


async def measure_callers(
    client: httpx.AsyncClient, name: str, path: str | Sequence[str], callers: Sequence[Caller]
) -> Latency:
    """p50/p95 over all requests: every caller with every path, taking turns."""
    paths = [path] if isinstance(path, str) else list(path)
    turns = itertools.cycle([(p, c) for p in paths for c in callers])

    def call() -> Any:
        next_path, next_caller = next(turns)
        return client.get(next_path, headers=next_caller.headers)

    return await measure(name, call)
