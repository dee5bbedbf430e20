"""A campaign's metrics as of its last collection, cached; and its figures over part of
its window (an event's hours)."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime

from django.core.cache import cache

from kuza.campaigns.metrics import CampaignMetrics, Tally, compute_metrics_from_rows
from kuza.campaigns.metrics_aggregates import metrics_from_aggregates
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors.access import campaign_wikis
from kuza.campaigns.selectors.aggregates import campaign_aggregates
from kuza.campaigns.selectors.revisions import (
    campaign_rows,
    campaign_window,
    metric_participants,
    removed_revision_count,
)
from kuza.campaigns.selectors.tracking import discovered_contributors, enrolled_usernames
from kuza.campaigns.wikidata import subjects_for

# Bumped when the cached result's shape changes, so no older pickle is ever read back.
METRICS_VERSION = 2


def _cache_key(campaign: Campaign) -> str:
    participants = hashlib.sha256("|".join(enrolled_usernames(campaign)).encode()).hexdigest()
    rows = sorted(campaign_wikis(campaign), key=lambda row: row.pk)
    wikis = {
        "count": len(rows),
        "ids": sum(row.wiki_id for row in rows),
        "last": max((row.pk for row in rows), default=0),
    }
    worklists = "|".join(row.worklist for row in rows)
    signature = repr(
        (
            campaign.last_synced_at,
            campaign.start,
            campaign.end,
            campaign.time_zone,
            campaign.hashtag,
            campaign.is_open,
            campaign.exclude_bots,
            campaign.hashtag_required,
            participants,
            wikis,
            hashlib.sha256(worklists.encode()).hexdigest(),
        )
    )
    digest = hashlib.sha256(signature.encode()).hexdigest()[:20]
    return f"campaigns:metrics:{METRICS_VERSION}:{campaign.pk}:{digest}"


def compute_campaign_metrics(
    campaign: Campaign, *, as_of: datetime, period: tuple[datetime, datetime] | None = None
) -> CampaignMetrics:
    """Every metric from what is stored, as of `as_of`; no cache. `period` (start, end)
    counts only the work in that part of the campaign's window (an event's hours)."""
    campaign_wiki_rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in campaign_wiki_rows]
    discovered = discovered_contributors(campaign)
    tracked = set(enrolled_usernames(campaign)) | set(discovered)
    window = campaign_window(campaign, campaign_wiki_rows)
    if period is not None:
        window = dataclasses.replace(window, start=period[0], end=period[1])
    languages = {wiki.db_name: wiki.language for wiki in wikis}
    participants = metric_participants(campaign, wikis, discovered)
    sums = campaign_aggregates(campaign, wikis, tracked, participants, window, as_of)
    if sums is not None:  # summed by the database: a million revisions in about a second
        return metrics_from_aggregates(sums, languages, participants, window, as_of)
    return compute_metrics_from_rows(
        campaign_rows(campaign, wikis, tracked, as_of),
        languages,
        participants,
        window,
        as_of,
        subjects_for(wikis),
    )


def campaign_metrics(campaign: Campaign) -> CampaignMetrics | None:
    """Metrics as of the last completed collection, cached until anything they use changes;
    None before the first collection."""
    if campaign.last_synced_at is None:
        return None
    key = _cache_key(campaign)
    metrics = cache.get(key)
    if metrics is None:
        metrics = compute_campaign_metrics(campaign, as_of=campaign.last_synced_at)
        cache.set(key, metrics, timeout=24 * 3600)
    return metrics


def campaign_removed_revisions(campaign: Campaign) -> int:
    """`removed_revision_count` as of the last collection, cached like the metrics."""
    key = f"{_cache_key(campaign)}:removed"
    count = cache.get(key)
    if count is None:
        count = removed_revision_count(campaign)
        cache.set(key, count, timeout=24 * 3600)
    return count


def figures_between(campaign: Campaign, start: datetime, end: datetime) -> Tally | None:
    """The campaign's totals for its counted work between `start` and `end` only (an event's
    hours), as of the last collection; None before it. Cached like the campaign's metrics."""
    if campaign.last_synced_at is None:
        return None
    start, end = max(start, campaign.start), min(end, campaign.end)
    if start >= end:  # the event lies outside the campaign: nothing of it counts
        return Tally(0, 0, 0, 0, 0, 0, 0)
    key = f"{_cache_key(campaign)}:{start.timestamp():.0f}:{end.timestamp():.0f}"
    totals = cache.get(key)
    if totals is None:
        as_of = campaign.last_synced_at
        totals = compute_campaign_metrics(campaign, as_of=as_of, period=(start, end)).totals
        cache.set(key, totals, timeout=24 * 3600)
    return totals
