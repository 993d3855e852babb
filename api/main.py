"""The application: routers under /api/v1, health, the PWA, and the embedded lifecycle."""

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import DataError, SQLAlchemyError

from api import bootstrap
from api.audit.routes import router as audit_router
from api.auth.invite_routes import router as invite_router
from api.auth.routes import router as auth_router
from api.auth.user_routes import router as auth_user_router
from api.common.body_limit import BodyLimitMiddleware
from api.common.lock_retry import RetryOnLockMiddleware
from api.common.security_headers import SecurityHeadersMiddleware
from api.config import Settings, get_settings
from api.db import SessionDep, get_engine, make_engine
from api.errors import error_responses, install_error_handlers
from api.live import shutdown as live_shutdown
from api.live.hub import Hub
from api.live.routes import router as live_router
from api.media.routes import files_router as media_files_router
from api.media.routes import router as media_router
from api.news.routes import router as news_router
from api.notifications.preference_routes import router as preferences_router
from api.notifications.routes import router as notifications_router
from api.org.routes import router as org_router
from api.push.routes import router as push_router
from api.pwa import mount_pwa
from api.qa.routes import router as qa_router
from api.search.routes import router as search_router
from api.shifts import csv_import
from api.shifts.routes import router as shifts_router
from api.team.routes import router as team_router
from api.wiring import build as build_wiring

log = logging.getLogger(__name__)


class _RedactInviteCodes(logging.Filter):
    """Access logs must not carry invite or sign-in codes: they are keys to an account."""

    _pattern = re.compile(r"(/(?:join|invites|reset)/)[^\s/?\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(
                self._pattern.sub(r"\1***", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if settings.migrate_on_start:
        bootstrap.migrate(settings.sqlalchemy_url)
    bootstrap.ensure_admin(settings, app.state.engine)
    consumer = None
    if settings.jobs_in_process:
        from api.jobs import start_embedded_consumer

        consumer = start_embedded_consumer(app.state.wiring.queue)
    hub: Hub = app.state.live
    try:
        with live_shutdown.on_exit_signal(hub.shut_down):
            yield
    finally:
        await hub.aclose()
        if consumer is not None:
            consumer.stop(graceful=True)


class Health(BaseModel):
    status: str
    database: str


def _health_routes(app: FastAPI) -> None:
    @app.get(
        "/api/health", tags=["health"], response_model=Health, responses={503: {"model": Health}}
    )
    def health(session: SessionDep) -> JSONResponse:
        """Report whether the API and its database are up."""
        try:
            session.execute(text("SELECT 1"))
        except SQLAlchemyError:
            log.exception("health check: database unavailable")
            return JSONResponse({"status": "error", "database": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})


async def _data_error(_request: Request, exc: Exception) -> JSONResponse:
    # The last line of defence: a value the database refuses is bad input, not a crash.
    log.warning("database refused a value: %s", type(exc).__name__)
    return JSONResponse(
        {"detail": "A value in the request is not valid", "code": "invalid_value"},
        status_code=422,
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    if settings is None:
        settings, engine = get_settings(), get_engine()
    else:
        engine = make_engine(settings.sqlalchemy_url)
    app = FastAPI(
        title="Winkelpraat",
        version="1.0.0",
        description="The internal social platform for frontline retail staff.",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    # This app's broker, job queue hand-off and settings, passed to every request's session.
    app.state.wiring = wiring = build_wiring(settings, engine)
    app.state.live = Hub(wiring.broker, engine, wiring.audiences)
    install_error_handlers(app)
    app.add_exception_handler(DataError, _data_error)
    # The shell's JS and the feed's JSON shrink to a third: that is seconds on a bad 3G line.
    # Starlette never compresses text/event-stream, so live updates still stream.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    if settings.sqlalchemy_url.startswith("sqlite"):
        app.add_middleware(RetryOnLockMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        max_upload_bytes=max(settings.media_max_bytes, csv_import.MAX_BYTES),
    )
    app.add_middleware(SecurityHeadersMiddleware)

    # Any request body may be unreadable (400) before validation even starts.
    v1 = APIRouter(prefix="/api/v1", responses=error_responses(400))
    for router in (
        auth_router,
        invite_router,
        auth_user_router,
        org_router,
        team_router,
        audit_router,
        news_router,
        media_router,
        qa_router,
        search_router,
        notifications_router,
        preferences_router,
        push_router,
        shifts_router,
        live_router,
    ):
        v1.include_router(router)
    app.include_router(v1)
    app.include_router(media_files_router)
    _health_routes(app)
    mount_pwa(app, settings.pwa_dist)
    logging.getLogger("uvicorn.access").addFilter(_RedactInviteCodes())
    return app
