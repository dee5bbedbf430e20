"""Campaigns and safety: members report a campaign; one moderators hid leaves the list, its
pages and the API for everyone but its organisers and staff, and cannot be named by its id."""

from __future__ import annotations

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns import selectors
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.safety import moderation
from kuza.safety import services as safety
from kuza.safety.models import HiddenContent, Report
from kuza.safety.tests.factories import ModeratorRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def creator():
    return UserFactory(username="creator-zawadi")


@pytest.fixture
def campaign(creator):
    co_organiser = UserFactory(username="co-organiser")
    return CampaignFactory(
        name="Hateful drive", slug="hateful-drive", organisers=[creator, co_organiser]
    )


def report(reporter, campaign) -> Report:
    return safety.report_create(
        reporter=reporter,
        kind="campaign",
        target_id=campaign.pk,
        description="The description insults a community.",
        evidence_links="",
    )


def hide(campaign) -> tuple:
    """Hide `campaign` as moderators do; returns (moderator, report) to show it again."""
    moderator = ModeratorRoleFactory(organisation=None).user
    made = report(UserFactory(), campaign)
    moderation.content_hide(moderator=moderator, report=made, reason="Hate speech.")
    return moderator, made


def test_a_member_reports_a_campaign_from_its_page_and_its_creator_is_concerned(
    client, campaign, creator
):
    reporter = UserFactory(username="reporter")
    client.force_login(reporter)

    page = client.get("/campaigns/hateful-drive/").content.decode()
    assert f'href="/safety/report/campaign/{campaign.pk}/"' in page
    assert "Report this campaign" in page
    form = client.get(f"/safety/report/campaign/{campaign.pk}/")
    assert form.status_code == 200 and "Hateful drive" in form.content.decode()
    client.post(f"/safety/report/campaign/{campaign.pk}/", {"description": "Insults."})

    made = Report.objects.get()
    assert (made.kind, made.target_id, made.reporter) == ("campaign", campaign.pk, reporter)
    assert made.reported_user == creator
    assert made.target_snapshot == "Hateful drive"


@pytest.mark.parametrize("viewer", ["anonymous", "organiser"])
def test_no_report_link_for_visitors_nor_the_organisers(client, campaign, creator, viewer):
    if viewer == "organiser":
        client.force_login(creator)
    page = client.get("/campaigns/hateful-drive/").content.decode()
    assert "/safety/report/campaign/" not in page and "Report this campaign" not in page


def test_an_organiser_cannot_report_their_own_campaign_as_its_creator(campaign, creator):
    with pytest.raises(safety.SafetyError, match="cannot report yourself"):
        report(creator, campaign)


def test_the_person_concerned_is_the_next_organiser_once_the_creator_left(campaign, creator):
    campaign.organisers.remove(creator)
    assert selectors.campaign_creator(campaign).username == "co-organiser"
    campaign.organisers.clear()
    assert report(UserFactory(), campaign).reported_user is None


PUBLIC_PAGES = [
    "/campaigns/hateful-drive/",
    "/campaigns/hateful-drive/leaderboard.csv",
    "/campaigns/hateful-drive/wikis.csv",
    "/api/campaigns/hateful-drive",
    "/api/campaigns/hateful-drive/leaderboard",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_a_hidden_campaign_is_not_found_by_anyone_but_its_organisers(
    client, campaign, path, viewer
):
    if viewer == "member":
        client.force_login(UserFactory(username="member"))
    assert client.get(path).status_code == 200

    hide(campaign)

    response = client.get(path)
    assert response.status_code == 404
    assert "Hateful drive" not in response.content.decode()


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_a_hidden_campaign_leaves_the_list_and_the_api_list(client, campaign, viewer):
    CampaignFactory(name="Kind drive", slug="kind-drive")
    if viewer == "member":
        client.force_login(UserFactory(username="member"))
    assert "Hateful drive" in client.get("/campaigns/").content.decode()

    hide(campaign)

    page = client.get("/campaigns/").content.decode()
    assert "Hateful drive" not in page and "Kind drive" in page
    slugs = [item["slug"] for item in client.get("/api/campaigns/").json()["items"]]
    assert slugs == ["kind-drive"]


@pytest.mark.parametrize("who", ["organiser", "staff"])
def test_organisers_and_staff_still_see_and_manage_a_hidden_campaign(client, campaign, who):
    hide(campaign)
    viewer = campaign.organisers.first() if who == "organiser" else UserFactory(is_staff=True)
    client.force_login(viewer)

    assert client.get("/campaigns/hateful-drive/").status_code == 200
    assert "Hateful drive" in client.get("/campaigns/").content.decode()
    assert client.get("/campaigns/hateful-drive/edit/").status_code == 200


def test_a_hidden_campaign_cannot_be_joined(client, campaign):
    member = UserFactory(username="member")
    client.force_login(member)
    hide(campaign)

    response = client.post("/campaigns/hateful-drive/join/", {"wiki_username": "Member"})

    assert response.status_code == 404
    assert not campaign.participants.filter(user=member).exists()


def test_a_hidden_campaign_cannot_be_reported_or_named_by_id(client, campaign):
    hide(campaign)
    prober = UserFactory(username="prober")
    client.force_login(prober)

    page = client.get(f"/safety/report/campaign/{campaign.pk}/")

    assert page.status_code == 404 and "Hateful drive" not in page.content.decode()
    with pytest.raises(safety.SafetyError, match="no longer exists"):
        report(prober, campaign)


def test_showing_a_hidden_campaign_again_brings_it_back(client, campaign):
    moderator, made = hide(campaign)
    moderation.content_unhide(moderator=moderator, report=made)
    assert not HiddenContent.objects.exists()

    assert client.get("/campaigns/hateful-drive/").status_code == 200
    assert list(selectors.campaign_list()) == [campaign]
