"""Settings for an app that a test or a benchmark builds in-process over its own database."""

import uuid
from pathlib import Path

from api.config import Settings


def app_settings(
    database_url: str, var_dir: Path, *, secret_key: str, **overrides: object
) -> Settings:
    """Nothing happens on start (the caller migrates, no in-process job consumer), there is
    no PWA build to serve, and live events travel on a channel of this app's own."""
    overrides.setdefault("live_channel", f"winkelpraat-test:live:{uuid.uuid4().hex}")
    return Settings(
        env="test",
        database_url=database_url,
        var_dir=var_dir,
        secret_key=secret_key,
        migrate_on_start=False,
        jobs_in_process=False,
        pwa_dist=var_dir / "no-pwa",
        **overrides,  # type: ignore[arg-type]
    )
