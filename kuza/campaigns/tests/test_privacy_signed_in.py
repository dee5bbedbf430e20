"""Campaign roles and one's own participation are a signed-in, active member's (is_signed_in):
tried as a visitor, the member, the member once someone blocked her, and once suspended."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns import selectors
from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory
from kuza.people.models import Membership, Organisation
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


def _answers(user, campaign) -> tuple[bool, bool, bool]:
    return (
        selectors.can_create_campaigns(user),
        selectors.is_organiser(user, campaign),
        selectors.participation_of(user=user, campaign=campaign) is not None,
    )


def test_organising_and_taking_part_need_a_signed_in_active_member():
    organiser = UserFactory(username="imani")
    organisation = Organisation.objects.create(
        name="Wiki Group", slug="wiki-group", kind=Organisation.Kind.USER_GROUP
    )
    Membership.objects.create(
        organisation=organisation, user=organiser, role=Membership.Role.ORGANISER
    )
    campaign = CampaignFactory(organisers=[organiser])
    ParticipantFactory(campaign=campaign, user=organiser)

    assert _answers(AnonymousUser(), campaign) == (False, False, False)
    assert _answers(organiser, campaign) == (True, True, True)
    block_create(blocker=UserFactory(), blocked=organiser)
    assert _answers(organiser, campaign) == (True, True, True)  # a block takes no role away

    organiser.is_active = False
    organiser.save(update_fields=["is_active"])

    assert _answers(organiser, campaign) == (False, False, False)
