"""Biography figures and per-participant, per-wiki figures on the page, in CSV and the API."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.catalogue import PARTICIPANT, WIKI, metrics_for
from kuza.campaigns.models import Campaign, PageSubject, WikidataItem
from kuza.campaigns.tests.factories import (
    CampaignFactory,
    ParticipantFactory,
    RevisionFactory,
    WikiFactory,
)

pytestmark = pytest.mark.django_db

COLLECTED = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture
def drive():
    """Amina creates a woman's biography on fr and a man's on sw; Bea a page about no one."""
    organiser = UserFactory(username="organiser")
    fr = WikiFactory(db_name="frwikiquote_i", language="fr", name="Wikiquote FR")
    sw = WikiFactory(db_name="swwikiquote_i", language="sw", name="Wikiquote SW")
    campaign = CampaignFactory(slug="impact", organisers=[organiser], on_wikis=[fr, sw])
    amina = UserFactory(username="amina_i")
    ParticipantFactory(campaign=campaign, wiki_username="Amina", user=amina)
    ParticipantFactory(campaign=campaign, wiki_username="Bea", hidden_from_leaderboard=True)
    RevisionFactory(wiki=fr, user="Amina", revid=1, page_id=1, sizediff=120)
    RevisionFactory(wiki=sw, user="Amina", revid=2, page_id=7, sizediff=80)
    RevisionFactory(wiki=fr, user="Bea", revid=3, page_id=2, sizediff=50)
    now = COLLECTED
    PageSubject.objects.create(wiki=fr, page_id=1, item="Q36", checked_at=now)
    PageSubject.objects.create(wiki=sw, page_id=7, item="Q42", checked_at=now)
    PageSubject.objects.create(wiki=fr, page_id=2, item="Q64", checked_at=now)
    WikidataItem.objects.create(item="Q36", is_human=True, gender="woman", fetched_at=now)
    WikidataItem.objects.create(item="Q42", is_human=True, gender="man", fetched_at=now)
    WikidataItem.objects.create(item="Q64", is_human=False, fetched_at=now)
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED)
    campaign.refresh_from_db()
    return campaign, organiser, amina


def test_the_page_shows_the_womens_share_and_its_definition(client, drive):
    campaign, _organiser, _amina = drive

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "Women&#x27;s share" in page
    cards = page.split('<div class="grid">')[1].split("</div>")[0]
    assert '<span class="stat">50 %</span>' in cards  # one woman, one man
    assert '<span class="stat">2</span>Biographies created' in cards
    assert "instance of human (P31 = Q5)" in page


def test_a_participant_sees_their_own_figures_wiki_by_wiki(client, drive):
    campaign, _organiser, amina = drive
    client.force_login(amina)

    page = client.get(campaign.get_absolute_url()).content.decode()

    yours = page.split('id="yours"')[1].split("</table>")[0]
    assert "Wikiquote FR" in yours and "Wikiquote SW" in yours
    assert yours.count("<tr>") == 3  # header and her two wikis
    me = client.get(f"/api/campaigns/{campaign.slug}/me").json()
    assert [(row["wiki"], row["edits"], row["women"], row["men"]) for row in me["wikis"]] == [
        ("frwikiquote_i", 1, 1, 0),
        ("swwikiquote_i", 1, 0, 1),
    ]
    assert me["wikis"][0]["women_share"] == 1.0


def test_organisers_get_every_participant_per_wiki_in_csv_and_api(client, drive):
    campaign, organiser, amina = drive
    csv_url = reverse("campaigns:participant_wikis_csv", args=[campaign.slug])
    api_url = f"/api/campaigns/{campaign.slug}/participants/wikis"

    client.force_login(amina)
    assert client.get(csv_url).status_code == 403
    assert client.get(api_url).status_code == 403
    client.force_login(organiser)
    rows = list(csv.reader(io.StringIO(client.get(csv_url).content.decode())))
    api = client.get(api_url).json()["items"]

    assert rows[0][:4] == ["username", "wiki", "language", "edits (not leaving a redirect)"]
    assert len(rows[0]) == 3 + len(metrics_for(PARTICIPANT, "csv"))
    assert sorted(row[:3] for row in rows[1:]) == [
        ["Amina", "frwikiquote_i", "fr"],
        ["Amina", "swwikiquote_i", "sw"],
        ["Bea", "frwikiquote_i", "fr"],  # hidden from the leaderboard, not from organisers
    ]
    assert {row["username"]: len(row["wikis"]) for row in api} == {"Amina": 2, "Bea": 1}


def test_csv_and_api_columns_come_from_the_catalogue(client, drive):
    campaign, _organiser, _amina = drive

    wikis = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("campaigns:wikis_csv", args=[campaign.slug])).content.decode()
            )
        )
    )
    detail = client.get(f"/api/campaigns/{campaign.slug}").json()

    keys = [metric.key for metric in metrics_for(WIKI, "csv")]
    assert [header.split(" ")[0] for header in wikis[0][2:]] == keys
    fr = dict(zip(wikis[0][2:], wikis[1][2:], strict=True))
    assert (fr["women"], fr["biographies_created"]) == ("1", "1")
    assert set(detail["metrics"]["totals"]) == {m.key for m in metrics_for(WIKI, "api")}
    assert detail["metrics"]["totals"]["women_share"] == 0.5


# -- goals ---------------------------------------------------------------------------------


def test_progress_is_capped_for_the_bar_but_not_for_reaching() -> None:
    from kuza.campaigns.goals import Progress

    assert (Progress(3, 4).fraction, Progress(3, 4).percent) == (0.75, 75)
    assert Progress(9, 4).fraction == 1.0 and Progress(9, 4).reached
    assert Progress(399, 400).percent == 99 and not Progress(399, 400).reached
    with pytest.raises(ValueError):
        Progress(1, 0)


def test_organisers_set_goals_and_everyone_sees_bars_drawn_on_the_server(client, drive):
    campaign, organiser, amina = drive
    url = reverse("campaigns:goals", args=[campaign.slug])
    client.force_login(amina)
    assert client.post(url, {"metric": "edits", "target": 4}).status_code == 403

    client.force_login(organiser)
    assert client.post(url, {"metric": "edits", "target": 4}).status_code == 302
    assert client.post(url, {"metric": "women", "target": 2}).status_code == 302
    refused = client.post(url, {"metric": "net_bytes", "target": 5})
    assert refused.status_code == 200 and campaign.goals.count() == 2
    assert client.post(url, {"metric": "edits", "target": 0}).status_code == 200

    client.logout()
    page = client.get(campaign.get_absolute_url()).content.decode()
    goals = page.split('id="goals"')[1].split("</ul>")[0]
    assert "<script" not in page
    # Edits: 3 of 4 (Bea's edit counts in the totals), so the bar is three quarters full.
    assert "Edits: 3 of 4 (75%)" in goals and '<rect width="150" height="12"' in goals
    assert "Biographies of women: 1 of 2 (50%)" in goals and '<rect width="100"' in goals
    api = client.get(f"/api/campaigns/{campaign.slug}").json()["goals"]
    assert [(g["metric"], g["value"], g["percent"], g["reached"]) for g in api] == [
        ("edits", 3, 75, False),
        ("women", 1, 50, False),
    ]

    client.force_login(organiser)
    client.post(url, {"remove": "women"})
    assert list(campaign.goals.values_list("metric", flat=True)) == ["edits"]


def test_participants_see_their_campaigns_goals_on_their_home(client, drive):
    from kuza.campaigns.services import goal_set

    campaign, _organiser, amina = drive
    Campaign.objects.filter(pk=campaign.pk).update(end=datetime(2999, 1, 1, tzinfo=UTC))
    goal_set(campaign=Campaign.objects.get(pk=campaign.pk), metric="edits", target=6)
    client.force_login(amina)

    home = client.get("/").content.decode()

    assert "Edits: 3 of 6 (50%)" in home and '<rect width="100" height="12"' in home
    client.force_login(UserFactory(username="someone-else"))
    assert "Edits: 3 of 6" not in client.get("/").content.decode()


def test_an_edit_a_thon_has_goals_measured_during_its_hours(client, drive):
    from kuza.events.tests.factories import EventFactory

    campaign, organiser, _amina = drive
    # An edit outside the event's hours counts for the campaign, not for the event.
    wiki = campaign.wikis.get(db_name="frwikiquote_i")
    RevisionFactory(
        wiki=wiki, user="Amina", revid=9, page_id=9, timestamp=datetime(2025, 3, 20, tzinfo=UTC)
    )
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED)
    event = EventFactory(
        campaign=campaign,
        starts_at=datetime(2025, 3, 10, 9, tzinfo=UTC),
        ends_at=datetime(2025, 3, 10, 17, tzinfo=UTC),
        organisers=[organiser],
    )
    url = reverse("events:goals", args=[event.pk])
    client.force_login(organiser)
    assert client.post(url, {"metric": "edits", "target": 6}).status_code == 302
    assert client.post(url, {"metric": "articles_created", "target": 3}).status_code == 302
    assert client.post(url, {"metric": "bytes_added", "target": 0}).status_code == 200

    client.logout()
    page = client.get(event.get_absolute_url()).content.decode()

    goals = page.split('id="goals"')[1].split("</ul>")[0]
    assert "Edits: 3 of 6 (50%)" in goals  # not the fourth edit, made on 20 March
    assert "Articles created: 3 of 3 (100%)" in goals and '<rect width="200"' in goals
    campaign_page = client.get(campaign.get_absolute_url()).content.decode()
    assert 'id="goals"' not in campaign_page  # the campaign itself has no goal
    assert '<span class="stat">4</span>Edits' in campaign_page  # all four count for it


def test_an_events_goals_are_in_the_api_and_on_the_home_of_those_registered(client, drive):
    from kuza.events.services import event_goal_set
    from kuza.events.tests.factories import EventFactory, RegistrationFactory

    campaign, organiser, amina = drive
    Campaign.objects.filter(pk=campaign.pk).update(end=datetime(2999, 1, 1, tzinfo=UTC))
    campaign.refresh_from_db()
    # Still on (its registrations show on the home); its hours hold Amina's and Bea's edits.
    event = EventFactory(
        campaign=campaign,
        title="Wiki Loves Women evening",
        starts_at=datetime(2025, 3, 10, 9, tzinfo=UTC),
        ends_at=datetime(2999, 1, 1, tzinfo=UTC),
        organisers=[organiser],
    )
    event_goal_set(event=event, metric="edits", target=6)
    event_goal_set(event=event, metric="women", target=1)
    RegistrationFactory(event=event, user=amina)

    api = client.get(f"/api/events/{event.pk}").json()
    assert [
        (g["metric"], g["target"], g["value"], g["percent"], g["reached"]) for g in api["goals"]
    ] == [
        ("edits", 6, 3, 50, False),
        ("women", 1, 1, 100, True),
    ]
    client.force_login(amina)
    home = client.get("/").content.decode()
    assert "A goal of an event you registered for" in home
    assert "Edits: 3 of 6 (50%)" in home and '<rect width="100" height="12"' in home
    assert "Biographies of women: 1 of 1 (100%)" in home
    client.force_login(UserFactory(username="not-registered"))
    assert "Edits: 3 of 6" not in client.get("/").content.decode()


def test_an_event_without_a_campaign_has_no_goals_in_the_api(client):
    from kuza.events.tests.factories import EventFactory

    event = EventFactory()

    assert client.get(f"/api/events/{event.pk}").json()["goals"] == []
