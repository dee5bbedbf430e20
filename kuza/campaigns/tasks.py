"""Background work of campaigns: a task takes ids and calls the service."""

from __future__ import annotations

from django_tasks import task

from kuza.campaigns.awards import campaign_award_badges
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import campaign_metrics
from kuza.campaigns.sync import campaign_sync


@task()
def campaign_sync_task(campaign_id: int) -> dict:
    """Collect one campaign; returns the summary the management command prints."""
    campaign = Campaign.objects.get(pk=campaign_id)
    report = campaign_sync(campaign)
    # Computing a large campaign takes seconds: do it here, not in the first page view.
    metrics = campaign_metrics(campaign)
    if metrics is not None:
        campaign_award_badges(campaign, metrics)
    return {
        "campaign": report.campaign,
        "requests": report.requests,
        "revisions_stored": report.revisions_stored,
        "errors": report.errors,
    }
