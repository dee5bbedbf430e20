import pytest
from django.contrib.auth.models import AnonymousUser

from kuza.core import navigation
from kuza.core.navigation import NavItem


@pytest.fixture
def moderators_only_entry():
    item = NavItem("healthz", "Queue", order=99, visible=lambda user: user.username == "neema")
    navigation.register(item)
    assert item in navigation._items
    yield item
    navigation._items.remove(item)


@pytest.mark.django_db
def test_an_entry_with_a_visibility_rule_shows_only_to_whom_it_names(
    moderators_only_entry, django_user_model
):
    neema = django_user_model.objects.create_user("neema")
    other = django_user_model.objects.create_user("juma")
    assert moderators_only_entry in navigation.items_for(neema)
    assert moderators_only_entry not in navigation.items_for(other)
    assert moderators_only_entry not in navigation.items_for(AnonymousUser())
