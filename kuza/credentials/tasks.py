"""Background awarding: other apps may enqueue this instead of calling the service inline."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from kuza.credentials import services


@task()
def award_for_achievement(
    *,
    rule_kind: str,
    subject_id: str,
    user_id: int,
    evidence_url: str = "",
    achievement_key: str | None = None,
    value: int | None = None,
) -> list[str]:
    """Run services.award_for_achievement for a user id; returns the assertion UUIDs."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return []
    awarded = services.award_for_achievement(
        rule_kind=rule_kind,
        subject_id=subject_id,
        user=user,
        evidence_url=evidence_url,
        achievement_key=achievement_key,
        value=value,
    )
    return [str(assertion.uuid) for assertion in awarded]
