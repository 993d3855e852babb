"""Who is calling: the bearer token checked on every request, and the caller's address."""

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from api.auth import service as auth_service
from api.auth.rate_limit import FailureLimits
from api.auth.service import AuthConfig, Authenticated, Client
from api.config import AppSettings
from api.db import SessionDep
from api.errors import Unauthorized
from api.org.models import User

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_auth_config(settings: AppSettings) -> AuthConfig:
    return AuthConfig(
        signing_key=settings.signing_key,
        access_lifetime=timedelta(minutes=settings.access_token_minutes),
        refresh_lifetime=timedelta(days=settings.refresh_token_days),
        limits=FailureLimits(
            per_username=settings.login_max_failures,
            per_ip=settings.ip_max_failures,
            window=timedelta(minutes=settings.login_failure_window_minutes),
        ),
    )


AuthConfigDep = Annotated[AuthConfig, Depends(get_auth_config)]


def get_authenticated(
    session: SessionDep, config: AuthConfigDep, token: Annotated[str | None, Depends(_bearer)]
) -> Authenticated:
    if not token:
        raise Unauthorized()
    return auth_service.authenticate(session, access_token=token, signing_key=config.signing_key)


AuthenticatedDep = Annotated[Authenticated, Depends(get_authenticated)]


async def get_current_user(authenticated: AuthenticatedDep) -> User:
    return authenticated.user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_client(request: Request) -> Client:
    # Behind a proxy, run uvicorn with --proxy-headers so request.client is the real address.
    host = request.client.host if request.client else "unknown"
    return Client(ip=host[:45], user_agent=request.headers.get("user-agent", "")[:200])


ClientDep = Annotated[Client, Depends(get_client)]
