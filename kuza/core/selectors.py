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


def task_queue_status() -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    try:
        if backend == "django_tasks_rq.RQBackend":
            import django_rq

            queue = django_rq.get_queue("default")
            queue.connection.ping()
            return {"ok": True, "backend": "rq", "queued": len(queue)}
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.ready().count()
        return {"ok": True, "backend": "database", "queued": queued}
    except Exception as error:  # noqa: BLE001 - any failure means "unhealthy", reported as such
        return {"ok": False, "backend": backend, "error": str(error)}
