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


def test_demo_has_200_people_over_15_countries_with_skills_languages_and_privacy(
    demo_community,
):
    from kuza.people.models import ContactRequest, ProfileLanguage, SkillClaim, Visibility

    assert Profile.objects.count() >= 200
    assert Profile.objects.values("country").distinct().count() >= 15
    assert SkillClaim.objects.values("profile").distinct().count() == Profile.objects.count()
    assert ProfileLanguage.objects.values("profile").distinct().count() == Profile.objects.count()
    by_visibility = {
        level: Profile.objects.filter(visibility=level).count() for level in Visibility
    }
    assert by_visibility[Visibility.MEMBERS] > Profile.objects.count() / 2
    assert by_visibility[Visibility.PUBLIC] > 0
    assert by_visibility[Visibility.ONLY_ME] + by_visibility[Visibility.MENTORS_AND_ORGANISERS] > 0
    assert ContactRequest.objects.filter(recipient__username="amina").exists()
