"""After sign-up, three short questions that end on the page the person came for."""

import pytest
from django.urls import reverse

from kuza.people.models import SkillClaim
from kuza.people.tests.factories import make_person, skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills():
    # From the seeded taxonomy.
    return skill("wikidata"), skill("grant-writing")


def test_sign_up_leads_to_the_onboarding(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "halima@example.org",
            "username": "halima",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
            "accept_code_of_conduct": "on",
        },
    )

    assert response.status_code == 302 and response["Location"] == reverse("people:welcome")


def test_answers_are_saved_and_a_mentor_seeker_lands_on_the_mentor_search(client, skills):
    known, wanted = skills
    member = make_person("halima").user
    client.force_login(member)

    response = client.post(
        reverse("people:welcome"),
        {
            "display_name": "Halima Yusuf",
            "country": "NG",
            "knows": known.slug,
            "wants": wanted.slug,
            "reason": "mentor",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mentorship:find')}?skill={wanted.pk}"
    member.profile.refresh_from_db()
    assert (member.profile.display_name, member.profile.country.code) == ("Halima Yusuf", "NG")
    claims = {claim.skill: claim for claim in SkillClaim.objects.filter(profile=member.profile)}
    assert claims[known].knows and not claims[known].wants_to_learn
    assert claims[wanted].wants_to_learn and not claims[wanted].knows


@pytest.mark.parametrize(
    "reason,destination",
    [("course", "learning:catalogue"), ("campaign", "campaigns:list"), ("looking", "home")],
)
def test_each_answer_ends_on_its_page(client, reason, destination):
    client.force_login(make_person("halima").user)

    response = client.post(reverse("people:welcome"), {"display_name": "Halima", "reason": reason})

    assert response["Location"] == reverse(destination)


def test_a_blank_name_is_refused_and_nothing_is_saved(client):
    member = make_person("halima", display_name="Halima").user
    client.force_login(member)

    response = client.post(reverse("people:welcome"), {"display_name": " ", "reason": "course"})

    assert response.status_code == 400
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Halima"
