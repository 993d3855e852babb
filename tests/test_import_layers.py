"""The import layers of api/ hold, and `lint-imports` (run by `make lint`) fails when one breaks."""

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_backend(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "api", tmp_path / "api")
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_hold() -> None:
    done = _lint_imports(PROJECT_ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_import_upwards_fails_the_check(tmp_path: Path) -> None:
    root = _copy_of_the_backend(tmp_path)
    org_service = root / "api" / "org" / "service.py"
    # org is the bottom domain: it must not know about news.
    org_service.write_text(org_service.read_text() + "\nfrom api.news import visibility  # noqa\n")
    done = _lint_imports(root)
    assert done.returncode != 0
    assert "api.org.service -> api.news.visibility" in done.stdout


def test_the_base_importing_a_domain_fails_the_check(tmp_path: Path) -> None:
    root = _copy_of_the_backend(tmp_path)
    pagination = root / "api" / "common" / "pagination.py"
    pagination.write_text(pagination.read_text() + "\nimport api.org.models  # noqa\n")
    done = _lint_imports(root)
    assert done.returncode != 0
    assert "api.common.pagination -> api.org.models" in done.stdout
