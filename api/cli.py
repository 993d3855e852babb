"""winkelpraat serve | worker | migrate | seed-demo | create-admin | openapi"""

import argparse
import getpass
import json
import os
import sys

from sqlmodel import Session


def _serve(args: argparse.Namespace) -> None:
    import uvicorn

    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        # A backstop: open live streams are ended on a signal (api/live/shutdown.py), but no
        # connection may keep a stopping server alive for longer than this.
        timeout_graceful_shutdown=10,
    )


def _worker(args: argparse.Namespace) -> None:
    from huey.consumer import Consumer

    from api.config import get_settings
    from api.db import get_engine
    from api.wiring import build

    wiring = build(get_settings(), get_engine())
    Consumer(wiring.queue, workers=args.workers, worker_type="thread").run()


def _migrate(_args: argparse.Namespace) -> None:
    from api.bootstrap import migrate
    from api.config import get_settings

    migrate(get_settings().sqlalchemy_url)


def _seed_demo(args: argparse.Namespace) -> None:
    from api import demo
    from api.config import get_settings
    from api.db import get_engine

    if not get_settings().demo_data and not args.force:
        print("Demo data is off (WINKELPRAAT_DEMO_DATA=false); nothing seeded.")
        return
    with Session(get_engine()) as session:
        created = demo.seed(session)
    print("Demo data created." if created else "Demo data already present.")
    print(demo.describe())


def _create_admin(args: argparse.Namespace) -> None:
    from api.bootstrap import create_admin
    from api.config import get_settings
    from api.db import get_engine

    settings = get_settings()
    username = args.username or settings.admin_username
    password = settings.admin_password.get_secret_value()
    if not username:
        sys.exit("Give --username or set WINKELPRAAT_ADMIN_USERNAME")
    if not password:
        if not sys.stdin.isatty():
            sys.exit("Set WINKELPRAAT_ADMIN_PASSWORD (no terminal to ask for one)")
        password = getpass.getpass(f"Password for {username}: ")
    if len(password) < 8:
        sys.exit("The password needs at least 8 characters")
    with Session(get_engine()) as session:
        created = create_admin(session, username=username, password=password)
    print(f"Admin {username!r} created." if created else f"User {username!r} already exists.")


def _openapi(_args: argparse.Namespace) -> None:
    from api.main import create_app

    print(json.dumps(create_app().openapi(), indent=2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="winkelpraat", description="Winkelpraat server tools")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API and the app")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "1")))
    serve.set_defaults(run=_serve)

    worker = commands.add_parser("worker", help="run background jobs (production)")
    worker.add_argument("--workers", type=int, default=4)
    worker.set_defaults(run=_worker)

    commands.add_parser("migrate", help="upgrade the database schema").set_defaults(run=_migrate)

    seed = commands.add_parser("seed-demo", help="add demo regions, stores and accounts")
    seed.add_argument("--force", action="store_true", help="seed even if demo data is off")
    seed.set_defaults(run=_seed_demo)

    admin = commands.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--username")
    admin.set_defaults(run=_create_admin)

    commands.add_parser("openapi", help="print /openapi.json").set_defaults(run=_openapi)

    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
