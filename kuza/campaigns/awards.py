"""Campaign participation badges: members whose counted edits reach a rule's threshold.

Runs after each collection. Awards are idempotent in credentials (one assertion per badge,
person and campaign), so collecting again never awards twice; a rule added later is honoured
at the next collection.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from kuza.campaigns.metrics import CampaignMetrics, normalize_username
from kuza.campaigns.models import Campaign
from kuza.credentials import services as credentials
from kuza.credentials.models import AwardRule


def campaign_award_badges(campaign: Campaign, metrics: CampaignMetrics) -> int:
    """Ask credentials to award participation badges; returns how many people qualified."""
    rules = AwardRule.objects.filter(
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        is_active=True,
        target_key__in=[campaign.slug, ""],
    )
    if not rules.exists():
        return 0
    members = {
        normalize_username(participant.wiki_username): participant.user
        for participant in campaign.participants.filter(user__isnull=False).select_related("user")
    }
    evidence = settings.SITE_URL + reverse("campaigns:detail", args=[campaign.slug])
    qualified = 0
    for row in metrics.leaderboard:
        user = members.get(normalize_username(row.username))
        if user is None or row.edits == 0:
            continue
        if credentials.award_for_achievement(
            rule_kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
            subject_id=campaign.slug,
            user=user,
            value=row.edits,
            evidence_url=evidence,
        ):
            qualified += 1
    return qualified
