"""Hiding from leaderboards and the map, and content hidden by moderators."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext_lazy as _

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Organisation
from kuza.safety import moderation, reportables, selectors, services
from kuza.safety.models import HiddenContent
from kuza.safety.tests.factories import ModeratorRoleFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_members_hide_from_leaderboards_and_the_map_on_their_safety_page(client):
    neema, other = UserFactory(), UserFactory()
    client.force_login(neema)
    assert _ids(selectors.users_hidden_from_leaderboards()) == set()

    client.post("/safety/", {"hide_from_leaderboards": "on"})

    assert _ids(selectors.users_hidden_from_leaderboards()) == {neema.pk}
    assert _ids(selectors.users_hidden_from_map()) == set()
    client.post("/safety/", {"hide_from_map": "on"})
    assert _ids(selectors.users_hidden_from_map()) == {neema.pk}
    assert _ids(selectors.users_hidden_from_leaderboards()) == set()
    assert not selectors.preferences_of(other).hide_from_map


def test_preferences_in_the_api(client):
    neema = UserFactory()
    client.force_login(neema)

    body = {"hide_from_leaderboards": True, "hide_from_map": False}
    assert (
        client.put("/api/safety/preferences", body, content_type="application/json").json() == body
    )
    assert client.get("/api/safety/preferences").json() == body


@pytest.fixture
def organisations_are_reportable():
    """A content kind as another app would register it: here organisations' pages."""
    reportables.register(
        reportables.Reportable(
            kind="organisation",
            model=Organisation,
            label=_("an organisation"),
            describe=lambda organisation: organisation.name,
            organisation_of=lambda organisation: organisation,
        )
    )
    yield
    reportables._registry.pop("organisation")


def test_moderators_hide_content_other_apps_then_leave_out(organisations_are_reportable):
    spam, fine = OrganisationFactory(name="Buy links"), OrganisationFactory()
    moderator = ModeratorRoleFactory(organisation=spam).user
    report = services.report_create(
        reporter=UserFactory(),
        kind="organisation",
        target_id=spam.pk,
        description="Advertising",
        evidence_links=[],
    )

    moderation.content_hide(moderator=moderator, report=report, reason="Spam")

    assert selectors.is_hidden(spam) and not selectors.is_hidden(fine)
    visible = selectors.exclude_hidden(Organisation.objects.filter(pk__in=[spam.pk, fine.pk]))
    assert list(visible) == [fine]
    moderation.content_unhide(moderator=moderator, report=report)
    assert not selectors.is_hidden(spam)
    assert not HiddenContent.objects.exists()


def test_an_organisation_moderator_sees_reports_on_content_of_their_organisation(
    client, organisations_are_reportable
):
    group = OrganisationFactory()
    moderator = ModeratorRoleFactory(organisation=group).user
    outsider = ModeratorRoleFactory().user
    report = services.report_create(
        reporter=UserFactory(),
        kind="organisation",
        target_id=group.pk,
        description="Fake group",
        evidence_links=[],
    )

    client.force_login(moderator)
    page = client.get(f"/safety/moderation/{report.pk}/").content.decode()
    assert "Hide" in page and "Suspend" not in page
    client.force_login(outsider)
    assert client.get(f"/safety/moderation/{report.pk}/").status_code == 404


def test_people_are_suspended_not_hidden(cast):
    with pytest.raises(services.SafetyError):
        moderation.content_hide(moderator=cast.staff, report=cast.report, reason="x")


def test_leaving_leaderboards_on_the_safety_page_takes_the_member_off_campaign_leaderboards(
    client,
):
    from kuza.campaigns.selectors import hidden_usernames
    from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory

    neema, viewer = UserFactory(username="neema-lb"), UserFactory(username="viewer-lb")
    neema.profile.wikimedia_username = "Neema (WMTZ)"
    neema.profile.wikimedia_verified = True
    neema.profile.save()
    campaign = CampaignFactory()
    ParticipantFactory(campaign=campaign, user=neema, wiki_username="Neema WMTZ")
    assert hidden_usernames(campaign, viewer=viewer) == set()

    client.force_login(neema)
    client.post("/safety/", {"hide_from_leaderboards": "on"})

    # As a participant, and as a contributor found by her verified Wikimedia name.
    assert hidden_usernames(campaign, viewer=viewer) == {"Neema WMTZ", "Neema (WMTZ)"}
    client.post("/safety/", {})
    assert hidden_usernames(campaign, viewer=viewer) == set()
