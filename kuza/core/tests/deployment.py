"""A real scaled-out Kuza on this machine, for the scale-out stage (`pytest -m scaleout`).

One PostgreSQL database and one `redis-server` of its own (on a free port, with an append-only
file, so it can be stopped and started again without touching the machine's shared Redis),
then the Procfile's processes started the way honcho or systemd would start them: each
Procfile command run by `sh -c "exec ..."` in the shared environment, two of each.

`kuza` and `gunicorn` on the PATH of those processes are two-line shims that run this
worktree's code with the test's Python, so the Procfile's commands are used unchanged.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

REPOSITORY = Path(__file__).resolve().parents[3]
PROCFILE = REPOSITORY / "Procfile"
SYSTEMD_UNITS = REPOSITORY / "deploy" / "systemd"


def procfile_commands(path: Path = PROCFILE) -> dict[str, str]:
    """{process type: command} from a Procfile (`name: command` lines; others are comments)."""
    commands = {}
    for line in path.read_text().splitlines():
        name, separator, command = line.partition(":")
        if separator and not line.startswith("#") and name.strip().isidentifier():
            commands[name.strip()] = command.strip()
    return commands


def unit_command(path: Path) -> str:
    """A systemd unit's ExecStart with the program's folder removed (`/srv/.../kuza` -> `kuza`)."""
    for line in path.read_text().splitlines():
        if line.startswith("ExecStart="):
            program, *arguments = shlex.split(line.removeprefix("ExecStart="))
            return shlex.join([Path(program).name, *arguments])
    raise ValueError(f"{path} has no ExecStart")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, every: float = 0.5, what: str):
    """Poll `condition()` until it returns something truthy; fail saying `what` did not happen."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout:.0f}s still waiting for: {what}")
        time.sleep(every)


class RedisServer:
    """A private redis-server; stop() and start() keep its data (append-only file)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--logfile",
                str(self.directory / "redis.log"),
            ],
        )
        wait_for(self._answers, timeout=20, every=0.1, what=f"redis-server on {self.port}")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: redis flushes its append-only file, then exits
            self.process.wait(timeout=30)
        self.process = None


@dataclass
class Process:
    kind: str
    number: int
    command: str
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None
    port: int | None = None

    @property
    def name(self) -> str:
        return f"{self.kind}.{self.number}"

    def start(self) -> None:
        # Own session: stopping or killing the process group takes its children with it, as
        # systemd does with a unit's control group.
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603
                ["/bin/sh", "-c", f"exec {self.command}"],
                env=self.env,
                cwd=REPOSITORY,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal_group(self, number: int) -> None:
        if self.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, number)

    def stop(self) -> None:
        if not self.alive:
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.signal_group(signal.SIGKILL)
            self.popen.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@dataclass
class Deployment:
    root: Path
    database_url: str
    secret_key: str
    redis: RedisServer = field(init=False)
    processes: list[Process] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.redis = RedisServer(self.root / "redis")
        self.home = self.root / "home"
        self.logs = self.root / "logs"
        self.shims = self.root / "bin"
        for folder in (self.home, self.logs, self.shims):
            folder.mkdir(parents=True, exist_ok=True)
        for program, module in (("kuza", "kuza.cli"), ("gunicorn", "gunicorn")):
            shim = self.shims / program
            shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m {module} "$@"\n')
            shim.chmod(0o755)

    def environment(self, **extra: str) -> dict[str, str]:
        """What every process of the deployment shares (README, "Scaling out")."""
        return {
            "PATH": f"{self.shims}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "PYTHONPATH": str(REPOSITORY),
            "PYTHONUNBUFFERED": "1",
            "HOME": os.environ.get("HOME", str(self.root)),
            "KUZA_HOME": str(self.home),
            "KUZA_SECRET_KEY": self.secret_key,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis.url,
            "KUZA_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # One public address for every server, as behind a proxy (links in emails etc.).
            "KUZA_SITE_URL": "http://127.0.0.1",
            "KUZA_LOG_LEVEL": "INFO",
            **extra,
        }

    def run_release(self) -> None:
        """The Procfile's `release` step, once, as before any deployment."""
        self.kuza(*shlex.split(procfile_commands()["release"])[1:], timeout=600)

    def kuza(self, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
        result = subprocess.run(  # noqa: S603
            [str(self.shims / "kuza"), *arguments],
            env=self.environment(),
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return result

    def start(self, kind: str, count: int, *, extra_arguments: str = "") -> list[Process]:
        command = procfile_commands()[kind] + (f" {extra_arguments}" if extra_arguments else "")
        started = []
        for number in range(1, count + 1):
            extra = {}
            port = None
            if kind == "web":
                port = free_port()
                # gunicorn reads PORT and WEB_CONCURRENCY; here it listens on loopback only.
                extra = {
                    "PORT": str(port),
                    "WEB_CONCURRENCY": "2",
                    "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port}",
                }
            process = Process(
                kind=kind,
                number=number,
                command=command,
                env=self.environment(**extra),
                log=self.logs / f"{kind}.{number}.log",
                port=port,
            )
            process.start()
            self.processes.append(process)
            started.append(process)
        return started

    def of_kind(self, kind: str) -> list[Process]:
        return [process for process in self.processes if process.kind == kind]

    @property
    def web_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{process.port}" for process in self.of_kind("web")]

    def wait_until_serving(self, timeout: float = 120) -> None:
        for url in self.web_urls:
            wait_for(
                lambda url=url: _answers(f"{url}/healthz"),
                timeout=timeout,
                what=f"{url}/healthz answering",
            )

    def restart(self, process: Process) -> None:
        process.stop()
        process.start()

    def logs_of(self, kind: str) -> str:
        return "".join(process.output() for process in self.of_kind(kind))

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.redis.stop()

    def describe_failure(self) -> str:
        """The end of every log, for a failing test's report."""
        parts = []
        for process in self.processes:
            tail = "\n".join(process.output().splitlines()[-15:])
            parts.append(f"--- {process.name} ({'alive' if process.alive else 'dead'}) ---\n{tail}")
        return "\n".join(parts)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code in {200, 503}
    except requests.RequestException:
        return False


def unique(stem: str) -> str:
    return f"{stem}-{uuid.uuid4().hex[:8]}"
