"""Work enqueued while the task queue (Redis) is unreachable waits in the database.

Pages enqueue work after their own transaction has committed (a password-reset e-mail, a
campaign collection, a notification). With Redis down, failing the request would tell the
person their action failed although it was saved, and the e-mail would never be sent. So the
backend keeps such a call as a `DeferredTask` row and answers as if it were queued; the
scheduler (`kuza schedule`, which every `kuza worker` starts) hands the rows to the queue on its
first pass after Redis is back. A row is claimed by one atomic update before it is enqueued and
deleted after, so two schedulers never both send it. A scheduler killed between enqueueing and
deleting leaves a claim that expires after CLAIM_TIMEOUT, and the task is then sent again: at
least once, never lost.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id
from django_tasks_rq import RQBackend

from kuza.core.cache import UNREACHABLE

logger = logging.getLogger(__name__)
CLAIM_TIMEOUT = timedelta(minutes=10)
# Rows handed over per scheduler pass; the rest wait for the next pass (30 s).
BATCH = 200


class ResilientRQBackend(RQBackend):
    def enqueue(self, task, args, kwargs):
        try:
            return super().enqueue(task, args, kwargs)
        except UNREACHABLE as error:
            return self._defer(task, args, kwargs, error)

    def enqueue_now(self, task, args, kwargs):
        """Enqueue without the fallback: an unreachable queue raises."""
        return super().enqueue(task, args, kwargs)

    def _defer(self, task, args, kwargs, error: Exception) -> TaskResult:
        from kuza.core.models import DeferredTask

        DeferredTask.objects.create(
            task_path=task.module_path,
            queue_name=task.queue_name,
            priority=task.priority,
            run_after=task.run_after,
            args=list(args),
            kwargs=dict(kwargs),
            last_error=str(error),
        )
        logger.warning("queue %r unreachable, %s deferred: %s", task.queue_name, task.name, error)
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


def enqueue_strictly(task, *args, **kwargs):
    """Enqueue without deferring: an unreachable queue raises (for callers that retry anyway)."""
    backend = task.get_backend()
    if isinstance(backend, ResilientRQBackend):
        return backend.enqueue_now(task, args, kwargs)
    return task.enqueue(*args, **kwargs)


def enqueue_deferred(now=None) -> int:
    """Hand deferred tasks to the queue, oldest first; returns how many were enqueued.

    Stops at the first unreachable-queue error: the rest wait for the next pass.
    """
    from kuza.core.models import DeferredTask

    now = now or timezone.now()
    waiting = DeferredTask.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    )
    enqueued = 0
    for row in waiting[:BATCH]:
        claimed = DeferredTask.objects.filter(pk=row.pk, claimed_at=row.claimed_at).update(
            claimed_at=now
        )
        if claimed != 1:
            continue  # another scheduler took it
        task = import_string(row.task_path).using(
            queue_name=row.queue_name, priority=row.priority, run_after=row.run_after
        )
        try:
            enqueue_strictly(task, *row.args, **row.kwargs)
        except UNREACHABLE as error:
            DeferredTask.objects.filter(pk=row.pk).update(
                claimed_at=None, attempts=row.attempts + 1, last_error=str(error)
            )
            logger.warning("queue still unreachable; %s stays deferred: %s", row.task_path, error)
            break
        row.delete()
        enqueued += 1
    if enqueued:
        logger.info("enqueued %d deferred task(s)", enqueued)
    return enqueued


def deferred_count() -> int:
    from kuza.core.models import DeferredTask

    return DeferredTask.objects.count()
