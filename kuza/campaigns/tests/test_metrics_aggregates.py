"""Metrics summed by the database are exactly the metrics of the pure function over facts.

Random campaigns are stored with what every figure depends on: several wikis sharing a
language, content and other namespaces, creations (some credited to an earlier creator),
uploads, redirects, bots by flag and by account, deleted pages, times on the window's and
the retention period's edges, time zones with daylight saving and a quarter-hour offset,
biographies of each sex or gender, tagged outsiders for open campaigns, required hashtags.
`compute_campaign_metrics` (the database sums, `metrics_aggregates` assembles) must give
what `compute_metrics` gives over `campaign_facts`, field by field, including the fields
equality leaves out (each leaderboard row's wikis, the pages and contributors series add
up). Run on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

import pytest

from kuza.campaigns.metrics import RETENTION_DELAY, CampaignMetrics, compute_metrics
from kuza.campaigns.metrics_aggregates import metrics_from_aggregates
from kuza.campaigns.metrics_inputs import Participant as MetricParticipant
from kuza.campaigns.models import (
    Campaign,
    PageSubject,
    Participant,
    Revision,
    WikiAccount,
    WikidataItem,
)
from kuza.campaigns.selectors import (
    campaign_facts,
    campaign_wikis,
    campaign_window,
    compute_campaign_metrics,
    discovered_contributors,
    enrolled_usernames,
    metric_participants,
)
from kuza.campaigns.selectors.aggregates import campaign_aggregates
from kuza.campaigns.tests.factories import CampaignFactory, WikiFactory
from kuza.campaigns.wikidata import subjects_for

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 20, 5, 30, tzinfo=UTC)  # Europe's clocks change during the window
END = START + timedelta(days=12)
AS_OF = END + RETENTION_DELAY + timedelta(days=3)
NAMES = ["Amina", "Bea", "Chloé", "Dmitri K", "Esi", "Outsider", "Passer", "RoboBot"]
COMMENTS = ["#SheSaid quotes", "typo", "＃shesaid", "x#SheSaid", "#SheSaid2", "", "see #shesaid!"]
ZONES = ["UTC", "Europe/Paris", "Asia/Kathmandu", "America/Sao_Paulo", "Africa/Nairobi"]
GENDERS = [value for value, _label in WikidataItem.Gender.choices]


def _moment(rng: random.Random) -> datetime:
    edges = [
        START,
        END,
        END - timedelta(microseconds=1),
        END + RETENTION_DELAY,
        END + RETENTION_DELAY - timedelta(microseconds=1),
        AS_OF,
        START - timedelta(seconds=1),
        START + timedelta(days=5, hours=rng.randint(0, 23)),  # near a local midnight
    ]
    if rng.random() < 0.2:
        return rng.choice(edges)
    span = (AS_OF - START).total_seconds() + 86400
    return START - timedelta(days=1) + timedelta(seconds=rng.uniform(0, span))


def _store(seed: int, *, is_open: bool, required: bool = False) -> Campaign:
    rng = random.Random(seed)
    wikis = [
        WikiFactory(db_name=f"sw{seed}wiki", language="sw"),
        WikiFactory(db_name=f"sw{seed}wikiquote", language="sw"),
        WikiFactory(db_name=f"fr{seed}wiki", language="fr"),
    ]
    campaign = CampaignFactory(
        slug=f"sums-{seed}-{is_open}-{required}",
        start=START,
        end=END,
        time_zone=rng.choice(ZONES),
        hashtag="#SheSaid",
        is_open=is_open,
        hashtag_required=required,
        exclude_bots=rng.random() < 0.7,
        on_wikis=wikis,
    )
    for name in NAMES[:5]:
        Participant.objects.create(
            campaign=campaign, wiki_username=name, hidden_from_leaderboard=name == "Bea"
        )
    pages = 30
    revisions = []
    for revid in range(1, 500):
        wiki = rng.choice(wikis)
        creation = rng.random() < 0.25
        revisions.append(
            Revision(
                wiki=wiki,
                revid=revid,
                parentid=0 if creation else revid + 1000,
                page_id=rng.randint(1, pages),
                namespace=rng.choice([0, 0, 0, 0, 1, 6]),
                title=f"Page {rng.randint(1, pages)}",
                user=rng.choice(NAMES),
                timestamp=_moment(rng),
                comment=rng.choice(COMMENTS),
                size=500,
                sizediff=rng.choice([0, rng.randint(-400, 1200)]),
                is_page_creation=creation,
                is_redirect=rng.random() < 0.08,
                is_upload=rng.random() < 0.1,
                is_bot=rng.random() < 0.05,
                source=Revision.Source.CONTRIBUTIONS,
                in_recent_changes=rng.random() < 0.5,
                removed=rng.random() < 0.07,  # its page was deleted since
            )
        )
    Revision.objects.bulk_create(revisions)
    for wiki in wikis:
        WikiAccount.objects.create(
            wiki=wiki, username="RoboBot", is_bot=True, checked_at=START, registered_at=START
        )
        WikiAccount.objects.create(
            wiki=wiki, username="Amina", checked_at=START, registered_at=START + timedelta(days=1)
        )
        WikiAccount.objects.create(
            wiki=wiki, username="Passer", checked_at=START, registered_at=START + timedelta(days=2)
        )
        for page in rng.sample(range(1, pages + 1), 20):
            item = f"Q{seed}{wiki.pk}{page}"
            PageSubject.objects.create(wiki=wiki, page_id=page, item=item, checked_at=START)
            WikidataItem.objects.get_or_create(
                item=item,
                defaults={
                    "exists": rng.random() < 0.95,
                    "is_human": rng.random() < 0.7,
                    "gender": rng.choice(GENDERS),
                    "fetched_at": START,
                },
            )
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=AS_OF)
    campaign.refresh_from_db()
    return campaign


@dataclasses.dataclass(frozen=True)
class _Inputs:
    """What the selectors read for a campaign's metrics, as compute_campaign_metrics does."""

    wikis: list
    tracked: set[str]
    window: object
    participants: list


