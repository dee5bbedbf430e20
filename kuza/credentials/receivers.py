"""Badges follow achievements: credentials is the one listener of the achievements event.

Learning, mentorship and campaigns emit `kuza.core.achievements.achieved`; each becomes an
award request here. Awards are idempotent, so an achievement emitted again is safe.
"""

from __future__ import annotations

from django.dispatch import receiver

from kuza.core import achievements
from kuza.credentials import selectors, services


@receiver(achievements.achieved, dispatch_uid="credentials.achieved")
def award_badges(sender, achievement: achievements.Achievement, **kwargs) -> list:
    return services.award_for_achievement(
        rule_kind=achievement.kind,
        subject_id=achievement.subject,
        user=achievement.user,
        evidence_url=achievement.evidence_url,
        achievement_key=achievement.achievement_key,
        value=achievement.value,
    )


def connect() -> None:
    """Offer the badges of active rules to apps that show what an achievement earns."""
    achievements.register_reward_finder(selectors.rewards_for)
