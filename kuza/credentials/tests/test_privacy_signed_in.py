"""Managing an organisation's badges and acting on one's own are a signed-in, active
member's (is_signed_in): tried as a visitor, the member, the member once someone blocked
her, and once suspended."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials import selectors
from kuza.credentials.tests.factories import AssertionFactory, MembershipFactory
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


def _answers(user, assertion) -> tuple[set[int], bool, list]:
    try:
        owned = selectors.owned_assertion(user=user, uuid=assertion.uuid) == assertion
    except Http404:
        owned = False
    return selectors.organiser_organisation_ids(user), owned, list(selectors.backpack(user))


def test_organising_and_ones_own_badges_need_a_signed_in_active_member():
    organiser = UserFactory(username="imani")
    membership = MembershipFactory(user=organiser)
    assertion = AssertionFactory(recipient=organiser)
    hers = ({membership.organisation_id}, True, [assertion])

    assert _answers(AnonymousUser(), assertion) == (set(), False, [])
    assert _answers(None, assertion) == (set(), False, [])
    assert _answers(organiser, assertion) == hers
    assert _answers(UserFactory(), assertion) == (set(), False, [])  # another member
    block_create(blocker=UserFactory(), blocked=organiser)
    assert _answers(organiser, assertion) == hers  # a block takes nothing of hers away

    organiser.is_active = False
    organiser.save(update_fields=["is_active"])

    assert _answers(organiser, assertion) == (set(), False, [])