def _inputs(campaign: Campaign, period=None) -> _Inputs:
    rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in rows]
    discovered = discovered_contributors(campaign)
    window = campaign_window(campaign, rows)
    if period is not None:
        window = dataclasses.replace(window, start=period[0], end=period[1])
    return _Inputs(
        wikis=wikis,
        tracked=set(enrolled_usernames(campaign)) | set(discovered),
        window=window,
        participants=metric_participants(campaign, wikis, discovered),
    )


def _by_facts(campaign: Campaign, *, as_of: datetime = AS_OF, period=None) -> CampaignMetrics:
    """The reference: the pure function over validated facts, as before the sums."""
    given = _inputs(campaign, period)
    return compute_metrics(
        campaign_facts(campaign, given.wikis, given.tracked, as_of),
        given.participants,
        given.window,
        as_of,
        subjects_for(given.wikis),
    )


def _summed(campaign: Campaign, *, as_of: datetime = AS_OF, period=None) -> CampaignMetrics:
    given = _inputs(campaign, period)
    sums = campaign_aggregates(
        campaign, given.wikis, given.tracked, given.participants, given.window, as_of
    )
    assert sums is not None, "this campaign should be summed by the database"
    metrics = compute_campaign_metrics(campaign, as_of=as_of, period=period)
    assert_same(
        metrics,
        metrics_from_aggregates(
            sums, _languages(given.wikis), given.participants, given.window, as_of
        ),
    )
    return metrics


def _languages(wikis) -> dict[str, str]:
    return {wiki.db_name: wiki.language for wiki in wikis}


def assert_same(summed: CampaignMetrics, reference: CampaignMetrics) -> None:
    """Every field, including those dataclass equality leaves out."""
    assert summed.totals == reference.totals
    assert summed.per_wiki == reference.per_wiki
    assert summed.per_language == reference.per_language
    assert summed.daily == reference.daily
    assert summed.retention == reference.retention
    assert summed.new_editors == reference.new_editors
    assert summed.leaderboard == reference.leaderboard
    assert [row.wikis for row in summed.leaderboard] == [row.wikis for row in reference.leaderboard]
    assert summed.created_pages == reference.created_pages
    assert summed.improved_pages == reference.improved_pages
    assert summed.contributors == reference.contributors
    assert summed == reference


@pytest.mark.parametrize(
    ("is_open", "required"),
    [(False, False), (True, False), (False, True), (True, True)],
    ids=["participants", "open", "tag-required", "open-tag-required"],
)
@pytest.mark.parametrize("seed", range(3))
def test_sums_in_sql_give_the_metrics_of_the_pure_function(seed, is_open, required):
    campaign = _store(seed, is_open=is_open, required=required)

    summed = _summed(campaign)

    assert_same(summed, _by_facts(campaign))
    assert summed.totals.edits > 0 and summed.leaderboard  # the data exercised something
    assert summed.totals.biographies_created + summed.totals.biographies_improved > 0


