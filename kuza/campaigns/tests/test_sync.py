"""Campaign collection against two real MediaWiki wikis, checked against their databases."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import pytest

from kuza.campaigns.metrics import CampaignMetrics
from kuza.campaigns.models import (
    Campaign,
    Participant,
    Revision,
    SyncState,
    UncollectableGap,
    WikiAccount,
)
from kuza.campaigns.selectors import compute_campaign_metrics
from kuza.campaigns.sync import campaign_sync
from kuza.campaigns.testing import FaultKind, FaultyProxy, WikiFarm
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import (
    PASSWORD,
    SleepRecorder,
    World,
    build_world,
    make_client,
    snapshot_revisions,
    stop_after,
    wiki_row,
)

pytestmark = pytest.mark.django_db

START = datetime(2019, 5, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(wiki_farm: WikiFarm) -> World:
    wikis = {name: wiki_farm[name] for name in ("enwikiquote", "frwikiquote")}
    for wiki in wikis.values():
        if not wiki.is_running:
            wiki.start()
    return build_world(wikis, uuid.uuid4().hex[:6], START)


def make_campaign(world: World, *, is_open: bool, proxy: FaultyProxy | None = None) -> Campaign:
    en = world.wikis["enwikiquote"]
    wikis = [
        wiki_row(en, api_url=proxy.api_url if proxy else None),
        wiki_row(world.wikis["frwikiquote"]),
    ]
    campaign = CampaignFactory(
        slug=f"shesaid-{world.token}",
        hashtag="#SheSaid",
        start=world.start,
        end=world.end,
        is_open=is_open,
        on_wikis=wikis,
    )
    for name in world.participants:
        Participant.objects.create(campaign=campaign, wiki_username=name)
    return campaign


# What the truth of this world says (biographies: test_wikidata.py, with Wikidata items).
COMPARED = (
    "edits",
    "articles_created",
    "articles_improved",
    "bytes_added",
    "files_uploaded",
    "active_participants",
)


def as_dict(metrics: CampaignMetrics) -> dict:
    return {
        "totals": {key: value for key, value in asdict(metrics.totals).items() if key in COMPARED},
        "per_wiki": {
            row.wiki: {k: v for k, v in asdict(row.tally).items() if k in COMPARED}
            for row in metrics.per_wiki
        },
        "leaderboard": {row.username: row.edits for row in metrics.leaderboard if row.edits},
        "new_editors": metrics.new_editors,
        "retained": metrics.retention.retained if metrics.retention else None,
        "cohort": metrics.retention.cohort if metrics.retention else None,
    }


def forget_collection(campaign: Campaign) -> None:
    """Back to a campaign never collected (revisions are shared, so they go too)."""
    Revision.objects.all().delete()
    WikiAccount.objects.all().delete()
    SyncState.objects.all().delete()
    UncollectableGap.objects.all().delete()
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=None)


# -- every metric against the truth ---------------------------------------------------------


@pytest.mark.parametrize("is_open", [False, True], ids=["participants", "open"])
def test_every_metric_matches_the_truth_from_the_wikis(world: World, is_open: bool) -> None:
    campaign = make_campaign(world, is_open=is_open)

    report = campaign_sync(campaign, client=make_client(), now=world.as_of)

    assert not report.errors
    metrics = compute_campaign_metrics(campaign, as_of=world.as_of)
    truth = world.truth(open_campaign=is_open)
    assert as_dict(metrics) == truth
    # The truth itself, checked by hand against the story in sync_world.build_world.
    edits, created, improved, uploads, active, retained = (
        (9, 4, 1, 2, 5, 2) if is_open else (6, 2, 1, 1, 3, 1)
    )
    assert [truth["totals"][key] for key in ("edits", "articles_created")] == [edits, created]
    assert truth["totals"]["articles_improved"] == improved
    assert truth["totals"]["files_uploaded"] == uploads
    assert truth["totals"]["active_participants"] == active
    assert (truth["new_editors"], truth["retained"]) == (1, retained)


def test_stored_revisions_are_exactly_what_the_wikis_hold(world: World) -> None:
    campaign = make_campaign(world, is_open=False)

    campaign_sync(campaign, client=make_client(), now=world.as_of)

    for db_name, wiki in world.wikis.items():
        truth = {
            (
                r.revid,
                r.parentid,
                r.page_id,
                r.namespace,
                r.title,
                r.user,
                r.timestamp,
                r.comment,
                r.size,
                r.sizediff,
                r.page_is_redirect,
            )
            for r in wiki.truth_revisions()
            if r.user in world.participants and world.start <= r.timestamp <= world.as_of
        }
        stored = set(
            Revision.objects.filter(wiki__db_name=db_name).values_list(
                "revid",
                "parentid",
                "page_id",
                "namespace",
                "title",
                "user",
                "timestamp",
                "comment",
                "size",
                "sizediff",
                "is_redirect",
            )
        )
        assert stored == truth
    creations = Revision.objects.filter(is_page_creation=True)
    assert all(row.parentid == 0 for row in creations)
    assert Revision.objects.filter(is_upload=True, namespace=6).count() == 1


def test_open_campaigns_count_tagged_contributors_but_not_near_misses(world: World) -> None:
    campaign = make_campaign(world, is_open=True)

    campaign_sync(campaign, client=make_client(), now=world.as_of)
    metrics = compute_campaign_metrics(campaign, as_of=world.as_of)

    names = {row.username for row in metrics.leaderboard}
    outsider, passer, shy = world.outsiders
    assert {outsider, shy} <= names
    assert passer not in names  # "#SheSaid2025" and "x#SheSaid" are not the tag
    assert world.bot not in names
    by_wiki = {row.wiki: row.tally.files_uploaded for row in metrics.per_wiki}
    assert by_wiki == {"enwikiquote": 2, "frwikiquote": 0}  # Amina's and the tagged one
    bot_rows = Revision.objects.filter(user=world.bot)
    assert bot_rows.exists() and all(row.is_bot for row in bot_rows)
    # Counting bots when the organisers want them.
    Campaign.objects.filter(pk=campaign.pk).update(exclude_bots=False)
    campaign.refresh_from_db()
    with_bots = compute_campaign_metrics(campaign, as_of=world.as_of)
    assert world.bot in {row.username for row in with_bots.leaderboard}
    assert as_dict(with_bots) == world.truth(open_campaign=True, exclude_bots=False)


# -- resuming, incremental syncs, faults ----------------------------------------------------


@pytest.mark.parametrize(
    "is_open,kind", [(False, "contributions"), (True, "recent_changes")], ids=["contribs", "poll"]
)
def test_a_wiki_stopping_mid_sync_then_resuming_gives_the_uninterrupted_result(
    world: World, is_open: bool, kind: str
) -> None:
    campaign = make_campaign(world, is_open=is_open)
    en = world.wikis["enwikiquote"]
    small = {"batch_size": 2, "limit": 2}
    whole = campaign_sync(campaign, client=make_client(), now=world.as_of, **small)
    wiki_ids = list(campaign.wikis.values_list("pk", flat=True))
    expected_rows = snapshot_revisions(wiki_ids)
    expected_metrics = compute_campaign_metrics(campaign, as_of=world.as_of)
    forget_collection(campaign)

    try:
        broken = campaign_sync(
            campaign,
            client=make_client(max_attempts=2),
            now=world.as_of,
            on_page=stop_after(2, en, kind),
            **small,
        )
    finally:
        en.start()
    assert broken.errors and "enwikiquote" in broken.errors[0]
    state = SyncState.objects.get(campaign=campaign, wiki__db_name="enwikiquote", kind=kind)
    assert state.run is not None and state.run["cursor"], "the position was kept"
    assert state.last_error
    campaign.refresh_from_db()
    assert campaign.last_synced_at is None  # an incomplete collection shows no numbers

    resumed = campaign_sync(campaign, client=make_client(), now=world.as_of, **small)

    assert not resumed.errors
    assert snapshot_revisions(wiki_ids) == expected_rows
    assert compute_campaign_metrics(campaign, as_of=world.as_of) == expected_metrics
    # Nothing stored twice, nothing lost: the two halves add up to the whole.
    assert broken.revisions_stored + resumed.revisions_stored == whole.revisions_stored
    assert broken.revisions_stored > 0
    assert SyncState.objects.get(pk=state.pk).run is None


def test_an_incremental_sync_fetches_only_what_is_new(world: World) -> None:
    campaign = make_campaign(world, is_open=True)
    first = campaign_sync(campaign, client=make_client(), now=world.end + timedelta(days=1))
    assert first.revisions_stored > 0

    en = world.wikis["enwikiquote"]
    # After the end, so the edit changes no other test's numbers; it is still collected,
    # as it could feed retention.
    with en.login(world.participants[1], PASSWORD) as bea:
        bea.edit(f"Follow-up {world.token}", "* New.", "more", at=world.end + timedelta(days=2))
    client = make_client()
    second = campaign_sync(campaign, client=client, now=world.end + timedelta(days=3))

    assert second.revisions_stored == 1
    # Per wiki: one contributions page (+ its redirect check where there is a new edit) and
    # the deletion and move logs since the last pass. No recent changes (the campaign has
    # ended and was polled to its end), no registrations.
    assert {w.wiki: w.requests for w in second.wikis} == {"enwikiquote": 4, "frwikiquote": 3}
    assert client.request_count == 7


def test_a_participant_added_later_is_collected_from_the_start(world: World) -> None:
    campaign = make_campaign(world, is_open=False)
    Participant.objects.filter(campaign=campaign, wiki_username=world.participants[2]).delete()
    campaign_sync(campaign, client=make_client(), now=world.as_of)
    assert not Revision.objects.filter(user=world.participants[2]).exists()

    Participant.objects.create(campaign=campaign, wiki_username=world.participants[2])
    campaign_sync(campaign, client=make_client(), now=world.as_of + timedelta(hours=1))

    metrics = compute_campaign_metrics(campaign, as_of=world.as_of)
    assert as_dict(metrics) == world.truth(open_campaign=False)


def test_maxlag_and_503_answers_are_retried_without_losing_anything(
    world: World, faulty_proxy: FaultyProxy
) -> None:
    reference = make_campaign(world, is_open=True)
    campaign_sync(reference, client=make_client(), now=world.as_of)
    expected = compute_campaign_metrics(reference, as_of=world.as_of)
    forget_collection(reference)
    reference.delete()

    campaign = make_campaign(world, is_open=True, proxy=faulty_proxy)
    faulty_proxy.fail_next(2, FaultKind.HTTP_503, retry_after=1)
    faulty_proxy.fail_next(1, FaultKind.MAXLAG, retry_after=2, lag=7)
    sleep = SleepRecorder()
    client = make_client(sleep)

    report = campaign_sync(campaign, client=client, now=world.as_of)

    assert not report.errors
    assert faulty_proxy.fault_count == 3
    assert faulty_proxy.request_count == client.transport.requests_per_wiki[faulty_proxy.api_url]
    assert sleep.calls == [1.0, 1.0, 2.0]  # as long as the wiki asked each time
    assert client.transport.retry_count == 3
    assert compute_campaign_metrics(campaign, as_of=world.as_of) == expected
    assert all(
        request.user_agent == client.transport.user_agent for request in faulty_proxy.received
    )


# -- what recent changes cannot reach -------------------------------------------------------


def test_a_campaign_collected_late_says_which_period_it_could_not_collect(world: World) -> None:
    campaign = make_campaign(world, is_open=True)
    en = wiki_row(world.wikis["enwikiquote"], days=30)
    fr = wiki_row(world.wikis["frwikiquote"], days=30)
    now = world.end + timedelta(days=10)  # the wikis forgot what happened before end - 20 days

    report = campaign_sync(campaign, client=make_client(), now=now)

    reach = now - timedelta(days=30)
    gaps = {(gap.wiki_id, gap.start, gap.end) for gap in UncollectableGap.objects.all()}
    assert gaps == {(en.pk, world.start, reach), (fr.pk, world.start, reach)}
    assert {wiki.wiki: wiki.gaps for wiki in report.wikis}["enwikiquote"] == [(world.start, reach)]
    # What the wiki still had is collected: the outsiders' tagged edits after `reach`.
    found_in_rc = Revision.objects.filter(in_recent_changes=True)
    assert found_in_rc.exists()
    assert all(row.timestamp >= reach for row in found_in_rc)


def test_a_poll_resumed_after_the_reach_notes_the_missed_stretch(world: World) -> None:
    campaign = make_campaign(world, is_open=True)
    wiki_row(world.wikis["enwikiquote"], days=30)
    wiki_row(world.wikis["frwikiquote"], days=30)
    first_poll = world.start + timedelta(days=5)
    campaign_sync(campaign, client=make_client(), now=first_poll)
    assert not UncollectableGap.objects.exists()

    later = first_poll + timedelta(days=40)  # the worker was down for 40 days
    campaign_sync(campaign, client=make_client(), now=later)

    gap = UncollectableGap.objects.get(wiki__db_name="enwikiquote")
    assert (gap.start, gap.end) == (first_poll, later - timedelta(days=30))
