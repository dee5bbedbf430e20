"""The `kuza` command: a friendly front to Django's management commands.

`kuza run` prepares everything and serves Kuza; `kuza prepare` does the preparing alone (once per
release, before starting app servers elsewhere); `kuza worker` runs background tasks and enqueues
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
    # Corrections translators made on the site, stored in the database, over the new catalogs.
    _manage("interface_corrections", "-v", "0")
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


def worker_command(queues: list[str] | None = None) -> list[str]:
    """The management command of one queue worker for the configured backend."""
    from django.conf import settings

    queues = queues or task_queues()
    if settings.REDIS_URL:
        return ["rqworker", *queues, "--job-class", "django_tasks_rq.Job"]
    return ["db_worker", "--interval", "1", "--queue-name", ",".join(queues)]


def task_queues() -> list[str]:
    from django.conf import settings

    return list(settings.TASKS["default"]["QUEUES"])


def _worker_options(arguments: tuple[str, ...]):
    import argparse

    parser = argparse.ArgumentParser(
        prog="kuza worker",
        description="Run background tasks and, unless told not to, the periodic-job scheduler. "
        "Unknown options are passed to the queue worker (rqworker or db_worker).",
    )
    parser.add_argument(
        "--queues",
        default="",
        help="Comma-separated queues to work on (default: every configured one: "
        + ", ".join(task_queues())
        + ").",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=1,
        help="Number of queue-worker processes to run side by side (default 1).",
    )
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="Do not enqueue periodic jobs here (when `kuza schedule` runs as its own process).",
    )
    options, passed_on = parser.parse_known_args(list(arguments))
    queues = [name.strip() for name in options.queues.split(",") if name.strip()]
    unknown = sorted(set(queues) - set(task_queues()))
    if unknown:
        parser.error(
            f"unknown queue(s) {', '.join(unknown)}; configured: {', '.join(task_queues())}"
        )
    if options.concurrency < 1:
        parser.error("--concurrency must be at least 1")
    return options, queues, passed_on


def worker(*arguments: str) -> int:
    """Run `--concurrency` queue workers and, beside them, the scheduler of periodic jobs."""
    options, queues, passed_on = _worker_options(arguments)
    manage = [sys.executable, "-m", "kuza.cli"]
    children = [
        subprocess.Popen([*manage, *worker_command(queues), *passed_on])  # noqa: S603
        for _ in range(options.concurrency)
    ]
    if not options.no_scheduler:
        children.append(subprocess.Popen([*manage, "schedule"]))  # noqa: S603
    return _supervise(children)


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
    if tasks.get("deferred"):
        print(f"  {tasks['deferred']} task(s) deferred while the queue was unreachable")
    for queue in tasks.get("queues", []):
        if not queue["ok"]:
            continue
        print(
            f"  queue {queue['name']}: {queue['queued']} queued, {queue['running']} running,"
            f" {queue['failed']} failed"
        )
        for job in queue["failed_jobs"]:
            print(f"    failed job {job['id']} {job['task']} at {job['failed_at']}")
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
    if command == "prepare":
        prepare(load_demo=False)
        return 0
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