@pytest.mark.django_db(transaction=True)  # the parts' own connections see the rows
@pytest.mark.parametrize("is_open", [False, True], ids=["participants", "open"])
def test_the_main_statement_run_in_parts_at_once_gives_the_same_metrics(is_open):
    campaign = _store(6, is_open=is_open)
    given = _inputs(campaign)
    wikis, participants, window = given.wikis, given.participants, given.window

    whole = campaign_aggregates(
        campaign, wikis, given.tracked, participants, window, AS_OF, parts=1
    )
    parts = campaign_aggregates(
        campaign, wikis, given.tracked, participants, window, AS_OF, parts=3
    )

    assert len({page % 3 for _wiki, page, *_ in whole.creations}) == 3  # every part has some
    assert sorted(parts.contributors) == sorted(whole.contributors)
    assert sorted(parts.creations) == sorted(whole.creations)
    assert sorted(parts.improved_pages) == sorted(whole.improved_pages)
    assert parts.files_uploaded == whole.files_uploaded
    assert (parts.seen_wikis, parts.returned) == (whole.seen_wikis, whole.returned)
    metrics = metrics_from_aggregates(parts, _languages(wikis), participants, window, AS_OF)
    assert_same(metrics, _by_facts(campaign))


@pytest.mark.parametrize("seed", range(3, 6))
def test_sums_agree_over_part_of_the_window_and_before_retention(seed):
    campaign = _store(seed, is_open=seed % 2 == 0)
    period = (START + timedelta(days=2, hours=3), START + timedelta(days=6, minutes=45))
    early = END + timedelta(days=2)  # retention not yet measurable

    assert_same(_summed(campaign, period=period), _by_facts(campaign, period=period))
    assert_same(_summed(campaign, as_of=early), _by_facts(campaign, as_of=early))


def test_deleted_pages_count_no_longer():
    campaign = _store(11, is_open=False)
    before = _summed(campaign)
    removed = Revision.objects.filter(wiki__in=campaign.wikis.all(), page_id__lte=10)

    removed.update(removed=True)

    after = _summed(campaign)
    assert_same(after, _by_facts(campaign))
    assert after.totals.edits < before.totals.edits
    assert not {page for _wiki, page in after.created_pages | after.improved_pages} & set(
        range(1, 11)
    )


def test_hidden_participants_are_counted_but_left_off_the_leaderboard():
    """The pure function's opt-out (a participant hidden from the leaderboard) holds too."""
    campaign = _store(12, is_open=True)
    given = _inputs(campaign)
    wikis, tracked, window = given.wikis, given.tracked, given.window
    participants = [
        dataclasses.replace(person, hidden_from_leaderboard=person.username in {"Amina", "Chloé"})
        if isinstance(person, MetricParticipant)
        else person
        for person in given.participants
    ]
    sums = campaign_aggregates(campaign, wikis, tracked, participants, window, AS_OF)

    summed = metrics_from_aggregates(sums, _languages(wikis), participants, window, AS_OF)

    reference = compute_metrics(
        campaign_facts(campaign, wikis, tracked, AS_OF),
        participants,
        window,
        AS_OF,
        subjects_for(wikis),
    )
    assert_same(summed, reference)
    assert {"Amina", "Chloé"} & reference.contributors
    assert not {"Amina", "Chloé"} & {row.username for row in summed.leaderboard}


def test_two_spellings_of_one_name_are_read_row_by_row():
    campaign = _store(13, is_open=False)
    Participant.objects.create(campaign=campaign, wiki_username="Zed_one")
    Revision.objects.filter(wiki__in=campaign.wikis.all(), user="Esi").update(user="Zed_one")
    Participant.objects.filter(campaign=campaign, wiki_username="Esi").update(
        wiki_username="Zed one"
    )
    rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in rows]
    tracked = set(enrolled_usernames(campaign))

    assert (
        campaign_aggregates(campaign, wikis, tracked, [], campaign_window(campaign, rows), AS_OF)
        is None
    )


def test_a_worklist_campaign_is_read_row_by_row_with_the_same_figures():
    campaign = _store(14, is_open=True)
    campaign.campaign_wikis.update(worklist="Page 1\nPage_2\nPage 3")
    rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in rows]

    assert (
        campaign_aggregates(campaign, wikis, set(), [], campaign_window(campaign, rows), AS_OF)
        is None
    )
    assert_same(compute_campaign_metrics(campaign, as_of=AS_OF), _by_facts(campaign))
