"""The import layers of api/ hold, and `lint-imports` (run by `make lint`) fails when one breaks."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("module", "bad_import", "reported"),
    [
        # org is the bottom domain: it must not know about news.
        (
            "org/service.py",
            "from api.news import visibility",
            "api.org.service -> api.news.visibility",
        ),
        # the base knows no domain at all.
        (
            "common/pagination.py",
            "import api.org.models",
            "api.common.pagination -> api.org.models",
        ),
    ],
)
def test_an_import_against_the_layers_fails_the_check(
    tmp_path: Path, module: str, bad_import: str, reported: str
) -> None:
    root = _copy_of_the_backend(tmp_path)
    source = root / "api" / module
    source.write_text(source.read_text() + f"\n{bad_import}  # noqa\n")
    done = _lint_imports(root)
    assert done.returncode != 0
    assert reported in done.stdout
