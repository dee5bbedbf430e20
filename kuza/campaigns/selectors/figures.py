"""A campaign's metrics as of its last collection, cached and kept in the database; and its
figures over part of its window (an event's hours).

A collection computes the metrics once it is done and stores them (cache and snapshot row),
so a page reads them instead of recomputing: from the cache, else from the snapshot (one
query), and only when neither matches the campaign's current signature are they computed."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from kuza.campaigns.metrics import CampaignMetrics, Tally, compute_metrics_from_rows
from kuza.campaigns.metrics_aggregates import metrics_from_aggregates
from kuza.campaigns.models import Campaign, MetricsSnapshot
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
METRICS_VERSION = 3
# How long computed figures are trusted, in the cache and in the snapshot alike: a few
# changes reach them without changing their signature (a removal learnt by another
# campaign's collection on a shared wiki, say), and this bounds how long those wait.
KEPT_FOR = timedelta(hours=24)


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


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a large result is built or read back.

    A million revisions make a few hundred thousand objects (sums, leaderboard rows), none
    part of a reference cycle; each new batch of them makes the collector walk every object
    alive, which took a third of the assembly's time. Restored afterwards, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    with _without_cycle_collection():
        sums = campaign_aggregates(campaign, wikis, tracked, participants, window, as_of)
        if sums is not None:  # summed by the database (see bench/campaigns.py)
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
    """Metrics as of the last completed collection, kept until anything they use changes;
    None before the first collection."""
    if campaign.last_synced_at is None:
        return None
    key = _cache_key(campaign)
    metrics = _unpickled(cache.get(key))
    if metrics is None:
        metrics, _removed = _stored_figures(campaign, key)
    return metrics


def campaign_removed_revisions(campaign: Campaign) -> int:
    """`removed_revision_count` as of the last collection, kept like the metrics."""
    key = _cache_key(campaign)
    count = cache.get(f"{key}:removed")
    if count is None:
        if campaign.last_synced_at is None:
            return removed_revision_count(campaign)
        _metrics, count = _stored_figures(campaign, key)
    return count


def _stored_figures(campaign: Campaign, key: str) -> tuple[CampaignMetrics, int]:
    """The metrics and removed count under `key`: from the snapshot row when it matches,
    else computed and stored there; the cache is filled either way.

    The cache holds the metrics pickled once, as the snapshot does, not the object: it
    would pickle it again (a large campaign's result takes a third of a second to pickle)."""
    found = _read_snapshot(campaign, key)
    if found is None:
        metrics = compute_campaign_metrics(campaign, as_of=campaign.last_synced_at)
        removed = removed_revision_count(campaign)
        with _without_cycle_collection():
            pickled = pickle.dumps(metrics, protocol=pickle.HIGHEST_PROTOCOL)
        _write_snapshot(campaign, key, pickled, removed)
        trusted_for = KEPT_FOR
    else:
        metrics, pickled, removed, computed_at = found
        trusted_for = computed_at + KEPT_FOR - timezone.now()
    cache.set_many(
        {key: pickled, f"{key}:removed": removed}, timeout=max(trusted_for.total_seconds(), 1)
    )
    return metrics, removed


def _unpickled(pickled: object) -> CampaignMetrics | None:
    """The metrics a snapshot or the cache holds, or None when what it holds is not them."""
    if not isinstance(pickled, bytes | memoryview):
        return None
    try:
        # Only Kuza writes these (see MetricsSnapshot); the version in the key keeps an
        # older shape from being read.
        with _without_cycle_collection():
            metrics = pickle.loads(bytes(pickled))  # noqa: S301
    except (pickle.UnpicklingError, AttributeError, EOFError, ImportError, TypeError):
        return None
    return metrics if isinstance(metrics, CampaignMetrics) else None


def _read_snapshot(
    campaign: Campaign, key: str
) -> tuple[CampaignMetrics, bytes, int, datetime] | None:
    row = (
        MetricsSnapshot.objects.filter(
            campaign=campaign, signature=key, computed_at__gt=timezone.now() - KEPT_FOR
        )
        .values_list("metrics", "removed_revisions", "computed_at")
        .first()
    )
    if row is None:
        return None
    pickled = bytes(row[0])
    metrics = _unpickled(pickled)
    if metrics is None:
        return None
    return metrics, pickled, row[1], row[2]


def _write_snapshot(campaign: Campaign, key: str, pickled: bytes, removed: int) -> None:
    values = {"signature": key, "metrics": pickled, "removed_revisions": removed}
    try:
        with transaction.atomic():
            MetricsSnapshot.objects.update_or_create(campaign=campaign, defaults=values)
    except IntegrityError:
        # Another process stored the same campaign's figures at the same moment: theirs
        # stand, and the next change of signature replaces them anyway.
        pass


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
        cache.set(key, totals, timeout=KEPT_FOR.total_seconds())
    return totals
