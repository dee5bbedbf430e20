"""Events and personal safety: reports name only what the reporter may see, blocks keep two
people apart in the list and at registration, a hidden campaign is not shown with its event."""

from __future__ import annotations

import pytest

from kuza.campaigns.tests.factories import CampaignFactory
from kuza.events import selectors, services
from kuza.events.models import Registration
from kuza.events.tests.factories import EventFactory, MemberFactory
from kuza.safety import moderation
from kuza.safety import services as safety
from kuza.safety.models import Block, Report
from kuza.safety.tests.factories import ModeratorRoleFactory

pytestmark = pytest.mark.django_db


def hide(kind: str, target) -> None:
    """Hide `target` the way moderators do: a report, then "hide content"."""
    report = safety.report_create(
        reporter=MemberFactory(),
        kind=kind,
        target_id=target.pk,
        description="Harassment in the description.",
        evidence_links="",
    )
    moderation.content_hide(
        moderator=ModeratorRoleFactory(organisation=None).user, report=report, reason="Abuse."
    )


def listed(client, viewer, *, past: bool = False) -> str:
    client.force_login(viewer)
    return client.get("/events/", {"when": "past"} if past else {}).content.decode()


# --- Reports -----------------------------------------------------------------------------------


def test_a_member_reports_a_published_event_and_its_creator_is_the_person_concerned(client):
    event = EventFactory(title="Open edit-a-thon")
    reporter = MemberFactory()
    client.force_login(reporter)

    page = client.get(f"/events/{event.pk}/")
    assert f'href="/safety/report/event/{event.pk}/"' in page.content.decode()
    assert "Open edit-a-thon" in client.get(f"/safety/report/event/{event.pk}/").content.decode()
    client.post(f"/safety/report/event/{event.pk}/", {"description": "Hateful description."})

    report = Report.objects.get()
    assert (report.kind, report.target_id, report.reported_user) == (
        "event",
        event.pk,
        event.created_by,
    )
    assert report.target_snapshot == "Open edit-a-thon"


@pytest.mark.parametrize("state", ["unpublished", "hidden by moderators"])
def test_an_event_only_its_organisers_see_cannot_be_reported_or_named_by_id(client, state):
    event = EventFactory(title="Secret planning meeting", published=state != "unpublished")
    if state == "hidden by moderators":
        hide("event", event)
    prober = MemberFactory(username="prober")
    client.force_login(prober)

    page = client.get(f"/safety/report/event/{event.pk}/")
    posted = client.post(f"/safety/report/event/{event.pk}/", {"description": "Probing."})

    assert page.status_code == 404 and "Secret planning" not in page.content.decode()
    assert posted.status_code == 404
    with pytest.raises(safety.SafetyError, match="no longer exists"):
        safety.report_create(
            reporter=prober, kind="event", target_id=event.pk, description="x", evidence_links=""
        )
    assert not Report.objects.filter(reporter=prober).exists()
    # Its organisers still see it (and staff).
    assert selectors.events_visible_to(event.created_by).filter(pk=event.pk).exists()


# --- Blocks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("direction", ["viewer blocks organiser", "organiser blocks viewer"])
@pytest.mark.parametrize("role", ["creator", "co-organiser", "creator no longer organising"])
@pytest.mark.parametrize("past", [False, True])
def test_events_of_someone_in_a_block_with_the_viewer_are_not_listed(client, direction, role, past):
    from datetime import timedelta

    from django.utils import timezone

    viewer, other = MemberFactory(username="amani"), MemberFactory(username="baraka")
    when = {}
    if past:
        start = timezone.now() - timedelta(days=3)
        when = {"starts_at": start, "ends_at": start + timedelta(hours=2)}
    if role == "creator":
        theirs = EventFactory(title="Baraka's meetup", created_by=other, **when)
    elif role == "co-organiser":
        theirs = EventFactory(title="Baraka's meetup", organisers=[MemberFactory(), other], **when)
    else:
        theirs = EventFactory(
            title="Baraka's meetup", created_by=other, organisers=[MemberFactory()], **when
        )
    unrelated = EventFactory(title="Someone else's workshop", **when)
    bystander = MemberFactory(username="bystander")
    assert "Baraka&#x27;s meetup" in listed(client, viewer, past=past)

    if direction == "viewer blocks organiser":
        Block.objects.create(blocker=viewer, blocked=other)
    else:
        Block.objects.create(blocker=other, blocked=viewer)

    page = listed(client, viewer, past=past)
    assert "Baraka&#x27;s meetup" not in page
    assert "Someone else&#x27;s workshop" in page
    assert list(selectors.event_listing(viewer, past=past)) == [unrelated]
    # Nobody else loses the event.
    assert "Baraka&#x27;s meetup" in listed(client, bystander, past=past)
    client.logout()
    assert (
        "Baraka&#x27;s meetup"
        in client.get("/events/", {"when": "past"} if past else {}).content.decode()
    )
    assert theirs in selectors.event_listing(other, past=past)


def test_the_viewers_own_event_stays_listed_when_a_co_organiser_is_blocked(client):
    viewer, other = MemberFactory(), MemberFactory()
    ours = EventFactory(title="Our joint session", organisers=[viewer, other])
    Block.objects.create(blocker=viewer, blocked=other)

    assert "Our joint session" in listed(client, viewer)
    assert ours in selectors.event_listing(other)


@pytest.mark.parametrize("direction", ["viewer blocks organiser", "organiser blocks viewer"])
def test_the_event_page_says_a_blocked_member_cannot_register_and_registering_is_refused(
    client, direction
):
    viewer, organiser = MemberFactory(), MemberFactory()
    event = EventFactory(title="Wikidata clinic", organisers=[MemberFactory(), organiser])
    client.force_login(viewer)
    assert (
        f'action="/events/{event.pk}/register/"'
        in client.get(f"/events/{event.pk}/").content.decode()
    )
    if direction == "viewer blocks organiser":
        Block.objects.create(blocker=viewer, blocked=organiser)
    else:
        Block.objects.create(blocker=organiser, blocked=viewer)

    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "You cannot register for this event." in page
    assert f'action="/events/{event.pk}/register/"' not in page
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert "You cannot register for this event." in response.content.decode()
    assert not Registration.objects.filter(event=event, user=viewer).exists()
    with pytest.raises(services.NotAllowed):
        services.registration_create(event=event, user=viewer, answers={})


def test_an_event_page_does_not_show_a_campaign_moderators_hid(client):
    campaign = CampaignFactory(name="Hateful campaign", slug="hateful")
    event = EventFactory(title="Edit-a-thon", campaign=campaign)
    client.force_login(MemberFactory())
    assert 'href="/campaigns/hateful/"' in client.get(f"/events/{event.pk}/").content.decode()

    hide("campaign", campaign)

    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Hateful campaign" not in page and "/campaigns/hateful/" not in page
    assert client.get(f"/api/events/{event.pk}").json()["campaign"] is None
    # Its organisers still see the link.
    client.force_login(campaign.organisers.get())
    assert 'href="/campaigns/hateful/"' in client.get(f"/events/{event.pk}/").content.decode()
