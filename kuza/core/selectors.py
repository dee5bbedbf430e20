"""Reads the core needs: service health for /healthz."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection


def database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "vendor": connection.vendor, "error": str(error)}
    return {"ok": True, "vendor": connection.vendor}


# How many failed jobs /healthz and `kuza check` name, newest first; the count is always whole.
FAILED_JOBS_LISTED = 10


def task_queue_status() -> dict:
    """Each configured queue's state: reachable, queued, running and failed jobs.

    Failed jobs are listed so that no failure is silent; they do not make the queue
    unhealthy (a proxy must not take an app server out because a task once failed).
    """
    from kuza.core.taskqueue import deferred_count

    # Counted first: on PostgreSQL a failed queue query below aborts the request's transaction.
    try:
        deferred = deferred_count()
    except DatabaseError:
        deferred = None
    backend = settings.TASKS["default"]["BACKEND"]
    if backend in {"django_tasks_rq.RQBackend", "kuza.core.taskqueue.ResilientRQBackend"}:
        queues = [_rq_queue_status(name) for name in settings.TASKS["default"]["QUEUES"]]
        kind = "rq"
    else:
        queues = [_database_queue_status(name) for name in settings.TASKS["default"]["QUEUES"]]
        kind = "database"
    status: dict = {
        "ok": all(queue["ok"] for queue in queues),
        "backend": kind,
        "queues": queues,
        # Enqueued while the queue was unreachable; the scheduler hands them over when it is back.
        "deferred": deferred,
    }
    if not status["ok"]:
        status["error"] = "; ".join(queue["error"] for queue in queues if not queue["ok"])
    return status


def _rq_queue_status(name: str) -> dict:
    import django_rq
    from redis.exceptions import RedisError
    from rq.job import Job
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    try:
        queue = django_rq.get_queue(name)
        queue.connection.ping()
        # Counting the started registry is also how RQ notices jobs whose worker died
        # (heartbeat expired): they move to the failed registry, where they are listed.
        running = StartedJobRegistry(queue=queue).count
        failed_registry = FailedJobRegistry(queue=queue)
        failed_ids = failed_registry.get_job_ids(0, FAILED_JOBS_LISTED - 1, desc=True)
        failed_jobs = [
            {
                "id": job.id,
                "task": job.func_name,
                "failed_at": job.ended_at.isoformat() if job.ended_at else None,
            }
            for job in Job.fetch_many(failed_ids, connection=queue.connection)
            if job is not None
        ]
        return {
            "name": name,
            "ok": True,
            "queued": len(queue),
            "running": running,
            "failed": failed_registry.count,
            "failed_jobs": failed_jobs,
        }
    except RedisError as error:
        return {"name": name, "ok": False, "error": f"queue {name!r} unreachable: {error}"}


def _database_queue_status(name: str) -> dict:
    from django_tasks_db.models import DBTaskResult

    try:
        in_queue = DBTaskResult.objects.filter(queue_name=name)
        failed = in_queue.failed().order_by("-finished_at")
        return {
            "name": name,
            "ok": True,
            "queued": in_queue.ready().count(),
            "running": in_queue.running().count(),
            "failed": failed.count(),
            "failed_jobs": [
                {
                    "id": str(row.id),
                    "task": row.task_path,
                    "failed_at": row.finished_at.isoformat() if row.finished_at else None,
                }
                for row in failed[:FAILED_JOBS_LISTED]
            ],
        }
    except DatabaseError as error:
        return {"name": name, "ok": False, "error": f"queue {name!r} unreachable: {error}"}
