"""Organisers see how the last collection went on each wiki, against the real test wikis:
waiting, done with its count, or failed with the reason in plain words and the next try."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns import collection_status
from kuza.campaigns.collection import campaign_collect
from kuza.campaigns.models import CollectionStatus
from kuza.campaigns.testing import FaultKind, FaultyProxy, LocalWiki
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import make_client, wiki_row

pytestmark = pytest.mark.django_db

State = CollectionStatus.State


def open_campaign(organiser, wikis, **options):
    now = timezone.now()
    return CampaignFactory(
        organisers=[organiser],
        on_wikis=wikis,
        is_open=True,
        start=options.pop("start", now - timedelta(days=3)),
        end=options.pop("end", now + timedelta(days=3)),
        **options,
    )


def test_a_wiki_that_gives_up_is_explained_and_the_other_is_collected(
    client, enwiki: LocalWiki, frwiki: LocalWiki, faulty_proxy: FaultyProxy
):
    organiser = UserFactory()
    campaign = open_campaign(
        organiser, [wiki_row(enwiki, api_url=faulty_proxy.api_url), wiki_row(frwiki)]
    )
    faulty_proxy.fail_next(2, FaultKind.DISCONNECT)  # as many as the client tries

    campaign_collect(campaign, client=make_client(max_attempts=2))

    statuses = {status.wiki.db_name: status for status in campaign.collection_statuses.all()}
    failed, done = statuses["enwikiquote"], statuses["frwikiquote"]
    assert (failed.state, failed.problem, failed.attempts) == (State.FAILED, "unreachable", 2)
    assert done.state == State.DONE and done.succeeded_at is not None
    client.force_login(organiser)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "The wiki did not answer after 2 tries" in page
    assert "Next try:" in page
    assert "collected on" in page

    # The wiki is back: the next collection clears the failure.
    campaign_collect(campaign, client=make_client(max_attempts=2))
    failed.refresh_from_db()
    assert failed.state == State.DONE and failed.problem == "" and failed.detail == ""


def test_collect_now_says_it_is_queued_and_the_page_shows_each_wiki_waiting(client, enwiki):
    organiser = UserFactory()
    campaign = open_campaign(organiser, [wiki_row(enwiki)])
    client.force_login(organiser)

    response = client.post(f"/campaigns/{campaign.slug}/collect/", follow=True)
    page = response.content.decode()

    assert "Collection queued" in page
    assert "waiting for the worker since" in page
    assert campaign.collection_statuses.get().state == State.QUEUED


def test_an_ended_campaign_has_no_automatic_next_try(enwiki):
    campaign = open_campaign(
        UserFactory(),
        [wiki_row(enwiki)],
        start=datetime(2020, 1, 1, tzinfo=UTC),
        end=datetime(2020, 2, 1, tzinfo=UTC),
    )
    CollectionStatus.objects.create(
        campaign=campaign,
        wiki=campaign.wikis.get(),
        state=State.FAILED,
        finished_at=timezone.now(),
        problem=CollectionStatus.Problem.REFUSED,
    )

    [row] = collection_status.wiki_statuses(campaign, interval=timedelta(hours=1), active=False)

    assert row.next_try is None
    assert "refused" in row.reason


def test_only_organisers_see_the_collection_block(client, enwiki):
    campaign = open_campaign(UserFactory(), [wiki_row(enwiki)])
    collection_status.collection_requested(campaign)
    client.force_login(UserFactory())

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "waiting for the worker" not in page
