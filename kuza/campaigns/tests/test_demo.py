"""The demo #SheSaid drive: its pages fit the 2G budget and its numbers make sense."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuza.campaigns.selectors import campaign_metrics
from kuza.core.pagecheck import check_page

pytestmark = pytest.mark.django_db


def test_the_demo_drive_counts_members_and_tagged_outsiders(demo_community):
    campaign = demo_community.extra["campaign"]

    metrics = campaign_metrics(campaign)

    assert metrics is not None
    assert metrics.totals.edits > 50 and metrics.totals.files_uploaded == 5
    names = {row.username for row in metrics.leaderboard}
    assert names & {"Quotewoman", "Lisa K.", "Mwalimu Asha", "Citadelle", "Rania B"}
    assert metrics.retention is not None and metrics.retention.retained > 0
    assert len(metrics.per_language) == 5


@pytest.mark.parametrize("language", ["en", "ar"])
def test_demo_campaign_pages_fit_the_budget(client, demo_community, language):
    campaign = demo_community.extra["campaign"]
    client.cookies["django_language"] = language
    client.force_login(demo_community.users["amina"])
    urls = [
        reverse("campaigns:list"),
        campaign.get_absolute_url(),
        campaign.get_absolute_url() + "?page=2",
        reverse("campaigns:edit", args=[campaign.slug]),
        reverse("campaigns:participants", args=[campaign.slug]),
        reverse("campaigns:contributors", args=[campaign.slug]),
        reverse("campaigns:join", args=[campaign.slug]),
        reverse("campaigns:create"),
        reverse("campaigns:wiki_add"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        report = check_page(url, response.content)
        assert not report.problems(), (url, report.problems())
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Periods not collected" in page or language != "en"
