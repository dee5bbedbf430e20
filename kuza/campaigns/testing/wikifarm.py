"""Real, throw-away MediaWiki instances for tests: Debian's MediaWiki served by `php -S`.

Every instance shares the read-only code in /usr/share/mediawiki and keeps everything it
writes (SQLite files, uploads, caches, its LocalSettings.php) in its own directory. The
environment variable MW_CONFIG_FILE, which MediaWiki reads both in web requests and in
maintenance scripts, tells each process which LocalSettings.php is its own.

Install cost: install.php creates a fresh SQLite wiki in 1-2 seconds here, so every
instance is installed for real (own language, own site name) rather than cloned from a
template; `LocalWiki.install()` returns the seconds it took so this stays measured.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

import requests

from kuza.campaigns.testing.ground_truth import (
    TruthChange,
    TruthRevision,
    TruthUser,
    read_recent_changes,
    read_revisions,
    read_users,
)
from kuza.campaigns.testing.wiki_session import WikiSession

MEDIAWIKI_DIR = Path(os.environ.get("KUZA_MEDIAWIKI_DIR", "/usr/share/mediawiki"))
INSTALL_HINT = (
    "MediaWiki not installed: apt-get install -y --no-install-recommends "
    "mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml"
)
SETTINGS_OVERRIDES = Path(__file__).with_name("LocalSettings.kuza-test.php")
# PHP extensions MediaWiki 1.39 refuses to run without (php -m names), plus SQLite.
REQUIRED_PHP_MODULES = ("intl", "mbstring", "xml", "dom", "pdo_sqlite", "sqlite3")
ADMIN_USER = "Admin"
ADMIN_PASSWORD = "Kuza-admin-password-1"  # noqa: S105 - a throw-away local wiki


# Servers still running when the interpreter exits (an interrupted test run, a script that
# forgot cleanup) are stopped then, so no `php -S` outlives the process that started it;
# then the temporary directories of farms that were never cleaned up are removed.
_LIVE_SERVERS: set[subprocess.Popen[bytes]] = set()
_OWNED_ROOTS: set[Path] = set()


def _terminate(process: subprocess.Popen[bytes]) -> None:
    _LIVE_SERVERS.discard(process)
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@atexit.register
def _clean_up_leftovers() -> None:
    for process in list(_LIVE_SERVERS):
        _terminate(process)
    for root in list(_OWNED_ROOTS):
        shutil.rmtree(root, ignore_errors=True)


class MediaWikiUnavailableError(RuntimeError):
    """php or Debian's mediawiki package is missing; the message says what to install."""


class WikiStartError(RuntimeError):
    """An instance failed to install or to answer; the message carries the server log."""


def mediawiki_missing_reason() -> str | None:
    """Why local wikis cannot run here, or None when they can."""
    php = shutil.which("php")
    if php is None:
        return f"{INSTALL_HINT} (no `php` on PATH)"
    if not (MEDIAWIKI_DIR / "api.php").is_file():
        return f"{INSTALL_HINT} (no {MEDIAWIKI_DIR}/api.php)"
    modules = subprocess.run(  # noqa: S603 - fixed arguments
        [php, "-m"], capture_output=True, text=True, check=False
    ).stdout.lower()
    missing = [name for name in REQUIRED_PHP_MODULES if name not in modules.split()]
    if missing:
        return f"{INSTALL_HINT} (PHP modules missing: {', '.join(missing)})"
    return None


def free_port() -> int:
    """A port on 127.0.0.1 free right now (the OS picks it, so parallel runs do not clash)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class WikiSpec:
    """What makes one wiki of the farm distinct, like a Wikimedia project's database name."""

    db_name: str  # e.g. "enwikiquote"; also the directory and SQLite file name
    language: str  # content language: namespace names, main page title
    site_name: str

    def __post_init__(self) -> None:
        if not self.db_name.isidentifier() or not self.db_name.isascii():
            raise ValueError(f"db_name must be an ASCII identifier, got {self.db_name!r}")
        if not self.language or not all(c.isalnum() or c == "-" for c in self.language):
            raise ValueError(
                f"language must be a code such as 'en' or 'pt-br', not {self.language!r}"
            )


