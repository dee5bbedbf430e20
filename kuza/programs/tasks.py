"""Background work of programmes: a task calls a service."""

from __future__ import annotations

from django_tasks import task

from kuza.programs import services


@task()
def snapshot_key_results() -> int:
    """Store today's value of every key result (the report's trend); returns how many."""
    return services.snapshots_take_all()
