import pytest

from kuza.accounts.models import ConductAcceptance
from kuza.people.models import Membership, Organisation, Profile

AFRICAN_COUNTRIES = {
    "KE",
    "NG",
    "GH",
    "CM",
    "CI",
    "SN",
    "UG",
    "TZ",
    "ET",
    "MA",
    "TN",
    "ZA",
    "CD",
    "BJ",
}

pytestmark = pytest.mark.django_db


def test_demo_community_spans_africa_and_france(demo_community):
    countries = set(Profile.objects.values_list("country", flat=True))
    assert len(countries & AFRICAN_COUNTRIES) >= 12
    assert "FR" in countries
    assert Organisation.objects.count() >= 3
    assert Membership.objects.filter(role=Membership.Role.ORGANISER).count() >= 3


def test_every_demo_person_has_accepted_the_code_of_conduct(demo_community):
    assert ConductAcceptance.objects.count() == Profile.objects.count()


def test_demo_organiser_can_log_in(client, demo_community):
    from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD

    response = client.post("/accounts/login/", {"login": DEMO_ORGANISER, "password": DEMO_PASSWORD})
    assert response.status_code == 302
