"""Background work of campaigns: a task takes ids and calls the service."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from kuza.campaigns.awards import campaign_award_badges
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import active_campaigns, campaign_metrics
from kuza.campaigns.sync import campaign_sync

# A collection that outlives this is taken for dead (a killed worker) and may be started again.
SYNC_LOCK_SECONDS = 6 * 3600


def _lock_key(campaign_id: int) -> str:
    return f"campaigns:sync-running:{campaign_id}"


@task()
def campaign_sync_task(campaign_id: int) -> dict:
    """Collect one campaign; returns the summary the management command prints.

    A collection of the same campaign already running (a slow wiki, a periodic job queued
    again meanwhile) makes this one step aside: two would fetch the same pages twice and
    overwrite each other's resume points. The cache is shared by every worker.
    """
    if not cache.add(_lock_key(campaign_id), "1", timeout=SYNC_LOCK_SECONDS):
        return {"campaign": campaign_id, "skipped": "a collection is already running"}
    try:
        campaign = Campaign.objects.get(pk=campaign_id)
        report = campaign_sync(campaign)
        # Computing a large campaign takes seconds: do it here, not in the first page view.
        metrics = campaign_metrics(campaign)
        if metrics is not None:
            campaign_award_badges(campaign, metrics)
    finally:
        cache.delete(_lock_key(campaign_id))
    return {
        "campaign": report.campaign,
        "requests": report.requests,
        "revisions_stored": report.revisions_stored,
        "errors": report.errors,
    }


SYNC_OPTION = "KUZA_CAMPAIGN_SYNC_MINUTES"


def sync_interval() -> timedelta:
    """The periodic collection interval, from KUZA_CAMPAIGN_SYNC_MINUTES when configured."""
    from kuza import config

    minutes = int(config.get(SYNC_OPTION))  # type: ignore[call-overload]
    if minutes < 1:
        raise config.ConfigError(f"{SYNC_OPTION}: must be at least 1 minute, got {minutes}")
    return timedelta(minutes=minutes)


@task()
def sync_active_campaigns() -> list[int]:
    """The periodic job: one collection task per active campaign, so several workers share
    them; returns the ids of the campaigns queued."""
    ids = list(active_campaigns(now=timezone.now()).values_list("pk", flat=True))
    for campaign_id in ids:
        campaign_sync_task.enqueue(campaign_id)
    return ids
