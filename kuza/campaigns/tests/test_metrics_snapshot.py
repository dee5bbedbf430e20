"""A campaign's computed metrics are kept in the database, so an emptied cache never makes a
page recompute them; a snapshot is read only while it matches the campaign and is fresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kuza.campaigns.models import Campaign, MetricsSnapshot, Participant
from kuza.campaigns.selectors import (
    campaign_metrics,
    campaign_removed_revisions,
    compute_campaign_metrics,
)
from kuza.campaigns.selectors.figures import KEPT_FOR
from kuza.campaigns.tests.factories import (
    CampaignFactory,
    ParticipantFactory,
    RevisionFactory,
    WikiFactory,
)

pytestmark = pytest.mark.django_db

COLLECTED = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture
def collected():
    wiki = WikiFactory(db_name="frwikiquote_s", language="fr")
    campaign = CampaignFactory(slug="kept", on_wikis=[wiki])
    ParticipantFactory(campaign=campaign, wiki_username="Amina")
    ParticipantFactory(campaign=campaign, wiki_username="Bea")
    RevisionFactory(wiki=wiki, user="Amina", revid=1, page_id=1, sizediff=120)
    RevisionFactory(wiki=wiki, user="Amina", revid=2, page_id=1, parentid=1, is_page_creation=False)
    RevisionFactory(wiki=wiki, user="Bea", revid=3, page_id=2, sizediff=50)
    RevisionFactory(wiki=wiki, user="Bea", revid=4, page_id=3, sizediff=9, removed=True)
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED)
    campaign.refresh_from_db()
    return campaign


def revision_reads(queries) -> list[str]:
    return [query["sql"] for query in queries if "campaigns_revision" in query["sql"]]


def test_after_the_cache_is_emptied_the_figures_come_from_the_snapshot_without_recounting(
    collected,
):
    computed = campaign_metrics(collected)
    removed = campaign_removed_revisions(collected)
    assert computed.totals.edits == 3
    assert removed == 1
    assert MetricsSnapshot.objects.filter(campaign=collected).count() == 1

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        metrics = campaign_metrics(collected)
        removed_again = campaign_removed_revisions(collected)

    assert metrics == computed
    assert removed_again == removed
    assert revision_reads(queries.captured_queries) == []
    snapshot_reads = [q for q in queries.captured_queries if "metricssnapshot" in q["sql"]]
    assert len(snapshot_reads) == 1  # the removed count came back with the metrics


def test_a_new_collection_or_other_participants_are_never_answered_from_an_older_snapshot(
    collected,
):
    assert campaign_metrics(collected).totals.edits == 3

    Participant.objects.filter(wiki_username="Bea").delete()
    cache.clear()
    assert campaign_metrics(collected).totals.edits == 2

    RevisionFactory(wiki=collected.wikis.get(), user="Amina", revid=5, page_id=5, sizediff=7)
    Campaign.objects.filter(pk=collected.pk).update(last_synced_at=COLLECTED + timedelta(days=1))
    collected.refresh_from_db()
    cache.clear()
    assert campaign_metrics(collected) == compute_campaign_metrics(
        collected, as_of=collected.last_synced_at
    )
    assert campaign_metrics(collected).totals.edits == 3
    assert MetricsSnapshot.objects.filter(campaign=collected).count() == 1


def test_a_stale_or_unreadable_snapshot_is_recomputed(collected):
    campaign_metrics(collected)
    # Figures learnt without a new signature (another campaign's collection on a shared
    # wiki) wait no longer than the cache would have let them.
    RevisionFactory(wiki=collected.wikis.get(), user="Bea", revid=6, page_id=6, sizediff=3)
    MetricsSnapshot.objects.filter(campaign=collected).update(
        computed_at=datetime.now(UTC) - KEPT_FOR - timedelta(minutes=1)
    )
    cache.clear()
    assert campaign_metrics(collected).totals.edits == 4

    MetricsSnapshot.objects.filter(campaign=collected).update(metrics=b"not a pickle")
    cache.clear()
    assert campaign_metrics(collected).totals.edits == 4


def test_the_cache_holds_the_snapshots_bytes_and_anything_else_there_is_not_believed(collected):
    from kuza.campaigns.selectors.figures import _cache_key

    computed = campaign_metrics(collected)
    key = _cache_key(collected)
    # Pickled once: the cache and the snapshot hold the same bytes.
    assert cache.get(key) == bytes(MetricsSnapshot.objects.get(campaign=collected).metrics)

    cache.set(key, computed)  # an object, as an older version cached them
    assert campaign_metrics(collected) == computed
    cache.set(key, b"not a pickle")
    assert campaign_metrics(collected) == computed
    assert cache.get(key) == bytes(MetricsSnapshot.objects.get(campaign=collected).metrics)


def test_no_snapshot_before_the_first_collection():
    campaign = CampaignFactory(slug="never")

    assert campaign_metrics(campaign) is None
    assert not MetricsSnapshot.objects.exists()
