"""One collection of a campaign, the same from the worker and from `kuza campaign-sync`:
fetch what is new from the wikis, compute the numbers once, and award participation badges.

Only one collection of a campaign runs at a time: a second one (a slow wiki, a periodic job
queued again, an organiser's cron line) steps aside, since two would fetch the same pages
twice and overwrite each other's resume points. The lock (locking.py) lives in the database
every worker and command shares, and dies with the process holding it, so a killed
collection never blocks the next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kuza.campaigns.awards import campaign_award_badges
from kuza.campaigns.collection_status import (
    collection_crashed,
    collection_finished,
    collection_started,
)
from kuza.campaigns.locking import CollectionRunning, collection_lock
from kuza.campaigns.mediawiki import MediaWikiClient
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import campaign_metrics
from kuza.campaigns.sync import PageStored, SyncReport, campaign_sync


@dataclass(frozen=True)
class Collected:
    report: SyncReport
    badges_qualified: int  # members whose counted edits meet a badge rule (new or not)


def campaign_collect(
    campaign: Campaign,
    *,
    client: MediaWikiClient | None = None,
    on_page: Callable[[PageStored], None] | None = None,
    limit: int | str = "max",
) -> Collected | None:
    """Collect `campaign`; None when another live collection of it is running.

    `limit` caps the items per API page (tests use small pages to have many of them)."""
    try:
        with collection_lock(campaign.pk):
            collection_started(campaign)
            try:
                report = campaign_sync(campaign, client=client, on_page=on_page, limit=limit)
            except Exception:
                collection_crashed(campaign)
                raise
            collection_finished(campaign, report)
            # Computing a large campaign takes seconds: do it here, not in the first view.
            metrics = campaign_metrics(campaign)
            badges = campaign_award_badges(campaign, metrics) if metrics is not None else 0
    except CollectionRunning:
        return None
    return Collected(report, badges)
