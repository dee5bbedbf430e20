"""A separate virtual environment for the official Open Badges validator.

`openbadges` 1.1.2 (the latest release) pins libraries from 2017 (Click 6.7, rfc3986 0.4.1,
jsonschema 2.6, pycryptodome 3.6.6, pytz 2017.2, ...) that would downgrade or break packages
Kuza's own environment needs (Click for rq, rfc3986 >= 1.5 for openbadges-bakery). So the
validator lives in its own venv: installed without its pins, then with the versions that work
on Python 3.11 (pycryptodome, python-jose and pytz upgraded; the pure-Python pins kept).

    python -m kuza.credentials.testing.validator_env      # build it ahead (CI can cache it)

The folder is $KUZA_OPENBADGES_VENV, or ~/.cache/kuza/openbadges-validator-<hash>.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess  # noqa: S404 - fixed commands: this venv's pip and Python
import sys
import venv
from pathlib import Path

VALIDATOR = "openbadges==1.1.2"
DEPENDENCIES = [
    "openbadges-bakery>=2.0",
    "aniso8601>=1.2.0",
    "click>=8",
    "future>=1.0",
    "jsonschema==2.6.0",
    "language-tags==0.4.3",
    "pycryptodome>=3.19",
    "pydux==0.2.2",
    "PyLD==0.7.1",
    "python-jose>=3.3",
    "python-mimeparse>=1.6",
    "pytz>=2023.3",
    "requests>=2.31",
    "requests-cache==0.4.13",
    "rfc3986>=1.5",
    "validators==0.11.2",
]
SCRIPT = Path(__file__).with_name("run_validator.py")
READY_MARKER = "kuza-ready"


def venv_dir() -> Path:
    configured = os.environ.get("KUZA_OPENBADGES_VENV", "")
    if configured:
        return Path(configured).expanduser()
    fingerprint = hashlib.sha256(
        "\n".join([sys.version, VALIDATOR, *DEPENDENCIES]).encode()
    ).hexdigest()[:12]
    return Path.home() / ".cache" / "kuza" / f"openbadges-validator-{fingerprint}"


def _python_in(directory: Path) -> Path:
    return directory / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_validator_python() -> tuple[Path | None, str]:
    """The validator venv's Python, built on first use: (path, "") or (None, why not)."""
    directory = venv_dir()
    python = _python_in(directory)
    if (directory / READY_MARKER).exists() and python.exists():
        return python, ""
    # Test processes running side by side may all ask at once: one builds, the others wait.
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / f"{directory.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (directory / READY_MARKER).exists() and python.exists():
            return python, ""
        return _build(directory, python)


def _build(directory: Path, python: Path) -> tuple[Path | None, str]:
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(directory)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--no-deps", VALIDATOR], check=True, capture_output=True)  # noqa: S603
        subprocess.run([*pip, *DEPENDENCIES], check=True, capture_output=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [str(python), "-c", "import openbadges.verifier"], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        return None, f"cannot build the Open Badges validator venv in {directory}: {error} " + (
            detail.decode(errors="replace")[-500:]
        )
    (directory / READY_MARKER).write_text(VALIDATOR + "\n")
    return python, ""


def run_validator(badge: str, *, email: str | None = None, is_file: bool = False) -> dict:
    """The validator's report for `badge` (a URL, or a baked image path with is_file)."""
    import json

    python, problem = ensure_validator_python()
    if python is None:
        raise RuntimeError(problem)
    command = [str(python), str(SCRIPT), badge]
    if email:
        command += ["--email", email]
    if is_file:
        command.append("--file")
    completed = subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603
    return json.loads(completed.stdout)


if __name__ == "__main__":
    found, why_not = ensure_validator_python()
    print(found or why_not)
    sys.exit(0 if found else 1)
