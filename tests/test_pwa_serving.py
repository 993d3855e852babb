"""FastAPI serves the built PWA: hashed assets cached for good, the shell always revalidated."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>shell</title>")
    (root / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (root / "manifest.webmanifest").write_text("{}")
    (root / "assets" / "index-abc123.js").write_text("console.log(1)")
    (root / "assets" / "big-def456.js").write_text("export const words = 'winkel praat';\n" * 200)
    (root / "icon-192.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.txt").write_text("outside dist")
    return root


@pytest.fixture
def pwa_client(dist: Path, tmp_path: Path) -> TestClient:
    settings = Settings(
        env="test",
        var_dir=tmp_path,
        secret_key="x" * 40,
        pwa_dist=dist,
        migrate_on_start=False,
        jobs_in_process=False,
    )
    return TestClient(create_app(settings))


def test_hashed_assets_are_immutable(pwa_client: TestClient) -> None:
    response = pwa_client.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_scripts_go_out_compressed_to_browsers_that_accept_it(pwa_client: TestClient) -> None:
    plain = pwa_client.get("/assets/big-def456.js", headers={"Accept-Encoding": "identity"})
    packed = pwa_client.get("/assets/big-def456.js", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.text == plain.text  # httpx unpacks it
    assert int(packed.headers["content-length"]) < len(plain.content) / 5


@pytest.mark.parametrize("path", ["/", "/index.html", "/sw.js", "/manifest.webmanifest"])
def test_shell_files_are_revalidated(pwa_client: TestClient, path: str) -> None:
    response = pwa_client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/join/ABCDE-FGHJK", "/login", "/news/12"])
def test_client_routes_fall_back_to_the_shell_with_a_csp(pwa_client: TestClient, path: str) -> None:
    response = pwa_client.get(path)
    assert response.status_code == 200
    assert "<title>shell</title>" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_unknown_api_paths_are_json_404s_not_the_shell(pwa_client: TestClient) -> None:
    response = pwa_client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_missing_asset_is_404(pwa_client: TestClient) -> None:
    assert pwa_client.get("/assets/gone-123.js").status_code == 404


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"]
)
def test_no_files_outside_dist(pwa_client: TestClient, path: str) -> None:
    response = pwa_client.get(path)
    assert "outside dist" not in response.text


def test_unbuilt_app_says_how_to_build_it(tmp_path: Path) -> None:
    settings = Settings(
        env="test",
        var_dir=tmp_path,
        secret_key="x" * 40,
        pwa_dist=tmp_path / "missing",
        migrate_on_start=False,
        jobs_in_process=False,
    )
    response = TestClient(create_app(settings)).get("/")
    assert response.status_code == 503 and "make run" in response.text
