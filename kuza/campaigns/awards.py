"""Campaign participation as achievements: members and their counted edits.

Runs after each collection: every member with counted edits is an achievement emitted through
`kuza.core.achievements`, carrying the count; credentials awards the badges whose threshold it
meets. Listeners are idempotent (one assertion per badge, person and campaign), so collecting
again never awards twice. The same achievements, computed from the last collection, let a
badge rule added later be applied at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kuza.campaigns.metrics import CampaignMetrics, normalize_username
from kuza.campaigns.models import Campaign
from kuza.core import achievements


def participation_achievements(
    campaign: Campaign, metrics: CampaignMetrics
) -> list[achievements.Achievement]:
    """One achievement per member with counted edits, their count as the value."""
    members = {
        normalize_username(participant.wiki_username): participant.user
        for participant in campaign.participants.filter(user__isnull=False).select_related("user")
    }
    evidence = settings.SITE_URL + reverse("campaigns:detail", args=[campaign.slug])
    made = []
    for row in metrics.leaderboard:
        user = members.get(normalize_username(row.username))
        if user is None or row.edits == 0:
            continue
        made.append(
            achievements.Achievement(
                kind=achievements.CAMPAIGN_PARTICIPATION,
                subject=campaign.slug,
                user=user,
                value=row.edits,
                evidence_url=evidence,
            )
        )
    return made


def campaign_award_badges(campaign: Campaign, metrics: CampaignMetrics) -> int:
    """Emit the campaign's participation; returns how many people earned something by it."""
    return sum(
        1
        for achievement in participation_achievements(campaign, metrics)
        if achievements.emit(achievement)
    )


def _targets(viewer) -> list[achievements.Target]:
    from kuza.campaigns.selectors import campaigns_visible_to

    campaigns = Campaign.objects.all() if viewer is None else campaigns_visible_to(viewer)
    return [
        achievements.Target(campaign.slug, campaign.name)
        for campaign in campaigns.order_by("name", "pk")
    ]


def _achieved(target: str) -> Iterator[achievements.Achievement]:
    from kuza.campaigns.selectors import campaign_metrics

    campaigns = Campaign.objects.filter(last_synced_at__isnull=False)
    if target:
        campaigns = campaigns.filter(slug=target)
    for campaign in campaigns.order_by("pk"):
        metrics = campaign_metrics(campaign)
        if metrics is not None:
            yield from participation_achievements(campaign, metrics)


def register() -> None:
    achievements.register_source(
        achievements.AchievementSource(
            kind=achievements.CAMPAIGN_PARTICIPATION,
            label=_("Campaign participation"),
            any_label=_("Any campaign"),
            targets=_targets,
            achieved=_achieved,
            needs_threshold=True,
        )
    )
