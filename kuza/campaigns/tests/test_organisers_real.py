"""Organiser work that asks the wikis: bulk enrolment, custom wikis, the sync command and the
invitation page, against the real test wikis."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns import services
from kuza.campaigns.locking import collection_lock
from kuza.campaigns.management.commands.campaign_sync import EXIT_ALREADY_RUNNING
from kuza.campaigns.models import Participant, Revision, Wiki, WikiAccount
from kuza.campaigns.services import participants_bulk_add, wiki_register
from kuza.campaigns.sync import campaign_sync
from kuza.campaigns.testing import LocalWiki
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.campaigns.tests.sync_world import PASSWORD, make_client, wiki_row
from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory

pytestmark = pytest.mark.django_db


def test_bulk_enrolment_reports_every_line(enwiki: LocalWiki, frwiki: LocalWiki, unique) -> None:
    only_en, only_fr, both = unique("Only en"), unique("Only fr"), unique("Both")
    for wiki, name in ((enwiki, only_en), (frwiki, only_fr), (enwiki, both), (frwiki, both)):
        wiki.create_user(name, PASSWORD).close()
    organiser = UserFactory()
    campaign = CampaignFactory(
        organisers=[organiser], on_wikis=[wiki_row(enwiki), wiki_row(frwiki)]
    )
    Participant.objects.create(campaign=campaign, wiki_username=both)
    typo = unique("Nobody")
    text = "\n".join(
        [only_en.replace(" ", "_").lower(), f"User:{only_fr}", "", both, typo, "Bad|name", only_en]
    )
    client = make_client()

    rows = participants_bulk_add(campaign=campaign, organiser=organiser, text=text, client=client)

    assert [(row.line, row.status) for row in rows] == [
        (1, "added"),
        (2, "added"),
        (4, "already"),
        (5, "unknown"),
        (6, "invalid"),
        (7, "duplicate"),
    ]
    assert set(campaign.participants.values_list("wiki_username", flat=True)) == {
        only_en,
        only_fr,
        both,
    }
    assert client.request_count == 2  # one list=users request per wiki for all names
    # What the wikis said is kept, so the next sync does not ask again.
    assert WikiAccount.objects.filter(username=only_en, exists=True).count() == 1


def test_the_participants_page_reports_each_line_and_adds_nothing_when_a_wiki_is_down(
    client, enwiki: LocalWiki, frwiki: LocalWiki, unique, monkeypatch
) -> None:
    known = unique("Known")
    enwiki.create_user(known, PASSWORD).close()
    organiser = UserFactory()
    campaign = CampaignFactory(
        organisers=[organiser], on_wikis=[wiki_row(enwiki), wiki_row(frwiki)]
    )
    # The page's own client, with one attempt so that a stopped wiki fails at once.
    monkeypatch.setattr(services, "default_client", lambda: make_client(max_attempts=1))
    client.force_login(organiser)
    url = reverse("campaigns:participants", args=[campaign.slug])
    typo = unique("Typo")

    page = client.post(url, {"usernames": f"{known}\n{typo}\nBad|name"}).content.decode()

    assert list(campaign.participants.values_list("wiki_username", flat=True)) == [known]
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td[^>]*>([^<]*)</td></tr>", page)
    assert rows == [
        ("1", known, "Added."),
        ("2", typo, "No such account on any of the campaign&#x27;s wikis; not added."),
        ("3", "Bad|name", "Not a possible wiki user name; not added."),
    ]

    frwiki.stop()
    try:
        page = client.post(url, {"usernames": unique("Later")}).content.decode()
    finally:
        frwiki.start()
    assert "could not be asked right now; nothing was added" in page
    assert campaign.participants.count() == 1


def test_a_custom_wiki_is_named_from_its_own_siteinfo(enwiki: LocalWiki, settings) -> None:
    user = UserFactory()
    with pytest.raises(ValidationError, match="https"):
        wiki_register(api_url=enwiki.api_url, user=user, client=make_client())
    with pytest.raises(ValidationError, match="public internet"):
        wiki_register(api_url="https://127.0.0.1/w/api.php", user=user, client=make_client())
    with pytest.raises(ValidationError, match="api.php"):
        wiki_register(api_url="https://example.org/wiki/Main_Page", user=user)

    settings.KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS = True
    with pytest.raises(ValidationError, match="already listed under another address"):
        wiki_register(api_url=enwiki.api_url, user=user, client=make_client())
    Wiki.objects.filter(db_name="enwikiquote").delete()  # the seeded Wikimedia row

    wiki = wiki_register(api_url=enwiki.api_url, user=user, client=make_client())

    assert (wiki.db_name, wiki.language, wiki.name) == ("enwikiquote", "en", "Wikiquote")
    assert wiki.project == Wiki.Project.OTHER and wiki.added_by == user
    with pytest.raises(ValidationError, match="No MediaWiki API"):
        wiki_register(api_url=f"{enwiki.server_url}/nothing/api.php", user=user)


def test_the_command_prints_requests_and_revisions_per_wiki(
    enwiki: LocalWiki, frwiki: LocalWiki, unique, settings
) -> None:
    settings.SITE_URL = "https://kuza.example"
    name = unique("Commander")
    start = datetime(2017, 2, 1, tzinfo=UTC)
    with enwiki.create_user(name, PASSWORD) as me:
        me.create_page(unique("Page"), "x", "#SheSaid", at=start + timedelta(days=1))
        me.edit(unique("Page"), "y", "more", at=start + timedelta(days=2))
    campaign = CampaignFactory(
        slug="cmd-test",
        start=start,
        end=start + timedelta(days=10),
        on_wikis=[wiki_row(enwiki), wiki_row(frwiki)],
    )
    member = UserFactory(email="commander@example.org")
    Participant.objects.create(campaign=campaign, wiki_username=name, user=member)
    rule = AwardRuleFactory(
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION, target_key="cmd-test", threshold=2
    )
    out = StringIO()

    call_command("campaign_sync", "cmd-test", stdout=out)

    text = out.getvalue()
    assert "cmd-test:" in text and "2 new revision(s)" in text
    assert "1 member(s) meeting a badge rule" in text
    # Contributions, redirect check, the deletion and the move logs, registration, and the
    # Wikidata items of the pages edited (enwiki only: nothing was edited on frwiki).
    assert "enwikiquote: 6 request(s)" in text
    assert "frwikiquote: 4 request(s)" in text
    assert "wikidata: 0 request(s), 0 item(s) read" in text  # no page is linked to an item
    # Like the worker, the command awards the campaign's badges and prepares the numbers.
    assertion = Assertion.objects.get(recipient=member)
    assert assertion.badge_class == rule.badge_class and "cmd-test" in assertion.evidence_url
    with pytest.raises(CommandError, match="no campaign called nope"):
        call_command("campaign_sync", "nope", stdout=StringIO())


def test_the_command_steps_aside_while_a_collection_runs(enwiki: LocalWiki, unique) -> None:
    name = unique("Waiter")
    start = datetime(2017, 8, 1, tzinfo=UTC)
    with enwiki.create_user(name, PASSWORD) as me:
        me.create_page(unique("Page"), "x", "new", at=start + timedelta(days=1))
    campaign = CampaignFactory(
        slug="cmd-busy", start=start, end=start + timedelta(days=10), on_wikis=[wiki_row(enwiki)]
    )
    Participant.objects.create(campaign=campaign, wiki_username=name)
    err = StringIO()
    with collection_lock(campaign.pk), pytest.raises(CommandError) as raised:
        call_command("campaign_sync", "cmd-busy", stdout=StringIO(), stderr=err)

    # Said, and a distinct exit code: cron and the organiser learn that nothing was done.
    assert raised.value.returncode == EXIT_ALREADY_RUNNING != 1
    assert "cmd-busy: skipped, another collection of it is running right now" in err.getvalue()
    assert not Revision.objects.filter(user=name).exists()
    call_command("campaign_sync", "cmd-busy", stdout=StringIO())
    assert Revision.objects.filter(user=name).count() == 1


def test_organisers_see_tagged_contributors_to_invite(
    client, enwiki: LocalWiki, frwiki: LocalWiki, unique
) -> None:
    start = datetime(2016, 6, 1, tzinfo=UTC)
    outsider, member = unique("Tagger"), unique("Member")
    with enwiki.create_user(outsider, PASSWORD) as me:
        me.create_page(unique("Page"), "x", "quotes #SheSaid", at=start + timedelta(days=2))
    with enwiki.create_user(member, PASSWORD) as me:
        me.create_page(unique("Page"), "x", "#SheSaid", at=start + timedelta(days=3))
    organiser = UserFactory()
    campaign = CampaignFactory(
        start=start,
        end=start + timedelta(days=20),
        is_open=True,
        organisers=[organiser],
        on_wikis=[wiki_row(enwiki), wiki_row(frwiki)],
    )
    Participant.objects.create(campaign=campaign, wiki_username=member)
    campaign_sync(campaign, client=make_client(), now=start + timedelta(days=21))
    client.force_login(organiser)

    page = client.get(reverse("campaigns:contributors", args=[campaign.slug])).content.decode()

    assert outsider in page and member not in page
    assert f"{enwiki.server_url}/index.php?title=User_talk%3A{outsider.replace(' ', '_')}" in page
    assert campaign.get_absolute_url() in page  # the invitation links to the campaign
    assert Revision.objects.filter(user=outsider, in_recent_changes=True).count() == 1


def test_the_background_task_collects_and_prepares_the_numbers(
    enwiki: LocalWiki, frwiki: LocalWiki, unique, settings
) -> None:
    from kuza.campaigns.models import Campaign
    from kuza.campaigns.selectors import campaign_metrics
    from kuza.campaigns.tasks import campaign_sync_task

    settings.SITE_URL = "https://kuza.example"
    name = unique("Tasked")
    start = datetime(2014, 4, 1, tzinfo=UTC)
    with enwiki.create_user(name, PASSWORD) as me:
        me.create_page(unique("Page"), "quote", "new", at=start + timedelta(days=1))
    campaign = CampaignFactory(
        start=start, end=start + timedelta(days=5), on_wikis=[wiki_row(enwiki), wiki_row(frwiki)]
    )
    Participant.objects.create(campaign=campaign, wiki_username=name)

    summary = campaign_sync_task.call(campaign.pk)

    assert summary["revisions_stored"] == 1 and not summary["errors"]
    # Per wiki: contributions and page origins as before, plus the delete and move logs;
    assert summary["requests"] == 10  # and the Wikidata items of the page edited
    metrics = campaign_metrics(Campaign.objects.get(pk=campaign.pk))
    assert metrics is not None and metrics.totals.articles_created == 1
