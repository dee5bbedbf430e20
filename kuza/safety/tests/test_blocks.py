import pytest
from django.db import IntegrityError

from kuza.accounts.tests.factories import UserFactory
from kuza.safety import selectors, services

pytestmark = pytest.mark.django_db


def test_a_block_hides_people_from_each_other_in_both_directions():
    amina, stalker, friend = UserFactory(), UserFactory(), UserFactory()

    services.block_create(blocker=amina, blocked=stalker)

    assert selectors.blocked_user_ids(amina) == {stalker.pk}
    assert selectors.blocked_user_ids(stalker) == {amina.pk}
    assert selectors.blocked_user_ids(friend) == set()
    assert selectors.is_blocked_between(stalker, amina)


def test_blocking_twice_keeps_one_block_and_unblocking_removes_it():
    amina, other = UserFactory(), UserFactory()
    services.block_create(blocker=amina, blocked=other)
    services.block_create(blocker=amina, blocked=other)

    assert amina.blocks_made.count() == 1
    services.block_remove(blocker=amina, blocked=other)
    assert not selectors.is_blocked_between(amina, other)


def test_nobody_can_block_themself():
    amina = UserFactory()
    with pytest.raises(services.SafetyError):
        services.block_create(blocker=amina, blocked=amina)
    with pytest.raises(IntegrityError):
        from kuza.safety.models import Block

        Block.objects.create(blocker=amina, blocked=amina)
