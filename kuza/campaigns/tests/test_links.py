"""A campaign's page shows what it is linked to: its programmes, its events and its badges,
each only to the people who may see it where it lives."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.credentials.models import AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory, BadgeClassFactory
from kuza.events.tests.factories import EventFactory
from kuza.programs.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _page(client, campaign) -> str:
    response = client.get(reverse("campaigns:detail", args=[campaign.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_campaign_page_links_its_programme_for_members_who_may_see_it(client):
    campaign = CampaignFactory()
    listed = ProgrammeFactory(name="Leaders listed", listed=True)
    unlisted = ProgrammeFactory(name="Leaders private", listed=False)
    for programme in (listed, unlisted):
        programme.campaigns.add(campaign)
    other = CampaignFactory()

    assert "Leaders listed" not in _page(client, campaign)  # programmes are for members
    client.force_login(UserFactory())
    page = _page(client, campaign)

    assert f'href="{listed.get_absolute_url()}"' in page and "Leaders listed" in page
    assert "Leaders private" not in page
    assert "Leaders listed" not in _page(client, other)


def test_the_campaign_page_lists_its_visible_events(client):
    campaign = CampaignFactory()
    soon = timezone.now() + timedelta(days=3)
    shown = EventFactory(title="Wikiquote edit-a-thon", campaign=campaign, starts_at=soon)
    EventFactory(title="Draft edit-a-thon", campaign=campaign, published=False)
    EventFactory(title="Unrelated evening")

    page = _page(client, campaign)

    assert f'href="{shown.get_absolute_url()}"' in page and "Wikiquote edit-a-thon" in page
    assert "Draft edit-a-thon" not in page  # unpublished: its organisers only
    assert "Unrelated evening" not in page


def test_the_campaign_page_says_which_badge_it_awards_and_from_how_many_edits(client):
    campaign = CampaignFactory()
    badge = BadgeClassFactory(name="SheSaid contributor")
    AwardRuleFactory(
        badge_class=badge,
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        target_key=campaign.slug,
        threshold=10,
    )
    AwardRuleFactory(
        badge_class=BadgeClassFactory(name="Retired badge"),
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        target_key=campaign.slug,
        threshold=1,
        is_active=False,
    )
    AwardRuleFactory(
        badge_class=BadgeClassFactory(name="Other drive badge"),
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        target_key="another-campaign",
        threshold=1,
    )

    page = _page(client, campaign)

    assert reverse("credentials:badge_class", args=[badge.uuid]) in page
    assert "SheSaid contributor" in page and "at least 10 counted edits" in page
    assert "Retired badge" not in page and "Other drive badge" not in page


def test_the_event_page_links_its_programme(client):
    event = EventFactory()
    programme = ProgrammeFactory(name="Skills for leaders", listed=True)
    programme.events.add(event)
    client.force_login(UserFactory())

    page = client.get(event.get_absolute_url()).content.decode()

    assert f'href="{programme.get_absolute_url()}"' in page and "Skills for leaders" in page


def test_the_api_gives_the_visible_events_and_the_badges(client):
    campaign = CampaignFactory()
    shown = EventFactory(title="Open edit-a-thon", campaign=campaign)
    EventFactory(title="Draft edit-a-thon", campaign=campaign, published=False)
    badge = BadgeClassFactory(name="SheSaid contributor")
    AwardRuleFactory(
        badge_class=badge,
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION,
        target_key=campaign.slug,
        threshold=5,
    )

    data = client.get(f"/api/campaigns/{campaign.slug}").json()

    assert [(row["id"], row["title"]) for row in data["events"]] == [(shown.pk, "Open edit-a-thon")]
    assert data["events"][0]["url"].endswith(shown.get_absolute_url())
    [rule] = data["badges"]
    assert (rule["badge"], rule["least_counted_edits"]) == ("SheSaid contributor", 5)
    assert rule["url"].endswith(reverse("credentials:badge_class", args=[badge.uuid]))
