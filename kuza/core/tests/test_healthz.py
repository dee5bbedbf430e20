import pytest
from django.db import connection
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
    assert body["tasks"] == {"ok": True, "backend": "database", "queued": 1}


def test_healthz_answers_503_when_the_task_queue_is_unreachable(client):
    # DDL is transactional on SQLite and PostgreSQL: the test's rollback restores the table.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {DBTaskResult._meta.db_table}")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["tasks"]["ok"] is False
