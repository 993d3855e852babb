"""A fresh install gives exactly the locked versions (requirements/, written by `make lock`)."""

from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements"
PROJECT = "winkelpraat"


def locked_pins(path: Path, *, this_platform_only: bool = True) -> dict[str, str]:
    """name -> version for each package the lock pins (on this platform, by its markers)."""
    pins = {}
    for line in path.read_text().replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line.split(" --hash=")[0].strip())
        if this_platform_only and requirement.marker and not requirement.marker.evaluate():
            continue
        (pin,) = requirement.specifier
        assert pin.operator == "==", line
        pins[canonicalize_name(requirement.name)] = pin.version
    return pins


def installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }


def test_every_locked_package_is_installed_at_its_locked_version() -> None:
    have = installed()
    wrong = {
        name: (version, have.get(name))
        for name, version in locked_pins(REQUIREMENTS / "dev.txt").items()
        if have.get(name) != version
    }
    assert wrong == {}, "(locked, installed): run make test to sync .venv"


def test_nothing_unlocked_is_installed() -> None:
    extra = set(installed()) - set(locked_pins(REQUIREMENTS / "dev.txt")) - {PROJECT}
    assert extra == set()


def test_the_app_and_the_dev_tools_share_one_version_of_each_package() -> None:
    app = locked_pins(REQUIREMENTS / "app.txt", this_platform_only=False)
    dev = locked_pins(REQUIREMENTS / "dev.txt", this_platform_only=False)
    assert {name: dev.get(name) for name in app} == app


def test_every_pin_has_hashes() -> None:
    for path in REQUIREMENTS.glob("*.txt"):
        text = path.read_text().replace("\\\n", " ")
        for line in text.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                assert " --hash=sha256:" in line, f"{path.name}: {line[:60]}"
