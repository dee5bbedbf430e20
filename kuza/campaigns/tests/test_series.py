"""A series of editions adds up without counting a page or a person twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from kuza.campaigns.models import Campaign, PageSubject, WikidataItem
from kuza.campaigns.services import campaign_series_set
from kuza.campaigns.tests.factories import (
    CampaignFactory,
    ParticipantFactory,
    RevisionFactory,
    WikiFactory,
)

pytestmark = pytest.mark.django_db


def at(year: int, day: int = 10) -> datetime:
    return datetime(year, 3, day, 12, tzinfo=UTC)


@pytest.fixture
def series():
    wiki = WikiFactory(db_name="enwikiquote_s", language="en", name="Wikiquote EN")
    editions = []
    for year in (2021, 2022):
        edition = CampaignFactory(
            slug=f"shesaid-{year}",
            name=f"SheSaid {year}",
            start=datetime(year, 3, 1, tzinfo=UTC),
            end=datetime(year, 4, 1, tzinfo=UTC),
            on_wikis=[wiki],
        )
        for name in ("Amina", "Bea", "Chen"):
            ParticipantFactory(campaign=edition, wiki_username=name)
        campaign_series_set(campaign=edition, name="SheSaid")
        editions.append(edition)
    # 2021: Amina creates page 1, Bea improves page 2 (begun before).
    RevisionFactory(wiki=wiki, user="Amina", revid=1, page_id=1, timestamp=at(2021), sizediff=300)
    RevisionFactory(
        wiki=wiki,
        user="Bea",
        revid=2,
        page_id=2,
        parentid=99,
        is_page_creation=False,
        timestamp=at(2021),
        sizediff=40,
    )
    # 2022: Amina improves page 1 (created in 2021) and creates page 3; Chen improves page 2.
    RevisionFactory(
        wiki=wiki,
        user="Amina",
        revid=3,
        page_id=1,
        parentid=1,
        is_page_creation=False,
        timestamp=at(2022),
        sizediff=50,
    )
    RevisionFactory(wiki=wiki, user="Amina", revid=4, page_id=3, timestamp=at(2022), sizediff=10)
    RevisionFactory(
        wiki=wiki,
        user="Chen",
        revid=5,
        page_id=2,
        parentid=2,
        is_page_creation=False,
        timestamp=at(2022),
        sizediff=7,
    )
    now = datetime(2023, 1, 1, tzinfo=UTC)
    for page_id, item in ((1, "Q36"), (2, "Q42"), (3, "Q1")):
        PageSubject.objects.create(wiki=wiki, page_id=page_id, item=item, checked_at=now)
    WikidataItem.objects.create(item="Q36", is_human=True, gender="woman", fetched_at=now)
    WikidataItem.objects.create(item="Q42", is_human=True, gender="man", fetched_at=now)
    WikidataItem.objects.create(item="Q1", is_human=False, fetched_at=now)
    Campaign.objects.update(last_synced_at=now)
    return editions[0].series


def test_the_series_counts_each_page_and_person_once(client, series):
    api = client.get(f"/api/campaigns/series/{series.slug}").json()

    first, second = (edition["totals"] for edition in api["editions"])
    assert (first["articles_created"], first["articles_improved"]) == (1, 1)
    assert (second["articles_created"], second["articles_improved"]) == (1, 2)
    totals = api["totals"]
    # Page 1 was created in 2021 and improved in 2022: once, as created.
    assert (totals["articles_created"], totals["articles_improved"]) == (2, 1)
    assert totals["active_participants"] == 3  # Amina took part twice, counted once
    assert totals["edits"] == 5 and totals["bytes_added"] == 407
    # Biographies follow the pages: the woman's (page 1) created once, the man's improved.
    assert (totals["biographies_created"], totals["biographies_improved"]) == (1, 1)
    assert (totals["women"], totals["men"], totals["women_share"]) == (1, 1, 0.5)


def test_the_series_page_has_a_table_and_a_chart_per_edition(client, series):
    page = client.get(series.get_absolute_url()).content.decode()

    assert "<script" not in page
    assert page.count("<svg") == 1 and "5 articles created or improved over 2 editions" in page
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "SheSaid 2021" in body and "SheSaid 2022" in body
    totals = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "All editions" in totals and "<td>2</td><td>1</td>" in totals
    edition = client.get("/campaigns/shesaid-2022/").content.decode()
    assert series.get_absolute_url() in edition


def test_an_overlapping_edition_is_refused(series):
    overlapping = CampaignFactory(
        slug="shesaid-extra", start=at(2022, 20), end=datetime(2022, 5, 1, tzinfo=UTC)
    )

    with pytest.raises(ValidationError, match="SheSaid 2022"):
        campaign_series_set(campaign=overlapping, name="SheSaid")

    overlapping.refresh_from_db()
    assert overlapping.series is None
    campaign_series_set(campaign=overlapping, name="Another drive")
    assert overlapping.series.slug == "another-drive"


def test_a_series_goes_through_the_audience_layer_hidden_by_moderators(client, series):
    from kuza.accounts.tests.factories import UserFactory
    from kuza.safety import moderation
    from kuza.safety import services as safety
    from kuza.safety.tests.factories import ModeratorRoleFactory

    organiser = UserFactory(username="edition-organiser")
    series.editions.get(slug="shesaid-2022").organisers.add(organiser)
    reporter = UserFactory(username="series-reporter")
    client.force_login(reporter)
    page = client.get(series.get_absolute_url()).content.decode()
    assert f'href="/safety/report/campaign-series/{series.pk}/"' in page
    made = safety.report_create(
        reporter=reporter,
        kind="campaign-series",
        target_id=series.pk,
        description="The name insults a community.",
        evidence_links="",
    )
    moderator = ModeratorRoleFactory(organisation=None).user
    moderation.content_hide(moderator=moderator, report=made, reason="Hate speech.")

    client.logout()
    assert client.get(series.get_absolute_url()).status_code == 404
    assert client.get(f"/api/campaigns/series/{series.slug}").status_code == 404
    assert client.get("/campaigns/series/no-such-series/").status_code == 404
    client.force_login(organiser)  # who organises an edition still sees it
    assert client.get(series.get_absolute_url()).status_code == 200
    assert client.get(f"/api/campaigns/series/{series.slug}").status_code == 200
