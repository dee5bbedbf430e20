"""Improved or new? Pages begun by non-participants, checked against a real MediaWiki.

The collection no longer asks when pages began (no figure needs it, see origins.py), so the
origin tests run `page_origins_collect` themselves after a collection.

A participant edits pages other people began before and during the campaign, some after
several edits by yet others (so the batched walk back through parents needs several rounds,
or gives up and asks the page itself). The truth comes from the wiki's own database.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kuza.campaigns.models import Campaign, PageOrigin, Participant
from kuza.campaigns.origins import MAX_WALK_ROUNDS, page_origins_collect
from kuza.campaigns.selectors import compute_campaign_metrics, tracked_usernames
from kuza.campaigns.sync import campaign_sync
from kuza.campaigns.testing import LocalWiki, WikiFarm
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import PASSWORD, World, make_client, wiki_row

pytestmark = pytest.mark.django_db

START = datetime(2020, 9, 1, tzinfo=UTC)
END = START + timedelta(days=30)
LONG = MAX_WALK_ROUNDS + 2  # in-window edits by others: more than the walk's rounds


def _at(day: int, hour: int = 12) -> datetime:
    return START + timedelta(days=day, hours=hour)


@pytest.fixture(scope="module")
def story(wiki_farm: WikiFarm) -> tuple[World, dict[str, str]]:
    wiki: LocalWiki = wiki_farm["enwikiquote"]
    if not wiki.is_running:
        wiki.start()
    token = uuid.uuid4().hex[:6]
    maker, passer = f"Maker {token}", f"Passer {token}"
    me = f"Participant {token}"
    pages = {key: f"{key} {token}" for key in "ABCDEFGH"}
    old = START - timedelta(days=10)
    with (
        wiki.create_user(maker, PASSWORD, at=old - timedelta(days=5)) as by_maker,
        wiki.create_user(passer, PASSWORD, at=old - timedelta(days=5)) as by_passer,
        wiki.create_user(me, PASSWORD, at=old - timedelta(days=5)) as by_me,
    ):
        # A: begun during the campaign by someone else, then edited by the participant.
        by_maker.create_page(pages["A"], "* One.", "new", at=_at(1))
        # B: begun before the campaign by someone else.
        by_maker.create_page(pages["B"], "* One.", "new", at=old)
        # C: begun during it, then two edits by a third person before the participant's.
        by_maker.create_page(pages["C"], "* One.", "new", at=_at(2))
        by_passer.edit(pages["C"], "* One.\n* Two.", "more", at=_at(3))
        by_passer.edit(pages["C"], "* One.\n* Two.\n* Three.", "more", at=_at(4))
        # D: begun before it, edited by a third person during it.
        by_maker.create_page(pages["D"], "* One.", "new", at=old)
        by_passer.edit(pages["D"], "* One.\n* Two.", "more", at=_at(3))
        # E: begun by the participant: created, never improved.
        by_me.create_page(pages["E"], "* Mine.", "new", at=_at(5))
        # F and G: more edits by others during the campaign than the walk follows.
        by_maker.create_page(pages["F"], "* One.", "new", at=_at(2))
        by_maker.create_page(pages["G"], "* One.", "new", at=old)
        for n in range(LONG):
            for key in "FG":
                by_passer.edit(pages[key], f"* One.\n* {n}.", f"step {n}", at=_at(3, n))
        # H: begun before it and edited before it by a third person.
        by_maker.create_page(pages["H"], "* One.", "new", at=old - timedelta(days=1))
        by_passer.edit(pages["H"], "* One.\n* Two.", "more", at=old)
        for day, key in enumerate("ABCDEFGH", start=10):
            by_me.edit(pages[key], f"* Improved {key}.\n* One.", "improve", at=_at(day))
    world = World(token, START, END, {"enwikiquote": wiki}, [me], [maker, passer], bot="")
    return world, pages


def _campaign(world: World) -> Campaign:
    campaign = CampaignFactory(
        slug=f"origins-{world.token}",
        start=world.start,
        end=world.end,
        on_wikis=[wiki_row(world.wikis["enwikiquote"])],
    )
    Participant.objects.create(campaign=campaign, wiki_username=world.participants[0])
    return campaign


def test_pages_begun_by_others_during_the_campaign_are_improved_by_participants(story) -> None:
    world, pages = story
    campaign = _campaign(world)

    report = campaign_sync(campaign, client=make_client(), now=world.as_of)

    assert not report.errors
    assert not PageOrigin.objects.exists()  # the figures need no page origins: none asked
    metrics = compute_campaign_metrics(campaign, as_of=world.as_of)
    truth = world.truth(open_campaign=False)
    assert metrics.totals.articles_improved == truth["totals"]["articles_improved"]
    assert metrics.totals.articles_created == truth["totals"]["articles_created"]
    # By hand: B, D, G and H existed before the campaign; A, C and F were begun during it
    # by others, who are not contributors: the participant improved all seven. E is hers.
    assert (truth["totals"]["articles_improved"], truth["totals"]["articles_created"]) == (7, 1)
    (row,) = metrics.leaderboard
    assert (row.edits, row.articles_created, row.articles_improved) == (9, 1, 7)


def _sync_and_find_origins(campaign: Campaign, client, now: datetime) -> tuple[int, int]:
    """A collection, then the page origins of what it stored: (pages resolved, requests the
    origins took, which the collection no longer spends)."""
    campaign_sync(campaign, client=client, now=now)
    before = client.request_count
    resolved = sum(
        page_origins_collect(
            campaign=campaign,
            wiki=wiki,
            users=tracked_usernames(campaign, wiki),
            client=client,
            now=now,
        )
        for wiki in campaign.wikis.all()
    )
    return resolved, client.request_count - before


def test_page_origins_match_the_wiki_and_are_stored_once(story) -> None:
    world, pages = story
    wiki = world.wikis["enwikiquote"]
    campaign = _campaign(world)
    client = make_client()

    resolved, requests = _sync_and_find_origins(campaign, client, world.as_of)

    assert resolved == 8
    assert requests >= 2  # the walk back and the pages asked one by one
    firsts = {
        r.page_id: r
        for r in wiki.truth_revisions()
        if r.parentid == 0 and r.title in pages.values()
    }
    origins = {o.page_id: o for o in PageOrigin.objects.filter(page_id__in=firsts)}
    by_title = {firsts[page].title: origin for page, origin in origins.items()}
    for key in "ACEF":  # begun during the campaign: the exact first revision is known
        truth = firsts[by_title[pages[key]].page_id]
        origin = by_title[pages[key]]
        assert (origin.first_revid, origin.created_at, origin.creator) == (
            truth.revid,
            truth.timestamp,
            truth.user,
        )
    for key in "BDG":  # begun before: the walk or the fallback reached the first revision
        origin = by_title[pages[key]]
        assert origin.created_at == firsts[origin.page_id].timestamp < campaign.start
    # H: the participant's edit follows one from before the campaign, which is enough.
    h = by_title[pages["H"]]
    edited = [r for r in wiki.truth_revisions() if r.page_id == h.page_id]
    assert h.created_at is None
    assert h.existed_at == sorted(r.timestamp for r in edited)[1] < campaign.start

    before = sorted(PageOrigin.objects.values_list("page_id", "first_revid", "existed_at"))
    resolved, requests = _sync_and_find_origins(campaign, client, world.as_of)
    assert (resolved, requests) == (0, 0)  # nothing left to ask
    assert sorted(PageOrigin.objects.values_list("page_id", "first_revid", "existed_at")) == (
        before
    )


def test_an_earlier_campaign_asks_again_about_pages_known_only_to_predate_a_later_one(
    story,
) -> None:
    world, pages = story
    later = _campaign(world)
    _sync_and_find_origins(later, make_client(), world.as_of)
    # A campaign starting before B was begun: "existed before the later start" is not enough.
    earlier = CampaignFactory(
        slug=f"earlier-{world.token}",
        start=START - timedelta(days=20),
        end=END,
        on_wikis=[wiki_row(world.wikis["enwikiquote"])],
    )
    Participant.objects.create(campaign=earlier, wiki_username=world.participants[0])

    _sync_and_find_origins(earlier, make_client(), world.as_of)

    metrics = compute_campaign_metrics(earlier, as_of=world.as_of)
    truth = World(
        world.token, earlier.start, earlier.end, world.wikis, world.participants, [], ""
    ).truth(open_campaign=False)
    # Now every page but E's was begun by others inside the window: the participant improved
    # all seven, whoever began them. H was only known to predate the later start, so this
    # sync asked about it again.
    assert metrics.totals.articles_improved == truth["totals"]["articles_improved"] == 7
    h = PageOrigin.objects.get(
        page_id=max(
            r.page_id for r in world.wikis["enwikiquote"].truth_revisions() if r.title == pages["H"]
        )
    )
    assert h.created_at == START - timedelta(days=11)