class LocalWiki:
    """One MediaWiki instance: install once, then start/stop as often as a test needs."""

    def __init__(self, spec: WikiSpec, root: Path, *, port: int | None = None) -> None:
        self.spec = spec
        self.directory = root / spec.db_name
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._namespaces: dict[int, str] | None = None

    # -- where things are ----------------------------------------------------------------

    @property
    def server_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.server_url}/api.php"

    @property
    def settings_file(self) -> Path:
        return self.directory / "LocalSettings.php"

    @property
    def db_path(self) -> Path:
        return self.directory / "data" / f"{self.spec.db_name}.sqlite"

    @property
    def log_path(self) -> Path:
        return self.directory / "server.log"

    @property
    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "MW_CONFIG_FILE": str(self.settings_file),
            "MW_INSTALL_PATH": str(MEDIAWIKI_DIR),
            "KUZA_MW_SERVER": self.server_url,
        }

    # -- lifecycle -----------------------------------------------------------------------

    def install(self) -> float:
        """Create the database and settings with install.php; return the seconds it took."""
        if self.settings_file.exists():
            raise WikiStartError(f"{self.directory} already holds a wiki; use start()")
        for sub in ("data", "images", "cache", "tmp"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        began = time.monotonic()
        self._php(
            "maintenance/install.php",
            "--quiet",
            "--dbtype=sqlite",
            f"--dbpath={self.directory / 'data'}",
            f"--dbname={self.spec.db_name}",
            f"--confpath={self.directory}",
            f"--server={self.server_url}",
            "--scriptpath=",
            f"--lang={self.spec.language}",
            f"--pass={ADMIN_PASSWORD}",
            "--skins=Vector",
            self.spec.site_name,
            ADMIN_USER,
        )
        with self.settings_file.open("a", encoding="utf-8") as settings:
            settings.write(f"\nrequire_once {str(SETTINGS_OVERRIDES)!r};\n")
        return time.monotonic() - began

    def start(self, timeout: float = 30.0) -> None:
        """Serve the wiki on its port (the same one after a stop, so URLs stay valid)."""
        if self.is_running:
            return
        if not self.settings_file.exists():
            raise WikiStartError(f"{self.spec.db_name} is not installed; call install() first")
        log = self.log_path.open("ab")
        try:
            # One worker on purpose: requests are then strictly serial, so the deferred
            # updates of a write (recent changes, jobs) finish before the next read runs.
            self._process = subprocess.Popen(  # noqa: S603 - fixed arguments
                [
                    _php_binary(),
                    "-d",
                    "opcache.enable_cli=1",
                    "-S",
                    f"127.0.0.1:{self.port}",
                    "-t",
                    str(MEDIAWIKI_DIR),
                ],
                cwd=self.directory,
                env=self._environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        finally:
            log.close()
        _LIVE_SERVERS.add(self._process)
        self._wait_until_answering(timeout)

    def stop(self) -> None:
        """Stop serving; the data stays, so start() brings the same wiki back."""
        process, self._process = self._process, None
        if process is not None:
            _terminate(process)

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last_problem = "no answer yet"
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise WikiStartError(
                    f"php -S for {self.spec.db_name} exited with {self._process.returncode} "
                    f"(port {self.port} taken?). Log:\n{self._log_tail()}"
                )
            try:
                answer = requests.get(
                    self.api_url,
                    params={"action": "query", "meta": "siteinfo", "format": "json"},
                    timeout=5,
                )
                if answer.status_code == 200 and "query" in answer.json():
                    return
                last_problem = f"HTTP {answer.status_code}: {answer.text[:300]}"
            except (requests.ConnectionError, requests.Timeout, ValueError) as exc:
                last_problem = str(exc)
            time.sleep(0.05)
        self.stop()
        raise WikiStartError(
            f"{self.spec.db_name} did not answer within {timeout}s: {last_problem}\n"
            f"{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def _php(self, script: str, *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(  # noqa: S603 - arguments built by this module
            [_php_binary(), script, *args],
            cwd=MEDIAWIKI_DIR,
            env=self._environment(),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if result.returncode != 0:
            raise WikiStartError(
                f"{script} failed for {self.spec.db_name} (exit {result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
            )
        return result

    def simulate_lag(self, lag_seconds: int, *, requests: int = 1) -> None:
        """Make MediaWiki itself answer the next `requests` maxlag-checked API requests
        with its maxlag error, as a lagged Wikimedia wiki does (see the settings file)."""
        if lag_seconds < 1 or requests < 1:
            raise ValueError(f"need lag >= 1 and requests >= 1, got {lag_seconds}, {requests}")
        state = self.directory / "simulated-lag.json"
        staged = state.with_suffix(".tmp")
        staged.write_text(json.dumps({"lag": lag_seconds, "requests": requests}))
        staged.replace(state)  # atomic: the server never reads a half-written file

    # -- scripted users ------------------------------------------------------------------

    def session(self) -> WikiSession:
        """An anonymous API session on this wiki."""
        return WikiSession(self.api_url)

    def create_user(
        self, username: str, password: str, *, at: datetime | None = None
    ) -> WikiSession:
        """Register `username` through the API (as a person would) and return it logged in;
        `at` back-dates the registration."""
        with self.session() as anonymous:
            anonymous.create_account(username, password, at=at)
        return self.login(username, password)

    def create_bot(self, username: str, password: str) -> WikiSession:
        """An account in the `bot` group, made the way wiki operators do, logged in."""
        self._php("maintenance/createAndPromote.php", "--bot", username, password)
        return self.login(username, password)

    def login(self, username: str, password: str) -> WikiSession:
        session = self.session()
        session.login(username, password)
        return session

    # -- ground truth --------------------------------------------------------------------

    def namespaces(self) -> dict[int, str]:
        """Localised namespace names, e.g. {1: "Discussion"} on a French wiki."""
        if self._namespaces is None:
            with self.session() as anonymous:
                self._namespaces = anonymous.namespace_names()
        return self._namespaces

    def truth_revisions(self) -> tuple[TruthRevision, ...]:
        """Every revision as the wiki's own database holds it, oldest first."""
        return read_revisions(self.db_path, self.namespaces())

    def truth_recent_changes(self) -> tuple[TruthChange, ...]:
        return read_recent_changes(self.db_path, self.namespaces())

    def truth_users(self) -> tuple[TruthUser, ...]:
        return read_users(self.db_path)


class WikiFarm:
    """Several independent wikis under one temporary directory; use as a context manager."""

    def __init__(self, root: Path | None = None) -> None:
        reason = mediawiki_missing_reason()
        if reason is not None:
            raise MediaWikiUnavailableError(reason)
        self._owns_root = root is None
        self.root = root or Path(tempfile.mkdtemp(prefix="kuza-wikifarm-", dir=_scratch_dir()))
        if self._owns_root:
            _OWNED_ROOTS.add(self.root)
        self.wikis: dict[str, LocalWiki] = {}
        self.install_seconds: dict[str, float] = {}

    def add(self, db_name: str, language: str, site_name: str) -> LocalWiki:
        """Install and start a new wiki; its db_name must be unique in the farm."""
        if db_name in self.wikis:
            raise ValueError(f"the farm already has a wiki called {db_name!r}")
        wiki = LocalWiki(WikiSpec(db_name, language, site_name), self.root)
        self.install_seconds[db_name] = wiki.install()
        wiki.start()
        self.wikis[db_name] = wiki
        return wiki

    def __getitem__(self, db_name: str) -> LocalWiki:
        return self.wikis[db_name]

    def stop_all(self) -> None:
        for wiki in self.wikis.values():
            wiki.stop()

    def cleanup(self) -> None:
        """Stop every wiki and delete the farm's files if the farm created the directory."""
        self.stop_all()
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)
            _OWNED_ROOTS.discard(self.root)

    def __enter__(self) -> WikiFarm:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.cleanup()


def _scratch_dir() -> str | None:
    """RAM-backed /dev/shm when there is one: SQLite's fsyncs on every save made edits
    2-3 times slower on disk (about 200 ms against 85 ms per edit on the CI machine)."""
    shm = Path("/dev/shm")  # noqa: S108 - a private mkdtemp directory is made inside
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _php_binary() -> str:
    php = shutil.which("php")
    if php is None:
        raise MediaWikiUnavailableError(INSTALL_HINT)
    return php
