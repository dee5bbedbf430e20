import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kuza.core.tasks import send_email

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_task_queue(client):
    send_email.enqueue(subject="s", body="b", to=["x@example.org"])

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["tasks"] == {
        "ok": True,
        "backend": "database",
        "queues": [
            {
                "name": "default",
                "ok": True,
                "queued": 1,
                "running": 0,
                "failed": 0,
                "failed_jobs": [],
            }
        ],
        "deferred": 0,
    }


def test_healthz_lists_failed_jobs_without_turning_unhealthy(client):
    result = send_email.enqueue(subject="s", body="b", to=["x@example.org"])
    DBTaskResult.objects.filter(id=result.id).update(status="FAILED", finished_at=timezone.now())

    response = client.get("/healthz")

    assert response.status_code == 200
    (queue,) = response.json()["tasks"]["queues"]
    assert queue["failed"] == 1
    assert [(job["id"], job["task"]) for job in queue["failed_jobs"]] == [
        (result.id, "kuza.core.tasks.send_email")
    ]


def test_healthz_answers_503_when_the_task_queue_is_unreachable(client):
    # DDL is transactional on SQLite and PostgreSQL: the test's rollback restores the table.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {DBTaskResult._meta.db_table}")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["tasks"]["ok"] is False
    assert "queue 'default' unreachable" in response.json()["tasks"]["error"]
