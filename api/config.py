"""Every setting in one place: environment variables named WINKELPRAAT_*."""

import re
import secrets
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from sqlmodel import Session

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Shipped in docs and docker-compose.yml as a placeholder; never acceptable in production.
EXAMPLE_SECRET_KEY = "change-me-to-a-long-random-string"  # noqa: S105
# The default VAPID contact: fine on a laptop, but push services need a real one in production.
EXAMPLE_VAPID_SUBJECT = "mailto:admin@winkelpraat.invalid"

# The public browser push services (Chrome/FCM, Firefox/Mozilla, Edge/WNS, Safari/Apple).
DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com"
)


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WINKELPRAAT_", extra="ignore")

    env: Environment = Environment.DEV
    var_dir: Path = PROJECT_ROOT / "var"
    database_url: str = ""
    redis_url: str = ""
    secret_key: SecretStr = SecretStr("")
    public_url: str = ""

    access_token_minutes: int = 15
    refresh_token_days: int = 30
    login_max_failures: int = 5
    login_failure_window_minutes: int = 15
    ip_max_failures: int = 50

    invite_default_days: int = 14
    # How long a one-time sign-in code (POST /users/{id}/sign-in-code) works.
    sign_in_code_hours: int = 24
    media_max_bytes: int = 5 * 1024 * 1024
    # Question categories, comma-separated; experts are routed by these names.
    qa_categories: str = "checkout,products,planning,hr,it"

    admin_username: str = ""
    admin_password: SecretStr = SecretStr("")
    demo_data: bool = True

    migrate_on_start: bool = True
    jobs_in_process: bool = True
    push_allowed_hosts: str = DEFAULT_PUSH_HOSTS
    # VAPID (RFC 8292): the key that signs every push (PEM or base64url raw; generated into
    # var/vapid_private.pem when unset) and the contact push services use when pushes misbehave.
    vapid_private_key: SecretStr | None = None
    vapid_subject: str = EXAMPLE_VAPID_SUBJECT
    preshift_lead_minutes: int = 15
    # Redis pub/sub channel for live updates (WINKELPRAAT_REDIS_URL): pub/sub ignores Redis
    # database numbers, so deployments sharing one Redis need a channel each.
    live_channel: str = "winkelpraat:live"

    pwa_dist: Path = PROJECT_ROOT / "pwa" / "dist"

    @field_validator(
        "access_token_minutes", "refresh_token_days", "login_max_failures", "sign_in_code_hours"
    )
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value

    @field_validator("preshift_lead_minutes")
    @classmethod
    def _lead(cls, value: int) -> int:
        # Pushes are released this long before a shift; negative would release after it starts.
        if not 0 <= value <= 24 * 60:
            raise ValueError("must be between 0 and 1440 minutes")
        return value

    @field_validator("vapid_subject")
    @classmethod
    def _contact_uri(cls, value: str) -> str:
        # RFC 8292 section 2.1: a mailto: or https: URI the push service can reach us at.
        if not re.fullmatch(r"(mailto:[^@\s]+@[^@\s]+|https://[^\s]+)", value):
            raise ValueError("must be a mailto: or https:// contact, e.g. mailto:ops@example.nl")
        return value

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> "Settings":
        key = self.secret_key.get_secret_value()
        if self.env is Environment.PRODUCTION and (
            key in ("", EXAMPLE_SECRET_KEY) or len(key) < 32
        ):
            raise ValueError(
                "WINKELPRAAT_SECRET_KEY must be set to a random string of at least 32 characters "
                "in production"
            )
        return self

    @model_validator(mode="after")
    def _refuse_example_vapid_subject_in_production(self) -> "Settings":
        if self.env is Environment.PRODUCTION and self.vapid_subject == EXAMPLE_VAPID_SUBJECT:
            raise ValueError(
                "WINKELPRAAT_VAPID_SUBJECT must be set to a real mailto: or https:// contact "
                "in production: push services use it when our pushes misbehave"
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file and to the psycopg 3 driver."""
        url = self.database_url or f"sqlite:///{self.var_dir / 'winkelpraat.db'}"
        if url.startswith("postgres://"):
            url = "postgresql://" + url.removeprefix("postgres://")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url

    @cached_property
    def signing_key(self) -> str:
        """The JWT key: the setting, else one generated once and kept under var/ (dev only)."""
        key = self.secret_key.get_secret_value()
        if key:
            return key
        key_file = self.var_dir / "secret.key"
        if not key_file.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip()

    @property
    def question_categories(self) -> list[str]:
        return [name.strip().lower() for name in self.qa_categories.split(",") if name.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()


async def get_app_settings(request: Request) -> Settings:
    """The settings the running app was built with (see main.create_app).

    Cheap dependencies are async so FastAPI does not hand them to a worker thread.
    """
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_app_settings)]


async def get_public_url(request: Request) -> str:
    """The address people open printed links at (invite and sign-in QR codes), no trailing /."""
    settings: Settings = request.app.state.settings
    # Set WINKELPRAAT_PUBLIC_URL in production: a QR code must not trust the Host header.
    return (settings.public_url or str(request.base_url)).rstrip("/")


PublicUrl = Annotated[str, Depends(get_public_url)]


_SESSION_KEY = "settings"


def bind_settings(session: "Session", settings: Settings) -> None:
    """Services deep inside a transaction (the delivery rule's lead time) read the settings of
    the app or worker that opened the session, not the environment's."""
    session.info[_SESSION_KEY] = settings


def settings_of(session: "Session") -> Settings:
    """The settings bound to this session; a session nobody bound (a script, a unit test) runs
    with the environment's."""
    bound: Settings | None = session.info.get(_SESSION_KEY)
    return bound if bound is not None else get_settings()
