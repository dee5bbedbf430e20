"""One's membership of an organisation, as its page shows it, is a signed-in, active
member's (is_signed_in): tried as a visitor, the member, the member once someone blocked
her, and once suspended."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kuza.people.selectors import membership_of
from kuza.people.tests.factories import MembershipFactory, OrganisationFactory, make_person
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


def test_a_membership_is_read_only_by_its_signed_in_active_member():
    member = make_person("imani").user
    membership = MembershipFactory(user=member, organisation=OrganisationFactory())
    organisation = membership.organisation

    assert membership_of(AnonymousUser(), organisation) is None
    assert membership_of(None, organisation) is None
    assert membership_of(make_person("other").user, organisation) is None
    assert membership_of(member, organisation) == membership
    block_create(blocker=make_person("blocker").user, blocked=member)
    assert membership_of(member, organisation) == membership

    member.is_active = False
    member.save(update_fields=["is_active"])

    assert membership_of(member, organisation) is None
