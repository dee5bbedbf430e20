"""One collection of a campaign, the same from the worker and from `kuza campaign-sync`:
fetch what is new from the wikis, compute the numbers once, and award participation badges.

Only one collection of a campaign runs at a time: a second one (a slow wiki, a periodic job
queued again, an organiser's cron line) steps aside, since two would fetch the same pages
twice and overwrite each other's resume points. The lock lives in the cache every worker
and command shares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

from kuza.campaigns.awards import campaign_award_badges
from kuza.campaigns.collection_status import (
    collection_crashed,
    collection_finished,
    collection_started,
)
from kuza.campaigns.mediawiki import MediaWikiClient
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import campaign_metrics
from kuza.campaigns.sync import PageStored, SyncReport, campaign_sync

# A collection that outlives this is taken for dead (a killed worker) and may be started again.
SYNC_LOCK_SECONDS = 6 * 3600


def lock_key(campaign_id: int) -> str:
    return f"campaigns:sync-running:{campaign_id}"


@dataclass(frozen=True)
class Collected:
    report: SyncReport
    badges_qualified: int  # members whose counted edits meet a badge rule (new or not)


def campaign_collect(
    campaign: Campaign,
    *,
    client: MediaWikiClient | None = None,
    on_page: Callable[[PageStored], None] | None = None,
) -> Collected | None:
    """Collect `campaign`; None when another collection of it is already running."""
    if not cache.add(lock_key(campaign.pk), "1", timeout=SYNC_LOCK_SECONDS):
        return None
    try:
        collection_started(campaign)
        try:
            report = campaign_sync(campaign, client=client, on_page=on_page)
        except Exception:
            collection_crashed(campaign)
            raise
        collection_finished(campaign, report)
        # Computing a large campaign takes seconds: do it here, not in the first page view.
        metrics = campaign_metrics(campaign)
        badges = campaign_award_badges(campaign, metrics) if metrics is not None else 0
    finally:
        cache.delete(lock_key(campaign.pk))
    return Collected(report, badges)
