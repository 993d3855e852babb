"""docker-compose.yml must be right although no Docker engine runs here: checked as data."""

import ipaddress
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _env(service: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in service["environment"].items()}


def test_production_has_postgres_redis_api_worker_and_a_migration_step(compose) -> None:  # type: ignore[no-untyped-def]
    assert {"postgres", "redis", "api", "worker", "migrate"} <= set(compose["services"])


def test_every_long_running_service_has_a_health_check(compose) -> None:  # type: ignore[no-untyped-def]
    for name in ("postgres", "redis", "api", "worker"):
        assert compose["services"][name]["healthcheck"]["test"], name


def test_api_runs_several_workers_against_postgres_and_redis(compose) -> None:  # type: ignore[no-untyped-def]
    api = compose["services"]["api"]
    command = api["command"]
    assert command[:2] == ["winkelpraat", "serve"]
    assert int(command[command.index("--workers") + 1]) > 1
    env = _env(api)
    assert env["WINKELPRAAT_DATABASE_URL"].startswith("postgresql://")
    assert env["WINKELPRAAT_DATABASE_URL"].split("@")[1].startswith("postgres:5432/")
    assert env["WINKELPRAAT_REDIS_URL"].startswith("redis://redis:6379")
    assert env["WINKELPRAAT_ENV"] == "production"
    # Several processes: jobs belong to the worker service, migrations to the migrate step.
    assert env["WINKELPRAAT_JOBS_IN_PROCESS"] == "false"
    assert env["WINKELPRAAT_MIGRATE_ON_START"] == "false"
    assert "${WINKELPRAAT_SECRET_KEY:?" in env["WINKELPRAAT_SECRET_KEY"]
    # Push services need a real contact; the VAPID key itself is kept in the shared var/ volume.
    assert "${WINKELPRAAT_VAPID_SUBJECT:?" in env["WINKELPRAAT_VAPID_SUBJECT"]


def test_worker_runs_the_job_consumer_with_the_same_settings(compose) -> None:  # type: ignore[no-untyped-def]
    worker = compose["services"]["worker"]
    assert worker["command"][:2] == ["winkelpraat", "worker"]
    assert (
        _env(worker)["WINKELPRAAT_REDIS_URL"]
        == _env(compose["services"]["api"])["WINKELPRAAT_REDIS_URL"]
    )


def test_startup_order_waits_for_healthy_dependencies(compose) -> None:  # type: ignore[no-untyped-def]
    services = compose["services"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("api", "worker"):
        assert (
            services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        )
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_data_lives_in_named_volumes(compose) -> None:  # type: ignore[no-untyped-def]
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert {"pgdata", "redisdata", "appdata"} <= set(compose["volumes"])


def test_only_the_proxy_is_reachable_from_outside(compose) -> None:  # type: ignore[no-untyped-def]
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"proxy"}
    assert {"443:443", "80:80"} <= set(compose["services"]["proxy"]["ports"])


def test_the_api_believes_forwarded_addresses_from_the_proxy_alone(compose) -> None:  # type: ignore[no-untyped-def]
    proxy, api = compose["services"]["proxy"], compose["services"]["api"]
    proxy_address = proxy["networks"]["edge"]["ipv4_address"]
    assert _env(api)["FORWARDED_ALLOW_IPS"] == proxy_address
    assert "edge" in api["networks"]
    subnet = compose["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(proxy_address) in ipaddress.ip_network(subnet)
    # No other service trusts forwarded headers, and nothing trusts everybody.
    for name, service in compose["services"].items():
        if name != "api":
            assert "FORWARDED_ALLOW_IPS" not in service.get("environment", {}), name
    assert "*" not in _env(api)["FORWARDED_ALLOW_IPS"]


def test_the_proxy_serves_the_domain_and_passes_everything_to_the_api(compose) -> None:  # type: ignore[no-untyped-def]
    proxy = compose["services"]["proxy"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$WINKELPRAAT_DOMAIN} {" in caddyfile and "reverse_proxy api:8000" in caddyfile
    assert _env(compose["services"]["api"])["WINKELPRAAT_PUBLIC_URL"].startswith(
        "https://${WINKELPRAAT_DOMAIN"
    )


def test_the_image_builds_what_the_services_run() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "npm ci" in dockerfile and "npm run build" in dockerfile
    assert "USER winkelpraat" in dockerfile


def test_the_image_installs_the_locked_versions_with_the_locked_uv() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir --require-hashes -r requirements/uv.txt" in dockerfile
    assert "--require-hashes -r requirements/app.txt" in dockerfile
    assert "--no-deps ." in dockerfile


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="docker compose client not installed; the YAML checks above cover the file",
)
def test_docker_compose_config_accepts_the_file() -> None:
    result = subprocess.run(
        ["docker", "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        env={
            "WINKELPRAAT_SECRET_KEY": "x" * 40,
            "WINKELPRAAT_DOMAIN": "praat.example.nl",
            "WINKELPRAAT_VAPID_SUBJECT": "mailto:it@example.nl",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert result.returncode == 0, result.stderr
