"""python -m bench: the foundation's request costs on SQLite and PostgreSQL, then the news feed
and read rates at chain scale (bench/news.py), then similar questions and search at chain scale
(bench/qa.py), then Web Push fan-out and held summaries (bench/push.py), then the PWA itself:
shell size, first feed render offline and Lighthouse (bench/pwa.py).

`python -m bench news` runs only the news part, `python -m bench qa` only questions and search,
`python -m bench push` only push delivery, `python -m bench pwa` only the PWA;
`python -m bench sqlite postgresql` only the foundation's.
"""

import asyncio
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from sqlmodel import Session

from api.db import make_engine
from api.main import create_app
from api.org.models import Role
from bench import environment, news, push, pwa, qa
from bench.timing import KEY, bare_baseline, client_for, measure, migrated_settings
from tests.factories import make_region, make_store, make_user, token_for
from tests.support.databases import throwaway_postgres


async def run(kind: str) -> None:
    var = Path(tempfile.mkdtemp(prefix="winkelpraat-bench-"))
    with ExitStack() as stack:
        if kind == "sqlite":
            url = f"sqlite:///{var / 'bench.db'}"
        else:
            url = stack.enter_context(throwaway_postgres("winkelpraat_bench"))
        settings = migrated_settings(var, url)
        engine = make_engine(settings.sqlalchemy_url)
        with Session(engine) as session:
            region = make_region(session)
            stores = [make_store(session, region=region) for _ in range(20)]
            users = [make_user(session, store=stores[i % 20]) for i in range(500)]
            manager = make_user(session, role=Role.STORE_MANAGER, store=stores[0])
            token = token_for(session, users[0], key=KEY)
            manager_token = token_for(session, manager, key=KEY)
            session.commit()
        app = create_app(settings)
        staff = {"Authorization": f"Bearer {token}"}
        mgr = {"Authorization": f"Bearer {manager_token}"}
        baseline = await bare_baseline()
        print(f"\n[{kind}] 20 stores, 501 users")
        print(baseline.line())
        async with client_for(app) as client:
            for name, path, headers in [
                ("GET /api/health", "/api/health", {}),
                ("GET /api/v1/me (token checked in DB)", "/api/v1/me", staff),
                ("GET /api/v1/users (manager, 20/page)", "/api/v1/users", mgr),
                ("GET /api/v1/stores (20/page)", "/api/v1/stores", staff),
            ]:
                latency = await measure(name, lambda p=path, h=headers: client.get(p, headers=h))
                print(latency.line(baseline))
        engine.dispose()


PARTS = ("sqlite", "postgresql", "news", "qa", "push", "pwa")


def main(parts: list[str]) -> None:
    unknown = [part for part in parts if part not in PARTS]
    if unknown:
        raise SystemExit(
            f"unknown part {unknown[0]!r}; usage: python -m bench [{'] ['.join(PARTS)}]"
        )
    print(environment.describe())
    chain_scale = {"news": news.run, "qa": qa.run, "push": push.run}
    for part in parts or PARTS:
        if part == "pwa":
            pwa.run()  # Playwright's sync API, which refuses to run inside an event loop
        else:
            asyncio.run(chain_scale[part]() if part in chain_scale else run(part))


if __name__ == "__main__":
    main(sys.argv[1:])
