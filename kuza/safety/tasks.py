"""Background work for safety: lifting suspensions whose end has passed."""

from __future__ import annotations

from django_tasks import task

from kuza.safety import moderation


@task()
def lift_expired_suspensions() -> int:
    return moderation.suspensions_lift_expired()
