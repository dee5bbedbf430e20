import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from kuza.core import schedule
from kuza.core.models import ScheduledRun


@task()
def nightly_digest() -> str:
    return "sent"


@pytest.fixture
def registered_job():
    schedule.register("test.nightly-digest", every=timedelta(hours=24), task=nightly_digest)
    yield "test.nightly-digest"
    schedule.unregister("test.nightly-digest")


def enqueued_digests() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="nightly_digest").count()


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_per_interval(registered_job):
    start = timezone.now()
    assert registered_job in schedule.enqueue_due(start)
    assert registered_job not in schedule.enqueue_due(start + timedelta(minutes=1))
    assert registered_job not in schedule.enqueue_due(start + timedelta(hours=23, minutes=59))
    assert enqueued_digests() == 1

    assert registered_job in schedule.enqueue_due(start + timedelta(hours=24))
    assert enqueued_digests() == 2
    assert ScheduledRun.objects.get(name=registered_job).last_enqueued_at == start + timedelta(
        hours=24
    )


@pytest.mark.django_db
def test_two_schedulers_at_the_same_moment_enqueue_one_run(registered_job):
    moment = timezone.now()
    first = schedule.enqueue_due(moment)
    second = schedule.enqueue_due(moment)
    assert (registered_job in first) != (registered_job in second)
    assert enqueued_digests() == 1


@pytest.mark.django_db
def test_a_scheduler_that_read_a_failed_claim_does_not_put_it_back(registered_job):
    """Two schedulers during a queue outage: A claims the due job and fails to enqueue it; B
    reads A's claim, A releases it, B runs its pass. The job must still be due after the
    outage, not pushed a whole interval away by B restoring the claim it had read."""
    job = next(job for job in schedule.jobs() if job.name == registered_job)
    due_since = timezone.now() - timedelta(hours=25)
    ScheduledRun.objects.create(name=registered_job, last_enqueued_at=due_since)
    moment_a = timezone.now()
    moment_b = moment_a + timedelta(seconds=1)

    read_by_a = schedule._last_enqueued(job)
    assert schedule._claim(job, moment_a, read_by_a)
    read_by_b = schedule._last_enqueued(job)  # A's claim, not yet released
    schedule._release(job, moment_a, read_by_a)  # A's enqueue failed
    if schedule._claim(job, moment_b, read_by_b):
        schedule._release(job, moment_b, read_by_b)  # B's enqueue failed too

    assert ScheduledRun.objects.get(name=registered_job).last_enqueued_at == due_since
    assert registered_job in schedule.enqueue_due(moment_b + timedelta(seconds=30))
    assert enqueued_digests() == 1


@pytest.mark.django_db
def test_schedule_once_enqueues_due_jobs_for_cron(registered_job, capsys):
    call_command("schedule", "--once")
    assert f"enqueued {registered_job}" in capsys.readouterr().out
    assert enqueued_digests() == 1


def test_a_job_needs_a_positive_interval():
    with pytest.raises(ValueError, match="positive interval"):
        schedule.register("test.never", every=timedelta(0), task=nightly_digest)


def test_kuza_worker_also_enqueues_the_registered_periodic_jobs(migrated_home):
    """`kuza worker` starts the scheduler beside the queue worker; Ctrl-C stops both."""
    registered = {job.name for job in schedule.jobs()}
    assert registered, "the apps register periodic jobs (suspensions, campaign syncs)"
    env = {**os.environ, "KUZA_HOME": str(migrated_home), "DATABASE_URL": "", "REDIS_URL": ""}
    kuza = [sys.executable, "-m", "kuza.cli"]
    worker = subprocess.Popen(  # noqa: S603
        [*kuza, "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        seen: set[str] = set()
        deadline = time.monotonic() + 120
        while seen != registered and time.monotonic() < deadline:
            time.sleep(1)
            with sqlite3.connect(migrated_home / "kuza.sqlite3") as database:
                seen = {row[0] for row in database.execute("SELECT name FROM core_scheduledrun")}
        assert seen == registered
    finally:
        worker.send_signal(signal.SIGINT)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
