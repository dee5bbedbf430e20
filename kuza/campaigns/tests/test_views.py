"""Campaign pages, CSV, joining and organiser pages, through the test client."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns import selectors
from kuza.campaigns.catalogue import METRICS
from kuza.campaigns.models import Campaign, Participant, Revision, UncollectableGap
from kuza.campaigns.tests.factories import (
    CampaignFactory,
    ParticipantFactory,
    RevisionFactory,
    WikiFactory,
)
from kuza.core.navigation import items_for
from kuza.events.tests.factories import EventFactory
from kuza.people.models import Membership, Organisation, Profile, Visibility
from kuza.safety.models import Block
from kuza.safety.services import preferences_update
from kuza.safety.tests.factories import ModeratorRoleFactory

pytestmark = pytest.mark.django_db

COLLECTED = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture
def drive():
    """A collected campaign: Amina (2 edits), Bea (1, hidden), and a formula-like name."""
    organiser = UserFactory(username="organiser")
    wiki = WikiFactory(db_name="frwikiquote_t", language="fr", name="Wikiquote FR")
    campaign = CampaignFactory(
        slug="shesaid", name="SheSaid test", organisers=[organiser], on_wikis=[wiki]
    )
    amina = UserFactory(username="amina_m")
    # Amina shows her profile and Wikimedia name to everyone: visitors see her named.
    Profile.objects.filter(user=amina).update(
        visibility=Visibility.PUBLIC, wikimedia_visibility=Visibility.PUBLIC
    )
    ParticipantFactory(campaign=campaign, wiki_username="Amina", user=amina)
    ParticipantFactory(campaign=campaign, wiki_username="Bea", hidden_from_leaderboard=True)
    ParticipantFactory(campaign=campaign, wiki_username="=HYPERLINK(1)")
    RevisionFactory(wiki=wiki, user="Amina", revid=1, page_id=1, sizediff=120)
    RevisionFactory(wiki=wiki, user="Amina", revid=2, page_id=1, parentid=1, is_page_creation=False)
    RevisionFactory(wiki=wiki, user="Bea", revid=3, page_id=2, sizediff=50)
    RevisionFactory(wiki=wiki, user="=HYPERLINK(1)", revid=4, page_id=3, sizediff=5)
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED)
    campaign.refresh_from_db()
    return campaign, organiser, amina


def test_campaigns_are_in_the_navigation_for_everyone(rf):
    from django.contrib.auth.models import AnonymousUser

    assert "campaigns:list" in {item.url_name for item in items_for(AnonymousUser())}


def test_the_public_page_shows_metrics_chart_tables_and_definitions(client, drive):
    campaign, _organiser, _amina = drive

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "<script" not in page
    assert "<svg" in page and "Edits per day" in page
    assert "Wikiquote FR" in page
    for metric in METRICS:
        assert str(metric.definition).replace("'", "&#x27;") in page
    # The leaderboard's table only: the page goes on with forms whose random CSRF token once
    # held "Bea".
    leaderboard = page.split('id="leaderboard"')[1].split("</table>")[0]
    assert "Amina" in leaderboard
    assert "Bea" not in leaderboard  # she chose to be hidden
    assert "<td>4</td>" in page  # every edit still counts in the totals table


def test_csv_exports_leave_out_hidden_people_and_defuse_formulas(client, drive):
    campaign, _organiser, _amina = drive

    response = client.get(reverse("campaigns:leaderboard_csv", args=[campaign.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Type"].startswith("text/csv")
    # Headers say what is counted: "improved" differs for a person and for a wiki.
    assert rows[0][:3] == ["rank", "username", "edits (not leaving a redirect)"]
    assert "not created by them" in rows[0][4]
    names = [row[1] for row in rows[1:]]
    # Bea chose to be hidden: her row is counted and ranked, never named.
    assert names == ["Amina", "A participant", "'=HYPERLINK(1)"]
    assert "Bea" not in response.content.decode()
    wikis = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("campaigns:wikis_csv", args=[campaign.slug])).content.decode()
            )
        )
    )
    assert wikis[1][:3] == ["frwikiquote_t", "fr", "4"]


def test_members_who_leave_every_leaderboard_or_block_the_viewer_are_not_shown(client, drive):
    campaign, _organiser, amina = drive
    viewer = UserFactory(username="viewer")
    client.force_login(viewer)
    url = f"/api/campaigns/{campaign.slug}/leaderboard"
    assert "Amina" in {row["username"] for row in client.get(url).json()["items"]}

    Block.objects.create(blocker=amina, blocked=viewer)
    assert "Amina" not in {row["username"] for row in client.get(url).json()["items"]}
    Block.objects.all().delete()

    preferences_update(user=amina, hide_from_leaderboards=True, hide_from_map=False)
    assert "Amina" not in {row["username"] for row in client.get(url).json()["items"]}
    assert (
        "Amina"
        not in client.get(campaign.get_absolute_url()).content.decode().split('id="leaderboard"')[1]
    )


def test_the_page_and_api_say_how_many_revisions_were_removed(client, drive):
    campaign, _organiser, _amina = drive
    Revision.objects.filter(revid=3).update(removed=True)  # Bea's page was deleted
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=COLLECTED + timedelta(hours=1))

    page = client.get(campaign.get_absolute_url()).content.decode()
    api = client.get(f"/api/campaigns/{campaign.slug}").json()

    assert "1 revision no longer counts: its page was deleted" in page
    assert api["revisions_removed"] == 1
    assert api["metrics"]["totals"]["edits"] == 3  # Amina's two and the formula-like name's


def test_a_participant_hidden_from_the_viewer_is_counted_but_not_named(client, drive):
    campaign, organiser, amina = drive
    # Her profile is for members only: visitors get a neutral label, in the same rank.
    Profile.objects.filter(user=amina).update(visibility=Visibility.MEMBERS)
    url = f"/api/campaigns/{campaign.slug}/leaderboard"

    rows = client.get(url).json()["items"]
    assert [(row["rank"], row["username"], row["named"]) for row in rows][0] == (
        1,
        "A participant",
        False,
    )
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Amina" not in page.split('id="leaderboard"')[1]
    assert "A participant" in page and "Organisers and moderators see every name." in page
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("campaigns:leaderboard_csv", args=[campaign.slug])
                ).content.decode()
            )
        )
    )
    assert csv_rows[1][1] == "A participant"

    client.force_login(UserFactory(username="a-member"))
    assert client.get(url).json()["items"][0]["username"] == "Amina"
    # Her Wikimedia name only for her mentors and organisers: a member no longer sees it.
    Profile.objects.filter(user=amina).update(
        wikimedia_visibility=Visibility.MENTORS_AND_ORGANISERS
    )
    assert client.get(url).json()["items"][0]["username"] == "A participant"
    client.force_login(organiser)
    assert client.get(url).json()["items"][0]["username"] == "Amina"


def test_a_page_before_any_collection_says_so(client):
    campaign = CampaignFactory(slug="fresh")

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "Nothing has been collected" in page


def test_periods_not_collected_are_shown(client, drive):
    campaign, _organiser, _amina = drive
    UncollectableGap.objects.create(
        campaign=campaign,
        wiki=campaign.wikis.get(),
        start=campaign.start,
        end=datetime(2025, 3, 9, tzinfo=UTC),
    )

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert "Periods not collected" in page and "9 March 2025" in page


def test_members_join_hide_themselves_and_leave(client, drive):
    campaign, _organiser, _amina = drive
    member = UserFactory(username="newcomer")
    client.force_login(member)
    join = reverse("campaigns:join", args=[campaign.slug])

    response = client.post(join, {"wiki_username": "new_comer", "hidden_from_leaderboard": ""})

    assert response.status_code == 302
    assert Participant.objects.get(user=member).wiki_username == "New comer"
    client.post(join, {"wiki_username": "New comer", "hidden_from_leaderboard": "on"})
    assert Participant.objects.get(user=member).hidden_from_leaderboard
    # Someone else's name is not free to take.
    taken = client.post(join, {"wiki_username": "Amina"})
    assert "Another member already takes part" in taken.content.decode()
    assert client.get(reverse("campaigns:leave", args=[campaign.slug])).status_code == 405
    client.post(reverse("campaigns:leave", args=[campaign.slug]))
    assert not Participant.objects.filter(user=member).exists()


def test_a_member_claims_a_name_an_organiser_added(client, drive):
    campaign, _organiser, _amina = drive
    member = UserFactory(username="bea_member")
    client.force_login(member)

    client.post(reverse("campaigns:join", args=[campaign.slug]), {"wiki_username": "Bea"})

    claimed = Participant.objects.get(campaign=campaign, wiki_username="Bea")
    assert claimed.user == member and not claimed.hidden_from_leaderboard


def test_visitors_must_log_in_to_join(client, drive):
    campaign, _organiser, _amina = drive
    response = client.post(reverse("campaigns:join", args=[campaign.slug]), {"wiki_username": "X"})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert not Participant.objects.filter(wiki_username="X").exists()


@pytest.mark.parametrize("name", ["edit", "participants", "contributors"])
def test_organiser_pages_refuse_everyone_else(client, drive, name):
    campaign, organiser, amina = drive
    url = reverse(f"campaigns:{name}", args=[campaign.slug])
    client.force_login(amina)
    assert client.get(url).status_code == 403
    assert client.post(reverse("campaigns:sync", args=[campaign.slug])).status_code == 403
    client.force_login(organiser)
    assert client.get(url).status_code == 200


def test_only_community_organisers_create_campaigns(client):
    member = UserFactory(username="plain")
    client.force_login(member)
    assert client.get(reverse("campaigns:create")).status_code == 403

    organisation = Organisation.objects.create(name="Group", slug="group", kind="user_group")
    Membership.objects.create(organisation=organisation, user=member, role="organiser")
    wiki = WikiFactory(db_name="swwikiquote_t", language="sw")
    response = client.post(
        reverse("campaigns:create"),
        {
            "name": "Wiki Loves Women",
            "slug": "wlw",
            "hashtag": "wlw2026",
            "time_zone": "Africa/Nairobi",
            "start": "2026-03-01T00:00",
            "end": "2026-04-01T00:00",
            "wikis": [wiki.pk],
            "is_open": "on",
            "exclude_bots": "on",
            "worklist": "swwikiquote_t: Wangari Maathai",
        },
    )

    assert response.status_code == 302, response.content.decode()
    campaign = Campaign.objects.get(slug="wlw")
    assert campaign.hashtag == "#wlw2026"
    assert campaign.start == datetime(2026, 2, 28, 21, tzinfo=UTC)  # midnight in Nairobi
    assert list(campaign.organisers.all()) == [member]
    assert campaign.campaign_wikis.get().worklist_titles() == ["Wangari Maathai"]


def test_the_campaign_form_explains_bad_input(client, drive):
    campaign, organiser, _amina = drive
    client.force_login(organiser)

    response = client.post(
        reverse("campaigns:edit", args=[campaign.slug]),
        {
            "name": "x",
            "hashtag": "#two words",
            "time_zone": "Mars/Olympus",
            "start": "2026-03-01T00:00",
            "end": "2026-02-01T00:00",
            "wikis": [campaign.wikis.get().pk],
            "worklist": "nowiki: Title",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "A hashtag is letters" in page
    assert "No time zone is called" in page
    assert "Line 1" in page


def test_an_organiser_edit_keeps_the_window_in_the_campaign_time_zone(client, drive):
    campaign, organiser, _amina = drive
    client.force_login(organiser)
    form = client.get(reverse("campaigns:edit", args=[campaign.slug])).content.decode()
    assert 'value="2025-03-01T00:00"' in form

    client.post(
        reverse("campaigns:edit", args=[campaign.slug]),
        {
            "name": "Renamed",
            "hashtag": "#SheSaid",
            "time_zone": "Europe/Paris",
            "start": "2025-03-01T00:00",
            "end": "2025-04-01T00:00",
            "wikis": [campaign.wikis.get().pk],
            "exclude_bots": "on",
        },
    )

    campaign.refresh_from_db()
    assert campaign.name == "Renamed"
    assert campaign.start == datetime(2025, 2, 28, 23, tzinfo=UTC)


def test_collect_now_queues_the_background_task(client, drive, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    campaign, organiser, _amina = drive
    client.force_login(organiser)
    response = client.post(reverse("campaigns:sync", args=[campaign.slug]))

    assert response.status_code == 302
    queued = default_task_backend.results
    assert [result.args for result in queued] == [[campaign.pk]]


def test_the_api_lists_campaigns_and_gives_metrics_with_definitions(client, drive):
    campaign, _organiser, _amina = drive

    listing = client.get("/api/campaigns/").json()
    detail = client.get(f"/api/campaigns/{campaign.slug}").json()

    assert [item["slug"] for item in listing["items"]] == ["shesaid"]
    assert detail["metrics"]["totals"]["edits"] == 4
    assert detail["metrics"]["per_wiki"][0]["wiki"] == "frwikiquote_t"
    assert set(detail["definitions"]) == {metric.key for metric in METRICS}
    assert client.get("/api/campaigns/nope").status_code == 404
    board = client.get(f"/api/campaigns/{campaign.slug}/leaderboard").json()["items"]
    assert [row["username"] for row in board] == ["Amina", "A participant", "=HYPERLINK(1)"]
    assert [row["named"] for row in board] == [True, False, True]


def test_the_metrics_cache_follows_participant_changes(client, drive):
    campaign, _organiser, _amina = drive
    url = f"/api/campaigns/{campaign.slug}"
    assert client.get(url).json()["metrics"]["totals"]["edits"] == 4

    Participant.objects.filter(wiki_username="Bea").delete()

    assert client.get(url).json()["metrics"]["totals"]["edits"] == 3


def test_changing_the_hashtag_polls_recent_changes_again(client, drive):
    from kuza.campaigns.models import SyncState

    campaign, organiser, _amina = drive
    wiki = campaign.wikis.get()
    for kind in SyncState.Kind.values:
        SyncState.objects.create(campaign=campaign, wiki=wiki, kind=kind, collected_until=COLLECTED)
    client.force_login(organiser)
    data = {
        "name": campaign.name,
        "time_zone": "UTC",
        "start": "2025-03-01T00:00",
        "end": "2025-04-01T00:00",
        "wikis": [wiki.pk],
        "is_open": "on",
    }

    client.post(reverse("campaigns:edit", args=[campaign.slug]), {**data, "hashtag": "#SheSaid"})
    kinds = SyncState.objects.filter(campaign=campaign).values_list("kind", flat=True)
    assert set(kinds) == {"contributions", "removals"}  # opened: poll recent changes again
    SyncState.objects.create(campaign=campaign, wiki=wiki, kind="recent_changes")
    client.post(reverse("campaigns:edit", args=[campaign.slug]), {**data, "hashtag": "#HerWords"})

    kinds = SyncState.objects.filter(campaign=campaign).values_list("kind", flat=True)
    assert set(kinds) == {"contributions", "removals"}


@pytest.mark.parametrize(("language", "separator"), [("en", ", "), ("sw", ", "), ("ar", "، ")])
def test_the_wikis_of_a_campaign_are_listed_as_the_language_writes_lists(
    client, language, separator
):
    wikis = [WikiFactory(name="Wikiquote EN"), WikiFactory(name="Wikiquote FR")]
    campaign = CampaignFactory(slug="two-wikis", on_wikis=wikis)
    client.cookies["django_language"] = language

    page = client.get(campaign.get_absolute_url()).content.decode()

    assert f"<bdi>Wikiquote EN</bdi>{separator}<bdi>Wikiquote FR</bdi>" in page


def test_a_campaign_collected_before_anyone_joined_shows_empty_metrics(client):
    # Nobody to track and no hashtag search: the revision query is empty before it runs.
    campaign = CampaignFactory(slug="empty")
    Campaign.objects.filter(pk=campaign.pk).update(last_synced_at=datetime(2025, 4, 2, tzinfo=UTC))

    response = client.get(campaign.get_absolute_url())

    assert response.status_code == 200


def _page_queries(client, campaign) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("viewer", ["visitor", "member", "organiser"])
def test_the_campaign_page_reads_its_wikis_events_and_names_in_as_many_queries_for_more(
    client, drive, viewer
):
    campaign, organiser, _amina = drive
    if viewer != "visitor":
        client.force_login(organiser if viewer == "organiser" else UserFactory(username="m"))
    EventFactory(campaign=campaign, published=True)
    _page_queries(client, campaign)  # the metrics cached
    few = _page_queries(client, campaign)

    for number in range(3):
        wiki = WikiFactory(db_name=f"xxwiki_{number}", name=f"Wiki {number}")
        campaign.campaign_wikis.create(wiki=wiki)
        EventFactory(campaign=campaign, published=True)
        ParticipantFactory(campaign=campaign, user=UserFactory(), wiki_username=f"P{number}")
    _page_queries(client, campaign)  # the metrics cached again (their wikis changed)
    more = _page_queries(client, campaign)

    assert len(more) == len(few), "\n".join(more)


def test_whether_the_viewer_organises_is_read_with_the_campaign_for_that_viewer_only(drive):
    campaign, organiser, _amina = drive
    someone = UserFactory(username="someone")

    fetched = selectors.campaign_for_viewer(user=organiser, slug=campaign.slug)

    with CaptureQueriesContext(connection) as captured:
        assert selectors.is_organiser(organiser, fetched)
    assert not captured.captured_queries
    assert not selectors.is_organiser(someone, fetched)  # asked of the database
    assert not selectors.is_organiser(
        someone, selectors.campaign_for_viewer(user=someone, slug=campaign.slug)
    )


def test_platform_moderators_see_every_name_and_moderators_of_one_group_do_not(client, drive):
    campaign, _organiser, amina = drive
    Profile.objects.filter(user=amina).update(visibility=Visibility.MENTORS_AND_ORGANISERS)
    leaderboard = f"/api/campaigns/{campaign.slug}/leaderboard"

    client.force_login(ModeratorRoleFactory().user)  # moderates one organisation only
    assert client.get(leaderboard).json()["items"][0]["username"] == "A participant"
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Amina" not in page.split('id="leaderboard"')[1]

    client.force_login(ModeratorRoleFactory(organisation=None).user)
    assert client.get(leaderboard).json()["items"][0]["username"] == "Amina"
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Amina" in page.split('id="leaderboard"')[1]


@pytest.mark.parametrize("direction", ["blocker", "blocked"])
def test_a_member_in_a_block_with_the_viewer_is_not_named_on_the_page(client, drive, direction):
    campaign, _organiser, amina = drive
    viewer = UserFactory(username="viewer")
    client.force_login(viewer)
    assert "Amina" in client.get(campaign.get_absolute_url()).content.decode()

    pair = (amina, viewer) if direction == "blocker" else (viewer, amina)
    Block.objects.create(blocker=pair[0], blocked=pair[1])

    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Amina" not in page.split('id="leaderboard"')[1]
    assert "A participant" in page.split('id="leaderboard"')[1]
