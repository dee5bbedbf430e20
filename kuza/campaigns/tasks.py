"""Background work of campaigns: a task takes ids and calls the service."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from kuza.campaigns.collection import campaign_collect
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import active_campaigns
from kuza.campaigns.sync import default_client


@task()
def campaign_sync_task(campaign_id: int) -> dict:
    """Collect one campaign (see `collection.campaign_collect`); returns the summary the
    management command prints, or says it stepped aside for a collection already running."""
    collected = campaign_collect(Campaign.objects.get(pk=campaign_id))
    if collected is None:
        return {"campaign": campaign_id, "skipped": "a collection is already running"}
    report = collected.report
    return {
        "campaign": report.campaign,
        "requests": report.requests,
        "revisions_stored": report.revisions_stored,
        "errors": report.errors,
        "badges_qualified": collected.badges_qualified,
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


@task()
def invitation_list_task(list_id: int) -> dict:
    """Build one organiser's invitation list (see `invitation_lists.invitation_list_build`)."""
    from kuza.campaigns.invitation_lists import invitation_list_build

    built = invitation_list_build(list_id=list_id, client=default_client())
    if built is None:
        return {"list": list_id, "skipped": "already built, or being built"}
    return {"list": list_id, "state": built.state, "suggestions": len(built.suggestions)}
