"""Moves and hidden revisions on a real MediaWiki: the next collection learns them from the
wiki's logs, and the figures stay equal to the wiki's own database (World.truth).

- A page moved to another title keeps counting, under its new title; a page moved out of
  the article namespace (into a user's space) stops counting as an article.
- A revision whose text an administrator hid counts in no figure from the next collection.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kuza.campaigns.collection import campaign_collect
from kuza.campaigns.models import Campaign, Participant, Revision
from kuza.campaigns.selectors import compute_campaign_metrics, removed_revision_count
from kuza.campaigns.testing import LocalWiki, WikiFarm
from kuza.campaigns.testing.wikifarm import ADMIN_PASSWORD, ADMIN_USER
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import PASSWORD, World, make_client, wiki_row
from kuza.campaigns.tests.test_sync import as_dict

pytestmark = pytest.mark.django_db

START = datetime(2014, 3, 1, tzinfo=UTC)
END = START + timedelta(days=30)


@pytest.fixture
def en(wiki_farm: WikiFarm) -> LocalWiki:
    wiki = wiki_farm["enwikiquote"]
    if not wiki.is_running:
        wiki.start()
    return wiki


def _world(en: LocalWiki, token: str, participant: str) -> World:
    return World(token, START, END, {"enwikiquote": en}, [participant], [], f"No bot {token}")


def _campaign(world: World) -> Campaign:
    campaign = CampaignFactory(
        slug=f"removals-{world.token}",
        hashtag="",
        start=world.start,
        end=world.end,
        is_open=False,
        on_wikis=[wiki_row(world.wikis["enwikiquote"])],
    )
    for name in world.participants:
        Participant.objects.create(campaign=campaign, wiki_username=name)
    return campaign


def _collect(campaign: Campaign) -> dict:
    collected = campaign_collect(campaign, client=make_client())
    assert collected is not None and not collected.report.errors, collected
    campaign.refresh_from_db()
    return as_dict(compute_campaign_metrics(campaign, as_of=campaign.last_synced_at))


def test_moved_pages_are_followed_and_one_moved_out_of_articles_stops_counting(en):
    token = uuid.uuid4().hex[:6]
    bea = f"Bea {token}"
    world = _world(en, token, bea)
    kept, renamed, moved_out = (f"{name} {token}" for name in ("Kept", "Renamed", "Moved out"))
    with en.create_user(bea, PASSWORD) as by_bea:
        for day, title in enumerate((kept, renamed, moved_out), start=2):
            by_bea.create_page(title, "* A quote.", "new page", at=START.replace(day=day))
            by_bea.edit(title, "* A quote.\n* Another.", "more", at=START.replace(day=day + 5))
    campaign = _campaign(world)

    before = _collect(campaign)
    assert before == world.truth(open_campaign=False)
    assert before["totals"]["articles_created"] == 3

    new_title = f"Renamed again {token}"
    with en.login(ADMIN_USER, ADMIN_PASSWORD) as admin:
        admin.move(renamed, new_title, "a better title")
        admin.move(moved_out, f"User:{bea}/{moved_out}", "not an article yet")
    after = _collect(campaign)

    assert after == world.truth(open_campaign=False)
    assert after["totals"]["articles_created"] == 2
    assert after["totals"]["edits"] == before["totals"]["edits"] - 2
    titles = set(Revision.objects.filter(user=bea).values_list("title", flat=True))
    assert titles == {kept, new_title, f"User:{bea}/{moved_out}"}
    assert removed_revision_count(campaign) == 0  # moved, not removed


def test_a_hidden_revision_stops_counting_at_the_next_collection(en):
    token = uuid.uuid4().hex[:6]
    bea = f"Bea {token}"
    world = _world(en, token, bea)
    title = f"Hidden edit {token}"
    with en.create_user(bea, PASSWORD) as by_bea:
        by_bea.create_page(title, "* A quote.", "new page", at=START.replace(day=3))
        second = by_bea.edit(
            title, "* A quote.\n* A long second quote.", "more", at=START.replace(day=4)
        )
        by_bea.edit(
            title, "* A quote.\n* A long second quote.\n* Third.", "more", at=START.replace(day=5)
        )
    campaign = _campaign(world)

    before = _collect(campaign)
    assert before == world.truth(open_campaign=False)
    assert before["totals"]["edits"] == 3

    with en.login(ADMIN_USER, ADMIN_PASSWORD) as admin:
        admin.hide_revisions(title, [second.revid], "personal information")
    after = _collect(campaign)

    assert after == world.truth(open_campaign=False)
    assert after["totals"]["edits"] == 2
    assert after["totals"]["bytes_added"] < before["totals"]["bytes_added"]
    assert after["totals"]["articles_created"] == 1  # the page itself still counts
    assert Revision.objects.get(revid=second.revid, wiki__db_name="enwikiquote").removed
    assert removed_revision_count(campaign) == 1
