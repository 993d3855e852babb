"""Schemathesis over the whole /openapi.json: no 5xx, responses match the documented schema,
bad input is refused. Runs as an admin (with a fresh login per call, so fuzzing logout does not
end the run) against its own migrated SQLite database.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy import Engine
from sqlmodel import Session

from api.auth.models import Login
from api.auth.tokens import create_access_token
from api.bootstrap import migrate
from api.config import Settings
from api.db import make_engine
from api.main import create_app
from api.org.models import Role
from tests.conftest import TEST_SECRET
from tests.factories import make_region, make_store, make_user

pytestmark = pytest.mark.fuzz


def _build_app() -> tuple[FastAPI, Engine, int]:
    var = Path(tempfile.mkdtemp(prefix="winkelpraat-fuzz-"))
    app_settings = Settings(
        env="test",
        var_dir=var,
        secret_key=TEST_SECRET,
        database_url=f"sqlite:///{var}/fuzz.db",
        migrate_on_start=False,
        jobs_in_process=False,
        pwa_dist=var / "none",
    )
    migrate(app_settings.sqlalchemy_url)
    engine = make_engine(app_settings.sqlalchemy_url)
    with Session(engine) as session:
        store = make_store(session, region=make_region(session))
        make_user(session, role=Role.STAFF, store=store)
        admin = make_user(session, role=Role.ADMIN)
        session.commit()
        assert admin.id is not None
        admin_id = admin.id
    return create_app(app_settings), engine, admin_id


# Built at import: schemathesis needs the schema when tests are collected.
APP, ENGINE, ADMIN_ID = _build_app()
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # A schema-valid request may still name a store that does not exist, an invite code
            # nobody issued or a cursor we never gave out: OpenAPI cannot say "must exist", so
            # those documented refusals count as correct answers too.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "410", "422", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


def _fresh_admin_token() -> str:
    with Session(ENGINE) as session:
        login = Login(user_id=ADMIN_ID)
        session.add(login)
        session.commit()
        assert login.id is not None
        return create_access_token(
            user_id=ADMIN_ID, login_id=login.id, key=TEST_SECRET, lifetime=timedelta(minutes=5)
        )


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    # The same examples every run, so CI never turns red on a case nobody can reproduce;
    # WINKELPRAAT_FUZZ_EXPLORE=1 draws new ones (do that locally, now and then).
    derandomize=os.environ.get("WINKELPRAAT_FUZZ_EXPLORE") != "1",
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_api_holds_its_contract(case) -> None:  # type: ignore[no-untyped-def]
    token = _fresh_admin_token()
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
