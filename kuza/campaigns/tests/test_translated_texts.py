"""Campaign names and descriptions read in the reader's language, falling back to the source:
#SheSaid runs on wikis in eleven languages, and so do its readers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.forms import CampaignForm
from kuza.campaigns.models import Campaign
from kuza.campaigns.tests.factories import CampaignFactory, WikiFactory
from kuza.people.models import Membership, Organisation
from kuza.translation.tests.factories import translate_unit

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    return re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)


@pytest.fixture
def campaign() -> Campaign:
    return CampaignFactory(
        name="Women in quotes",
        description="We add **sourced** quotes.\n\nEvery wiki counts.",
        language="en",
    )


def test_the_campaign_page_and_list_show_the_readers_language(client, campaign):
    translate_unit(campaign, "Women in quotes", "fr", "Femmes en citations")
    translate_unit(
        campaign, "We add **sourced** quotes.", "fr", "Nous ajoutons des citations **sourcées**."
    )
    client.cookies["django_language"] = "fr"

    main = _main(client.get(campaign.get_absolute_url()))

    assert '<h1 lang="fr" dir="ltr">Femmes en citations</h1>' in main
    assert "Nous ajoutons des citations <strong>sourcées</strong>." in main
    # The paragraph nobody translated stays in English, marked as English.
    assert '<span lang="en" dir="ltr">Every wiki counts.</span>' in main
    assert "Women in quotes" not in main
    listing = _main(client.get(reverse("campaigns:list")))
    assert "Femmes en citations" in listing and "Women in quotes" not in listing


def test_descriptions_are_sanitised(client):
    campaign = CampaignFactory(
        description='Hi <script>alert(1)</script> <a href="javascript:x">y</a>'
    )

    main = _main(client.get(campaign.get_absolute_url()))

    assert "<script" not in main
    assert not re.search(r"<a\b[^>]*javascript:", main)
    assert "&lt;script&gt;" in main  # raw HTML is shown as text, harmless


def test_the_api_returns_texts_in_the_requested_language(client, campaign):
    translate_unit(campaign, "Women in quotes", "sw", "Wanawake katika nukuu")

    url = f"/api/campaigns/{campaign.slug}"
    swahili = client.get(url, headers={"accept-language": "sw"}).json()
    english = client.get(url, headers={"accept-language": "en"}).json()

    assert (swahili["name"], english["name"]) == ("Wanawake katika nukuu", "Women in quotes")
    assert swahili["source_language"] == "en"
    listed = client.get("/api/campaigns/", headers={"accept-language": "sw"}).json()
    assert "Wanawake katika nukuu" in [row["name"] for row in listed["items"]]


def test_organisers_choose_the_language_they_write_in(client):
    organiser = UserFactory()
    organisation = Organisation.objects.create(name="Group", slug="group", kind="user_group")
    Membership.objects.create(organisation=organisation, user=organiser, role="organiser")
    assert {"en", "fr", "ar", "sw"} <= {
        code for code, _ in CampaignForm().fields["language"].choices
    }
    client.force_login(organiser)
    wiki = WikiFactory()
    response = client.post(
        reverse("campaigns:create"),
        {
            "name": "Citations de femmes",
            "slug": "citations",
            "language": "fr",
            "description": "Nous ajoutons des citations.",
            "time_zone": "Africa/Abidjan",
            "start": "2026-03-01T00:00",
            "end": "2026-04-01T00:00",
            "wikis": [wiki.pk],
            "exclude_bots": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    created = Campaign.objects.get(slug="citations")
    assert created.language == "fr"
    client.cookies["django_language"] = "en"
    main = _main(client.get(created.get_absolute_url()))
    assert '<h1 lang="fr" dir="ltr">Citations de femmes</h1>' in main
