"""`kill -9` a real collection process at several points, rerun it, and get the wikis' truth.

A collection that is killed runs as its own process (collect_child.py) against the real wiki
farm and a database it shares with this test: the PostgreSQL test database itself, or on
SQLite a copy of the in-memory test database in a file, read back once the child is dead.
A child stops right after committing the page named by the kill point and is killed there
from outside with SIGKILL; sometimes an administrator deletes a page the campaign counted
before the rerun. The rerun is an ordinary collection in this process, on what the killed
one left, with full-size API pages. The expected figures come from the wikis' own databases
(World.truth), never from Kuza.

Cost: starting a child (Python and Django) takes seconds, tens of them on a loaded machine,
so only the processes that must die or must hold a live lock are children: one per kill
point, two for the live-lock test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kuza.campaigns.management.commands.campaign_sync import EXIT_ALREADY_RUNNING
from kuza.campaigns.models import Campaign, Participant, Revision
from kuza.campaigns.selectors import compute_campaign_metrics, removed_revision_count
from kuza.campaigns.testing import WikiFarm
from kuza.campaigns.testing.wikifarm import ADMIN_PASSWORD, ADMIN_USER
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.killing import (
    WORKTREE,
    SharedDatabase,
    child_environment,
    collect_here,
    kill_at,
    start_child,
)
from kuza.campaigns.tests.sync_world import PASSWORD, World, build_world, wiki_row
from kuza.campaigns.tests.test_sync import as_dict

pytestmark = pytest.mark.django_db(transaction=True)  # the children read committed rows

START = datetime(2012, 5, 1, tzinfo=UTC)
CHILD_SECONDS = 300


@pytest.fixture(scope="module")
def world(wiki_farm: WikiFarm) -> World:
    """The #SheSaid story of sync_world, plus three pages a stranger began during the campaign
    and a participant then improved: the pages the tests delete."""
    wikis = {name: wiki_farm[name] for name in ("enwikiquote", "frwikiquote")}
    for wiki in wikis.values():
        if not wiki.is_running:
            wiki.start()
    world = build_world(wikis, uuid.uuid4().hex[:6], START)
    en = wikis["enwikiquote"]
    stranger = f"Stranger {world.token}"
    bea = next(name for name in world.participants if name.startswith("Bea"))
    world.deletable = {}  # type: ignore[attr-defined]
    with en.create_user(stranger, PASSWORD) as by_stranger, en.login(bea, PASSWORD) as by_bea:
        for day, key in enumerate(("first", "second", "third"), start=20):
            title = f"Begun by a stranger {key} {world.token}"
            by_stranger.create_page(title, "* One.", "new", at=START.replace(day=day))
            by_bea.edit(title, "* One.\n* Two.", "#SheSaid more", at=START.replace(day=day + 1))
            world.deletable[key] = title  # type: ignore[attr-defined]
    return world


def _campaign(world: World) -> Campaign:
    campaign = CampaignFactory(
        slug=f"killed-{uuid.uuid4().hex[:8]}",
        hashtag="#SheSaid",
        start=world.start,
        end=world.end,
        is_open=True,
        on_wikis=[wiki_row(wiki) for wiki in world.wikis.values()],
    )
    for name in world.participants:
        Participant.objects.create(campaign=campaign, wiki_username=name)
    return campaign


def _delete(world: World, key: str) -> None:
    with world.wikis["enwikiquote"].login(ADMIN_USER, ADMIN_PASSWORD) as admin:
        admin.delete(world.deletable[key], "copyright violation")  # type: ignore[attr-defined]


def _figures(campaign: Campaign) -> dict:
    campaign.refresh_from_db()
    assert campaign.last_synced_at is not None
    return as_dict(compute_campaign_metrics(campaign, as_of=campaign.last_synced_at))


# Every step is a kill point: recent changes and the deletion logs mid-way, and contributions
# mid-way followed by a deletion: a page deleted after its revisions were stored and before
# the logs are read (once, origins asked about it there and the campaign became
# uncollectable for good). Killing at a second page of a step proves nothing the first does
# not (each page is committed with its cursor alike), and page origins are no longer asked.
KILL_POINTS = [
    pytest.param("recent_changes", 2, None, id="recent-changes"),
    pytest.param("removals", 1, None, id="removals"),
    pytest.param("contributions", 3, "first", id="contributions-then-deleted"),
]


@pytest.mark.parametrize("kind,page,delete", KILL_POINTS)
def test_a_killed_collection_rerun_gives_the_truth(
    world: World, tmp_path: Path, kind: str, page: int, delete: str | None
) -> None:
    campaign = _campaign(world)
    database = SharedDatabase(tmp_path)
    database.hand_over()

    kill_at(database, campaign.slug, kind, page)
    database.take_back(campaign)
    if delete:
        _delete(world, delete)
    collect_here(campaign)

    assert _figures(campaign) == world.truth(open_campaign=True)
    if delete:
        assert removed_revision_count(campaign) >= 1
        assert not Revision.objects.filter(
            title=world.deletable[delete],  # type: ignore[attr-defined]
            removed=False,
        ).exists()


def test_a_page_deleted_after_a_collection_stops_counting_at_the_next(world: World) -> None:
    # No process is killed here, so both collections run in this process.
    campaign = _campaign(world)
    collect_here(campaign)
    before = _figures(campaign)
    assert before == world.truth(open_campaign=True)

    _delete(world, "third")
    collect_here(campaign)

    after = _figures(campaign)
    assert after == world.truth(open_campaign=True)
    assert after["totals"]["articles_improved"] == before["totals"]["articles_improved"] - 1
    assert removed_revision_count(campaign) == 1  # Bea's edit; the stranger is not tracked


def test_a_rerun_meeting_a_live_collection_says_so_and_exits_75(
    world: World, tmp_path: Path
) -> None:
    campaign = _campaign(world)
    database = SharedDatabase(tmp_path)
    database.hand_over()
    live = start_child(database, campaign.slug, "contributions", "1")
    try:
        assert live.stdout is not None and live.stdout.readline().strip() == "PAUSED"
        rerun = subprocess.run(
            [sys.executable, "-m", "kuza.cli", "campaign-sync", campaign.slug],
            cwd=WORKTREE,
            env=child_environment(database),
            capture_output=True,
            text=True,
            timeout=CHILD_SECONDS,
        )
    finally:
        os.kill(live.pid, signal.SIGKILL)
        live.wait(timeout=30)
    assert rerun.returncode == EXIT_ALREADY_RUNNING, rerun.stderr
    assert "another collection of it is running right now" in rerun.stderr
    # The killed holder never blocks the next collection, at once.
    database.take_back(campaign)
    collect_here(campaign)
    assert _figures(campaign) == world.truth(open_campaign=True)
