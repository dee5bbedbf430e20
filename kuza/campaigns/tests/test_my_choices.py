"""A member's campaign choices are reachable from her settings page: each campaign she takes
part in with whether its leaderboard names her, and the invitation lists opt-out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.models import InvitationOptOut, Participant
from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_the_settings_page_leads_to_each_campaigns_leaderboard_choice(client) -> None:
    neema = UserFactory(username="neema-choices")
    shown = ParticipantFactory(
        campaign=CampaignFactory(name="Wiki Loves Women"), user=neema, wiki_username="Neema"
    )
    hidden = ParticipantFactory(
        campaign=CampaignFactory(name="SheSaid 2026"),
        user=neema,
        wiki_username="Neema",
        hidden_from_leaderboard=True,
    )
    other = ParticipantFactory(campaign=shown.campaign, wiki_username="Someone else")
    ParticipantFactory(campaign=CampaignFactory(name="Not hers"), wiki_username="Bea")
    client.force_login(neema)
    url = reverse("campaigns:my_choices")

    settings_page = client.get(reverse("safety:home")).content.decode()
    assert f'href="{url}"' in settings_page
    page = client.get(url).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2 and "Not hers" not in rows
    by_name = {
        name: next(row for row in rows.split("</tr>") if name in row)
        for name in ("Wiki Loves Women", "SheSaid 2026")
    }
    assert "Your name is shown." in by_name["Wiki Loves Women"]
    assert "Your name is hidden." in by_name["SheSaid 2026"]

    assert client.post(url, {"participant": shown.pk, "hidden": "1"}).status_code == 302
    assert client.post(url, {"participant": hidden.pk, "hidden": "0"}).status_code == 302
    shown.refresh_from_db()
    hidden.refresh_from_db()
    assert shown.hidden_from_leaderboard and not hidden.hidden_from_leaderboard
    # Someone else's participation, or no number at all: not found, nothing changed.
    assert client.post(url, {"participant": other.pk, "hidden": "1"}).status_code == 404
    assert client.post(url, {"participant": "x", "hidden": "1"}).status_code == 404
    assert not Participant.objects.get(pk=other.pk).hidden_from_leaderboard


def test_the_invitation_lists_opt_out_is_on_the_same_page(client) -> None:
    member = UserFactory(username="opting-out")
    client.force_login(member)
    url = reverse("campaigns:my_choices")

    assert "You take part in no campaign yet." in client.get(url).content.decode()
    assert client.post(url, {"opted_out": "on"}).status_code == 302
    assert InvitationOptOut.objects.filter(user=member).exists()
    assert client.post(url, {}).status_code == 302
    assert not InvitationOptOut.objects.filter(user=member).exists()
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
