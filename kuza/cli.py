"""The `kuza` command: a friendly front to Django's management commands.

`kuza run` prepares everything and serves Kuza; `kuza worker` runs background tasks and enqueues
periodic ones (`kuza schedule --once` does the latter from cron); `kuza demo`
loads the demo community; `kuza check` reports whether Kuza can work. Anything else is a Django
management command (`kuza migrate`, `kuza createsuperuser`, `kuza campaign-sync SLUG`...).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuza.settings")
    import django

    django.setup()


def _manage(*arguments: str) -> None:
    from django.core.management import call_command

    call_command(*arguments)


def prepare(*, load_demo: bool) -> None:
    """Bring the database, catalogs and static files up to date; safe to repeat."""
    from kuza.core import catalogs

    catalogs.compile_catalogs()
    _manage("migrate", "--no-input", "-v", "0")
    # Content created by migrations (the code of conduct) gets its translation units here.
    _manage("translation_sync", "-v", "0")
    _collect_static_if_changed()
    if load_demo:
        _manage("demo", "--if-empty")


def _static_sources_fingerprint() -> str:
    import hashlib

    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(ignore_patterns=[]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _collect_static_if_changed() -> None:
    """collectstatic compresses every file (half a minute); skip it when nothing changed."""
    from django.conf import settings

    stamp = settings.STATIC_ROOT / ".kuza-sources"
    fingerprint = _static_sources_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    print("Collecting and compressing static files...", flush=True)
    _manage("collectstatic", "--no-input", "-v", "0")
    stamp.write_text(fingerprint)


def worker_command() -> list[str]:
    from django.conf import settings

    if settings.REDIS_URL:
        return ["rqworker", "default", "--job-class", "django_tasks_rq.Job"]
    return ["db_worker", "--interval", "1"]


def worker(*arguments: str) -> int:
    """Run the task queue's worker and, beside it, the scheduler of periodic jobs."""
    manage = [sys.executable, "-m", "kuza.cli"]
    return _supervise(
        [
            subprocess.Popen([*manage, *worker_command(), *arguments]),  # noqa: S603
            subprocess.Popen([*manage, "schedule"]),  # noqa: S603
        ]
    )


THREADS_PER_WORKER = 4


def available_cpus() -> int:
    """CPU cores this process may use (a container's or taskset's limit, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def web_server_size(cpus: int, workers: int | None, threads: int | None) -> tuple[int, int]:
    """(gunicorn workers, threads each): what is configured, else sized for the machine.

    Two processes per core plus one (gunicorn's advice) keep every core busy while others
    wait on the database; threads let one process serve a few slow requests at once.
    """
    return (workers or 2 * max(cpus, 1) + 1, threads or THREADS_PER_WORKER)


def gunicorn_size_arguments() -> list[str]:
    from kuza import config

    workers, threads = web_server_size(
        available_cpus(), config.get("KUZA_WEB_WORKERS"), config.get("KUZA_WEB_THREADS")
    )
    return ["--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread"]


def run() -> int:
    from django.conf import settings

    from kuza import config
    from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD, is_loaded

    prepare(load_demo=bool(config.get("KUZA_LOAD_DEMO")))
    host, port = str(config.get("KUZA_HOST")), int(config.get("PORT"))  # type: ignore[call-overload]
    children = [
        subprocess.Popen([sys.executable, "-m", "kuza.cli", "worker"]),  # noqa: S603
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "kuza.wsgi:application",
                "--bind",
                f"{host}:{port}",
                *gunicorn_size_arguments(),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ]
        ),
    ]
    print(f"\nKuza is running at http://{host}:{port}/ (data in {settings.KUZA_HOME})")
    if is_loaded():
        print(f"Log in as the demo organiser: user {DEMO_ORGANISER!r}, password {DEMO_PASSWORD!r}.")
    print("Press Ctrl-C to stop.\n", flush=True)
    return _supervise(children)


def _supervise(children: list[subprocess.Popen]) -> int:
    """Wait until a child exits or we are told to stop, then stop every child."""
    stopping = False

    def request_stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    exit_code = 0
    while not stopping:
        for child in children:
            if child.poll() is not None:
                exit_code = child.returncode or 1
                stopping = True
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    print("Kuza stopped.")
    return exit_code


def check(*arguments: str) -> int:
    from django.core.management import call_command

    from kuza.core import selectors

    call_command("check", *arguments)
    database = selectors.database_status()
    tasks = selectors.task_queue_status() if database["ok"] else {"ok": False}
    print(
        f"database: {'ok' if database['ok'] else 'FAILED'} ({database.get('vendor')})"
        + (f" {database['error']}" if not database["ok"] else "")
    )
    print(
        f"task queue: {'ok' if tasks['ok'] else 'FAILED'} ({tasks.get('backend', '?')})"
        + (f" {tasks.get('error', '')}" if not tasks["ok"] else "")
    )
    return 0 if database["ok"] and tasks["ok"] else 1


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        print("\nDjango commands: kuza help-commands")
        return 0
    _setup_django()
    command, rest = arguments[0], arguments[1:]
    if command == "run":
        return run()
    if command == "worker":
        return worker(*rest)
    if command == "check":
        return check(*rest)
    if command == "help-commands":
        command, rest = "help", []
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kuza", command.replace("-", "_"), *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
