import pytest

from kuza.people.models import Membership, OrganisationSkill, Visibility
from kuza.people.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_person,
    skill,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    organisation = OrganisationFactory(slug="nairobi-group", name="Nairobi group")
    organiser = make_person("organiser", display_name="Organiser Person")
    MembershipFactory(
        organisation=organisation, user=organiser.user, role=Membership.Role.ORGANISER
    )
    return organisation, organiser


def test_organisers_edit_details_languages_and_skills(client, group):
    organisation, organiser = group
    client.force_login(organiser.user)

    response = client.post(
        "/people/organisations/nairobi-group/edit/",
        {
            "name": "Nairobi Wikimedians",
            "kind": "user_group",
            "country": "KE",
            "region": "Nairobi",
            "description": "We meet **monthly**.",
            "website": "https://example.org",
            "languages": "sw, en",
            "needs": ["grant-writing"],
            "offers": ["wikidata", "outreach"],
        },
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nairobi Wikimedians"
    assert sorted(organisation.languages.values_list("tag", flat=True)) == ["en", "sw"]
    assert set(
        organisation.skills.filter(kind=OrganisationSkill.Kind.OFFERS).values_list(
            "skill__slug", flat=True
        )
    ) == {"wikidata", "outreach"}
    page = client.get("/people/organisations/nairobi-group/").content.decode()
    assert "<strong>monthly</strong>" in page and "Kiswahili" in page


def test_members_and_strangers_cannot_edit(client, group):
    organisation, _organiser = group
    member = make_person("plain-member")
    MembershipFactory(organisation=organisation, user=member.user)
    client.force_login(member.user)

    assert client.get("/people/organisations/nairobi-group/edit/").status_code == 404
    client.post(
        "/people/organisations/nairobi-group/edit/",
        {"name": "Hijacked", "kind": "user_group", "languages": ""},
    )
    organisation.refresh_from_db()
    assert organisation.name == "Nairobi group"


def test_search_organisations_by_skill_including_more_specific_ones(client):
    lagos = OrganisationFactory(slug="lagos", name="Lagos")
    OrganisationSkill.objects.create(
        organisation=lagos, skill=skill("sparql-queries"), kind=OrganisationSkill.Kind.NEEDS
    )
    other = OrganisationFactory(slug="other", name="Other")
    OrganisationSkill.objects.create(
        organisation=other, skill=skill("storytelling"), kind=OrganisationSkill.Kind.NEEDS
    )

    page = client.get("/people/organisations/", {"skill": "wikidata", "kind": "needs"})
    offers = client.get("/people/organisations/", {"skill": "wikidata", "kind": "offers"})
    api = client.get("/api/people/organisations", {"skill": "wikidata"}).json()

    assert "Lagos" in page.content.decode() and "Other" not in page.content.decode()
    assert "Lagos" not in offers.content.decode()
    assert [row["slug"] for row in api] == ["lagos"]


def test_join_leave_and_roles(client, group):
    organisation, organiser = group
    newcomer = make_person("newcomer", visibility=Visibility.MEMBERS)
    client.force_login(newcomer.user)
    client.post("/people/organisations/nairobi-group/join/")
    assert Membership.objects.get(user=newcomer.user).role == Membership.Role.MEMBER

    client.force_login(organiser.user)
    client.post(
        f"/people/organisations/nairobi-group/members/{newcomer.user_id}/role/",
        {"role": "organiser"},
    )
    assert Membership.objects.get(user=newcomer.user).role == Membership.Role.ORGANISER
    client.post("/people/organisations/nairobi-group/leave/")
    assert not Membership.objects.filter(user=organiser.user).exists()

    client.force_login(newcomer.user)
    refused = client.post("/people/organisations/nairobi-group/leave/", follow=True)
    assert "only one" in refused.content.decode()
    assert Membership.objects.filter(user=newcomer.user).exists()


def test_a_member_cannot_change_roles(client, group):
    organisation, organiser = group
    member = make_person("member")
    MembershipFactory(organisation=organisation, user=member.user)
    client.force_login(member.user)

    client.post(
        f"/people/organisations/nairobi-group/members/{member.user_id}/role/",
        {"role": "organiser"},
    )

    assert Membership.objects.get(user=member.user).role == Membership.Role.MEMBER
