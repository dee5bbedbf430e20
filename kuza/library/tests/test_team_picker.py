"""Adding a co-organiser to a plan by name: the search step works without script."""

import pytest
from django.urls import reverse

from kuza.accounts.tests.factories import UserFactory
from kuza.library.services.plans import plan_start
from kuza.library.tests.factories import ToolkitFactory
from kuza.people.picker import CHOSEN
from kuza.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_an_owner_types_part_of_a_name_chooses_among_matches_and_the_person_joins(client):
    owner = UserFactory()
    plan = plan_start(toolkit=ToolkitFactory(), owner=owner, title="Edit-a-thon in Dakar")
    mame = make_person("mame", display_name="Mame Ndiaye").user
    make_person("moussa", display_name="Moussa Ndiaye")
    client.force_login(owner)
    url = reverse("library:plan_member_add", args=[plan.pk])

    search = client.post(url, {"person": "Ndiaye"})

    assert search.status_code == 400
    page = search.content.decode()
    assert "Mame Ndiaye (mame)" in page and "Moussa Ndiaye (moussa)" in page
    assert not plan.members.filter(user=mame).exists()

    chosen = client.post(url, {"person": ["Ndiaye", f"{CHOSEN}{mame.pk}"]})

    assert chosen.status_code == 302
    assert plan.members.filter(user=mame).exists()
