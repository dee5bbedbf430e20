"""Periodic jobs: apps register a task and an interval; `kuza worker` enqueues the due ones.

    from kuza.core import schedule
    schedule.register("campaigns.sync-active", every=timedelta(hours=1), task=sync_active)

The last enqueue time lives in the database and is claimed with one conditional UPDATE, so any
number of workers (or a cron line running `kuza schedule --once`) enqueue a job at most once
per interval, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    task: object  # a django-tasks Task taking no arguments


_jobs: dict[str, PeriodicJob] = {}


def register(name: str, *, every: timedelta, task: object) -> None:
    """Run `task` every `every` (call from your integrations.py)."""
    if every <= timedelta(0):
        raise ValueError("a periodic job needs a positive interval")
    _jobs[name] = PeriodicJob(name=name, every=every, task=task)


def unregister(name: str) -> None:
    _jobs.pop(name, None)


def jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def _last_enqueued(job: PeriodicJob) -> datetime | None:
    """When `job` was last enqueued (None: never), creating its row on first use."""
    from kuza.core.models import ScheduledRun

    try:
        with transaction.atomic():
            ScheduledRun.objects.get_or_create(name=job.name)
    except IntegrityError:
        pass  # another scheduler created the row first
    return ScheduledRun.objects.filter(name=job.name).values_list("last_enqueued_at", flat=True)[0]


def _claim(job: PeriodicJob, now: datetime, previous: datetime | None) -> bool:
    """Mark `job` enqueued at `now` if it is due and its last enqueue is still `previous`.

    A compare-and-swap on the value read: between the read and the claim another scheduler
    may have claimed the job, or released a failed claim of its own; either way this pass
    steps aside. (Claiming on "due" alone let a scheduler that had read another's failed claim
    later restore it as "last enqueued", and the job then waited a whole interval.)
    """
    from kuza.core.models import ScheduledRun

    if previous is not None and previous > now - job.every:
        return False
    return (
        ScheduledRun.objects.filter(name=job.name, last_enqueued_at=previous).update(
            last_enqueued_at=now
        )
        == 1
    )


def _release(job: PeriodicJob, claimed_at: datetime, previous: datetime | None) -> None:
    """Undo our claim (only ours: the time we wrote is still there) so the next pass retries."""
    from kuza.core.models import ScheduledRun

    ScheduledRun.objects.filter(name=job.name, last_enqueued_at=claimed_at).update(
        last_enqueued_at=previous
    )


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has passed; returns the names enqueued.

    A job whose enqueue fails (the queue is unreachable) is released again and logged, so it
    is enqueued by the first pass after the queue is back instead of waiting a whole interval.
    """
    from kuza.core import taskqueue

    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        previous = _last_enqueued(job)
        if not _claim(job, now, previous):
            continue
        try:
            # Not deferred when the queue is down: the job is simply due again next pass.
            taskqueue.enqueue_strictly(job.task)
        except Exception:  # any failure of the queue backend: keep the job due, say so
            _release(job, now, previous)
            logger.exception("could not enqueue periodic job %s; retrying next pass", job.name)
            continue
        enqueued.append(job.name)
        logger.info("enqueued periodic job %s", job.name)
    return enqueued
