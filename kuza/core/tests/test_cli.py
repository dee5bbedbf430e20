import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from kuza import cli
from kuza.core.demo_loader import is_loaded
from kuza.core.tasks import send_email


def run_kuza(*arguments, env):
    return subprocess.run(
        [sys.executable, "-m", "kuza.cli", *arguments],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_kuza_check_and_demo_on_a_fresh_home(migrated_home):
    env = {"KUZA_HOME": str(migrated_home), "DATABASE_URL": ""}

    checked = run_kuza("check", env=env)
    assert checked.returncode == 0, checked.stderr
    assert "database: ok (sqlite)" in checked.stdout
    assert "task queue: ok (database)" in checked.stdout

    loaded = run_kuza("demo", env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert "Log in as 'amina'" in loaded.stdout
    again = run_kuza("demo", env=env)
    assert again.returncode != 0
    assert "already loaded" in again.stderr
    assert run_kuza("demo", "--if-empty", env=env).returncode == 0
    assert (migrated_home / "secret_key").stat().st_mode & 0o077 == 0


def test_kuza_check_fails_when_the_database_is_unusable(tmp_path):
    env = {"KUZA_HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/missing/x.db"}
    result = run_kuza("check", env=env)
    assert result.returncode == 1
    assert "database: FAILED" in result.stdout


def test_dashed_command_names_reach_django_commands(tmp_path):
    env = {"KUZA_HOME": str(tmp_path), "DATABASE_URL": ""}
    result = run_kuza("prune-db-task-results", "--help", env=env)
    assert result.returncode == 0, result.stderr
    assert "prune_db_task_results" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_tasks():
    send_email.enqueue(subject="Welcome", body="Karibu", to=["neema@example.org"])
    call_command(*cli.worker_command(), "--batch", "--no-startup-delay")
    assert [message.subject for message in mail.outbox] == ["Welcome"]


@pytest.mark.django_db
def test_demo_loads_once_in_one_transaction(demo_community):
    assert is_loaded()


@pytest.mark.parametrize(
    "cpus,configured,expected",
    [
        (1, (None, None), (3, 4)),
        (2, (None, None), (5, 4)),
        (8, (None, None), (17, 4)),
        (8, (2, None), (2, 4)),
        (2, (None, 1), (5, 1)),
    ],
)
def test_the_web_server_is_sized_for_the_machine_unless_configured(cpus, configured, expected):
    assert cli.web_server_size(cpus, *configured) == expected


def test_kuza_run_passes_the_size_to_gunicorn(monkeypatch):
    monkeypatch.setattr(cli, "available_cpus", lambda: 2)
    monkeypatch.setenv("KUZA_WEB_THREADS", "2")
    monkeypatch.delenv("KUZA_WEB_WORKERS", raising=False)

    arguments = cli.gunicorn_size_arguments()

    assert arguments == ["--workers", "5", "--threads", "2", "--worker-class", "gthread"]


def test_a_web_size_below_one_names_the_variable(monkeypatch):
    from kuza import config

    monkeypatch.setenv("KUZA_WEB_WORKERS", "0")

    with pytest.raises(config.ConfigError, match="KUZA_WEB_WORKERS"):
        config.get("KUZA_WEB_WORKERS")


def test_kuza_worker_rejects_unknown_queues_and_zero_concurrency(tmp_path):
    env = {"KUZA_HOME": str(tmp_path), "DATABASE_URL": ""}
    unknown = run_kuza("worker", "--queues", "default,nightly", env=env)
    assert unknown.returncode == 2
    assert "unknown queue(s) nightly; configured: default" in unknown.stderr
    idle = run_kuza("worker", "--concurrency", "0", env=env)
    assert idle.returncode == 2
    assert "--concurrency must be at least 1" in idle.stderr


def _children(pid: int) -> list[str]:
    """Command lines of a process's children, from /proc."""
    listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        for child in listed
    ]


def test_kuza_worker_starts_as_many_queue_workers_as_asked_and_no_scheduler(migrated_home):
    env = {**os.environ, "KUZA_HOME": str(migrated_home), "DATABASE_URL": "", "REDIS_URL": ""}
    kuza = [sys.executable, "-m", "kuza.cli"]
    worker = subprocess.Popen(  # noqa: S603
        [*kuza, "worker", "--queues", "default", "--concurrency", "3", "--no-scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        children = _children(worker.pid)
        while len(children) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
            children = _children(worker.pid)
        assert len(children) == 3, children
        assert all("db_worker" in line and "--queue-name default" in line for line in children)
    finally:
        worker.send_signal(signal.SIGINT)
        output, _ = worker.communicate(timeout=60)
    assert worker.returncode == 0, output
