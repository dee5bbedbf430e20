"""The fast reading of stored revisions gives exactly the metrics of the plain reading.

`campaign_rows` (raw cursor, plain tuples, retention gap skipped) feeds the metrics;
`campaign_facts` (a validated RevisionFact per stored row) is the plain reference. Random
campaigns are stored, with times on and around every boundary, bots, tagged outsiders and
pages begun by others, and both readings must agree on every metric.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from kuza.campaigns.metrics import RETENTION_DELAY, compute_metrics
from kuza.campaigns.models import Campaign, PageOrigin, Participant, Revision, WikiAccount
from kuza.campaigns.selectors import (
    campaign_facts,
    campaign_rows,
    campaign_wikis,
    campaign_window,
    compute_campaign_metrics,
    discovered_contributors,
    enrolled_usernames,
    metric_participants,
    revisions,
)
from kuza.campaigns.tests.factories import CampaignFactory, WikiFactory

pytestmark = pytest.mark.django_db

START = datetime(2024, 6, 1, tzinfo=UTC)
END = START + timedelta(days=10)
AS_OF = END + RETENTION_DELAY + timedelta(days=5)
NAMES = ["Amina", "Bea", "Chloé", "Dmitri K", "Outsider", "Passer", "RoboBot"]
COMMENTS = ["#SheSaid quotes", "typo", "＃shesaid", "x#SheSaid", ""]


def _moment(rng: random.Random) -> datetime:
    edges = [
        START,
        END,
        END - timedelta(microseconds=1),
        END + RETENTION_DELAY,
        AS_OF,
        START - timedelta(seconds=1),
    ]
    if rng.random() < 0.25:
        return rng.choice(edges)
    span = (AS_OF - START).total_seconds() + 86400
    return START - timedelta(days=1) + timedelta(seconds=rng.uniform(0, span))


def _store_campaign(seed: int, *, is_open: bool) -> Campaign:
    rng = random.Random(seed)
    wikis = [
        WikiFactory(db_name=f"x{seed}wiki", language="sw"),
        WikiFactory(db_name=f"y{seed}wiki", language="fr"),
    ]
    campaign = CampaignFactory(
        slug=f"rows-{seed}-{is_open}",
        start=START,
        end=END,
        hashtag="#SheSaid",
        is_open=is_open,
        hashtag_required=rng.random() < 0.3,
        exclude_bots=rng.random() < 0.7,
        on_wikis=wikis,
    )
    for name in NAMES[:4]:
        Participant.objects.create(campaign=campaign, wiki_username=name)
    rows = []
    for revid in range(1, 400):
        wiki = rng.choice(wikis)
        creation = rng.random() < 0.2
        rows.append(
            Revision(
                wiki=wiki,
                revid=revid,
                parentid=0 if creation else revid + 1000,
                page_id=rng.randint(1, 40),
                namespace=rng.choice([0, 0, 0, 1, 6]),
                title=f"Page {rng.randint(1, 40)}",
                user=rng.choice(NAMES),
                timestamp=_moment(rng),
                comment=rng.choice(COMMENTS),
                size=500,
                sizediff=rng.randint(-200, 900),
                is_page_creation=creation,
                is_redirect=rng.random() < 0.1,
                is_upload=rng.random() < 0.1,
                is_bot=rng.random() < 0.05,
                source=Revision.Source.CONTRIBUTIONS,
                in_recent_changes=rng.random() < 0.4,
            )
        )
    Revision.objects.bulk_create(rows)
    for wiki in wikis:
        WikiAccount.objects.create(
            wiki=wiki, username="RoboBot", is_bot=True, checked_at=START, registered_at=START
        )
        WikiAccount.objects.create(
            wiki=wiki, username="Amina", checked_at=START, registered_at=START + timedelta(days=1)
        )
        for page in rng.sample(range(1, 41), 10):
            PageOrigin.objects.create(
                wiki=wiki, page_id=page, created_at=_moment(rng), checked_at=START
            )
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=AS_OF)
    campaign.refresh_from_db()
    return campaign


def _plain_metrics(campaign: Campaign):
    rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in rows]
    discovered = discovered_contributors(campaign)
    tracked = set(enrolled_usernames(campaign)) | set(discovered)
    return compute_metrics(
        campaign_facts(campaign, wikis, tracked, AS_OF),
        metric_participants(campaign, wikis, discovered),
        campaign_window(campaign, rows),
        AS_OF,
    )


@pytest.mark.parametrize("is_open", [False, True], ids=["participants", "open"])
@pytest.mark.parametrize("seed", range(4))
def test_fast_rows_give_the_metrics_of_validated_facts(seed: int, is_open: bool) -> None:
    campaign = _store_campaign(seed, is_open=is_open)

    fast = compute_campaign_metrics(campaign, as_of=AS_OF)

    assert fast == _plain_metrics(campaign)
    assert fast.totals.edits > 0  # the data exercised something


def test_names_filtered_in_python_beyond_the_sql_limit(monkeypatch) -> None:
    campaign = _store_campaign(7, is_open=True)
    in_sql = compute_campaign_metrics(campaign, as_of=AS_OF)

    monkeypatch.setattr(revisions, "_MAX_SQL_NAMES", 1)

    assert compute_campaign_metrics(campaign, as_of=AS_OF) == in_sql == _plain_metrics(campaign)


def test_rows_skip_what_counts_for_nothing() -> None:
    campaign = _store_campaign(3, is_open=False)
    wikis = [row.wiki for row in campaign_wikis(campaign)]
    tracked = set(enrolled_usernames(campaign))

    times = [row[6] for row in campaign_rows(campaign, wikis, tracked, AS_OF)]
    facts = list(campaign_facts(campaign, wikis, tracked, AS_OF))

    gap = (END.timestamp(), (END + RETENTION_DELAY).timestamp())
    assert times and not [t for t in times if gap[0] <= t < gap[1]]
    assert len(times) < len(facts)  # the facts include the gap, which the rows leave out
    assert sorted(times) == sorted(
        f.timestamp.timestamp() for f in facts if not END <= f.timestamp < END + RETENTION_DELAY
    )
