"""Active campaigns are collected on a schedule, by `kuza worker`, and only active ones."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kuza import config
from kuza.campaigns.locking import collection_lock
from kuza.campaigns.models import Campaign, Participant, Revision
from kuza.campaigns.tasks import (
    SYNC_OPTION,
    campaign_sync_task,
    sync_active_campaigns,
    sync_interval,
)
from kuza.campaigns.testing import WikiFarm
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import PASSWORD, wiki_row
from kuza.core import schedule

pytestmark = pytest.mark.django_db


def test_the_job_is_registered_with_the_configured_interval() -> None:
    job = {job.name: job for job in schedule.jobs()}["campaigns.sync-active"]
    assert job.task is sync_active_campaigns
    assert job.every == sync_interval() > timedelta(0)


def test_the_interval_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(SYNC_OPTION, "15")
    assert sync_interval() == timedelta(minutes=15)
    monkeypatch.setenv(SYNC_OPTION, "0")
    with pytest.raises(config.ConfigError):
        sync_interval()


@pytest.fixture
def three_campaigns(wiki_farm: WikiFarm) -> dict[str, Campaign]:
    """A running campaign, one long over and one not started, each with an editor who
    edited during it (as far as that is possible for the one not started)."""
    local = wiki_farm["enwikiquote"]
    if not local.is_running:
        local.start()
    wiki = wiki_row(local)
    now = timezone.now()
    token = uuid.uuid4().hex[:6]
    spans = {
        "running": (now - timedelta(days=5), now + timedelta(days=5)),
        "over": (now - timedelta(days=200), now - timedelta(days=100)),
        "future": (now + timedelta(days=10), now + timedelta(days=20)),
    }
    campaigns = {}
    for key, (start, end) in spans.items():
        name = f"Editor {key} {token}"
        campaign = CampaignFactory(slug=f"{key}-{token}", start=start, end=end, on_wikis=[wiki])
        Participant.objects.create(campaign=campaign, wiki_username=name)
        edited = min(start + timedelta(days=1), now - timedelta(hours=1))
        with local.create_user(name, PASSWORD, at=edited - timedelta(days=1)) as me:
            me.create_page(f"Page {key} {token}", "* Quote.", "new", at=edited)
        campaigns[key] = campaign
    return campaigns


# The worker closes database connections between tasks, as a long-running process should;
# inside the usual per-test transaction that would end the test's own connection.
@pytest.mark.django_db(transaction=True)
def test_the_worker_collects_active_campaigns_only(three_campaigns) -> None:
    DBTaskResult.objects.all().delete()
    assert "campaigns.sync-active" in schedule.enqueue_due(timezone.now())

    # `kuza worker` runs the due job, which queues one collection per active campaign,
    # and then those collections, against the real wiki.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    for campaign in three_campaigns.values():
        campaign.refresh_from_db()
    running = three_campaigns["running"]
    assert running.last_synced_at is not None
    (name,) = running.participants.values_list("wiki_username", flat=True)
    assert Revision.objects.filter(user=name).count() == 1
    for key in ("over", "future"):
        assert three_campaigns[key].last_synced_at is None
        (name,) = three_campaigns[key].participants.values_list("wiki_username", flat=True)
        assert not Revision.objects.filter(user=name).exists()
    queued = DBTaskResult.objects.filter(task_path__endswith="campaign_sync_task")
    assert [row.args_kwargs["args"] for row in queued] == [[running.pk]]


def test_the_job_queues_one_collection_per_active_campaign(three_campaigns) -> None:
    DBTaskResult.objects.all().delete()

    queued = sync_active_campaigns.call()

    assert queued == [three_campaigns["running"].pk]
    rows = DBTaskResult.objects.filter(task_path__endswith="campaign_sync_task")
    assert [row.args_kwargs["args"] for row in rows] == [[three_campaigns["running"].pk]]


def test_a_collection_already_running_is_not_started_twice(three_campaigns) -> None:
    running = three_campaigns["running"]
    with collection_lock(running.pk):
        summary = campaign_sync_task.call(running.pk)

    assert "skipped" in summary
    running.refresh_from_db()
    assert running.last_synced_at is None
    assert campaign_sync_task.call(running.pk)["errors"] == []
