"""Blocks are an account's whatever its state: `blocked_user_ids` and `blocked_with_q` test
`is_authenticated`, not is_signed_in, so a block outlasts a suspension. Tried as a visitor,
a member, the member she blocked, and once she is suspended."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from kuza.accounts.tests.factories import UserFactory
from kuza.safety.selectors import blocked_user_ids, blocked_with_q
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


def _in_block_with(user) -> set[int]:
    users = get_user_model().objects.all()
    return set(users.filter(blocked_with_q(user, "pk")).values_list("pk", flat=True))


def test_a_block_holds_for_both_people_and_outlasts_a_suspension():
    member, blocked, other = UserFactory(), UserFactory(), UserFactory()
    block_create(blocker=member, blocked=blocked)

    for visitor in (AnonymousUser(), None):
        assert blocked_user_ids(visitor) == set() and _in_block_with(visitor) == set()
    assert blocked_user_ids(other) == set() and _in_block_with(other) == set()
    assert blocked_user_ids(member) == {blocked.pk} == _in_block_with(member)
    assert blocked_user_ids(blocked) == {member.pk} == _in_block_with(blocked)

    member.is_active = False
    member.save(update_fields=["is_active"])

    assert blocked_user_ids(member) == {blocked.pk} == _in_block_with(member)
    assert blocked_user_ids(blocked) == {member.pk}
