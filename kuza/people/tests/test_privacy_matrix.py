"""The privacy matrix: every viewer against every visibility, on every page and API endpoint
that shows people. No viewer may see more than their tier allows, and a hidden person is
indistinguishable from a missing one.

Viewers: anonymous, an unrelated member, a mentor (active mentorship with the subject), an
organiser of the subject's organisation, and staff. Tiers: anonymous sees PUBLIC; members
see up to MEMBERS; mentors, organisers and staff see up to MENTORS_AND_ORGANISERS; only the
person sees ONLY_ME.
"""

import pytest
from django.test import Client

from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.services import conduct_accept
from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership, Visibility
from kuza.people.selectors import community_summary
from kuza.people.tests.factories import (
    LanguageFactory,
    MembershipFactory,
    OrganisationFactory,
    SkillClaimFactory,
    make_person,
    skill,
)

pytestmark = pytest.mark.django_db

VIEWERS = ["anonymous", "member", "mentor", "organiser", "staff"]
TIER = {
    "anonymous": Visibility.PUBLIC,
    "member": Visibility.MEMBERS,
    "mentor": Visibility.MENTORS_AND_ORGANISERS,
    "organiser": Visibility.MENTORS_AND_ORGANISERS,
    "staff": Visibility.MENTORS_AND_ORGANISERS,
}
LEVELS = list(Visibility)
SUBJECT_NAME = "Zuberi Subjectname"


@pytest.fixture
def world(mentorships):
    """A subject in an organisation, two public companions, and one viewer of each kind."""
    organisation = OrganisationFactory(slug="matrix-group", name="Matrix group")
    subject = make_person("subject", display_name=SUBJECT_NAME, country="IS", region="Reykjavik")
    companions = [
        make_person(
            f"companion{index}",
            visibility=Visibility.PUBLIC,
            country="IS",
            display_name=f"Companion {index}",
        )
        for index in range(2)
    ]
    for person in [subject, *companions]:
        SkillClaimFactory(profile=person, skill=skill("wikiquote-editing"), can_mentor=True)
        MembershipFactory(organisation=organisation, user=person.user)
    viewers = {
        "member": make_person("viewer-member").user,
        "mentor": make_person("viewer-mentor").user,
        "organiser": make_person("viewer-organiser").user,
        "staff": UserFactory(username="viewer-staff", is_staff=True),
    }
    conduct_accept(user=viewers["staff"], conduct=current_code_of_conduct())
    mentorships.add(viewers["mentor"], subject.user)
    MembershipFactory(
        organisation=organisation, user=viewers["organiser"], role=Membership.Role.ORGANISER
    )
    return {"subject": subject, "organisation": organisation, "viewers": viewers}


def client_for(world, viewer: str) -> Client:
    client = Client()
    if viewer != "anonymous":
        client.force_login(world["viewers"][viewer])
    return client


def set_visibility(profile, level, fields=None):
    profile.visibility = level
    for name in [
        "pronouns",
        "location",
        "time_zone",
        "languages",
        "affiliations",
        "bio",
        "availability",
        "skills",
        "wikimedia",
    ]:
        setattr(profile, f"{name}_visibility", level if fields is None else fields)
    profile.save()


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_whole_profile_is_shown_only_within_the_viewers_tier(world, viewer, level):
    subject = world["subject"]
    set_visibility(subject, level)
    allowed = level <= TIER[viewer]
    client = client_for(world, viewer)

    page = client.get(f"/people/{subject.pk}/")
    assert page.status_code == (200 if allowed else 404)
    assert (SUBJECT_NAME in page.content.decode()) is allowed

    search = client.get("/people/", {"q": "Subjectname"}).content.decode()
    assert (SUBJECT_NAME in search) is allowed

    by_skill = client.get("/people/", {"skill": "wikiquote-editing", "role": "mentor"})
    assert (SUBJECT_NAME in by_skill.content.decode()) is allowed

    organisation_page = client.get("/people/organisations/matrix-group/").content.decode()
    assert (SUBJECT_NAME in organisation_page) is allowed

    api_search = client.get("/api/people/", {"q": "Subjectname"}).json()
    assert (SUBJECT_NAME in [row["display_name"] for row in api_search["results"]]) is allowed
    assert api_search["count"] == (1 if allowed else 0)

    api_person = client.get(f"/api/people/{subject.pk}")
    assert api_person.status_code == (200 if allowed else 404)

    api_organisation = client.get("/api/people/organisations/matrix-group").json()
    names = [member["display_name"] for member in api_organisation["members"]]
    assert (SUBJECT_NAME in names) is allowed


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_map_counts_the_person_only_within_the_viewers_tier(world, viewer, level):
    # Two public companions in the same country: 3 people shows "3", 2 shows "fewer than 3".
    set_visibility(world["subject"], level)
    allowed = level <= TIER[viewer]
    client = client_for(world, viewer)

    rows = client.get("/api/people/map", {"skill": "wikiquote-editing"}).json()
    iceland = next(row for row in rows if row["country"] == "IS")
    assert iceland["mentors"] == (
        {"value": 3, "fewer_than_3": False} if allowed else {"value": None, "fewer_than_3": True}
    )
    page = client.get("/people/map/", {"skill": "wikiquote-editing"}).content.decode()
    iceland_row = page.split("Iceland", 1)[1].split("</tr>", 1)[0]
    mentors_cell = iceland_row.split("<td>")[1]
    assert (mentors_cell == "3</td>\n") is allowed
    assert ("fewer than 3" in mentors_cell) is not allowed


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_people_hidden_from_a_viewer_cannot_be_contacted_by_them(world, viewer, level):
    subject = world["subject"]
    set_visibility(subject, level)
    allowed = level <= TIER[viewer] and viewer != "anonymous"
    client = client_for(world, viewer)

    response = client.post(f"/people/{subject.pk}/contact/", {"message": "Hello there"})

    assert response.status_code == 302
    assert subject.user.contact_requests_received.exists() is allowed


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
def test_home_page_country_count_only_counts_places_visitors_may_see(world, level):
    set_visibility(world["subject"], level)
    for companion in world["organisation"].members.exclude(pk=world["subject"].user_id):
        companion.profile.country = "KE"
        companion.profile.save()
    countries = community_summary(None).countries

    assert countries == (2 if level == Visibility.PUBLIC else 1)


FIELD_MARKERS = {
    # field group: (profile attributes, text that only that field puts on the profile page)
    "pronouns": ({"pronouns": "xe/xem"}, "xe/xem"),
    "location": ({"region": "Westfjords"}, "Westfjords"),
    "time_zone": ({"time_zone": "Pacific/Chatham"}, "Pacific/Chatham"),
    "affiliations": ({"affiliations": "Marker University"}, "Marker University"),
    "bio": ({"bio": "I love **bio markers**"}, "bio markers"),
    "availability": ({"availability_hours": 137}, "137 hours"),
    "wikimedia": ({"wikimedia_username": "WikiMarker"}, "WikiMarker"),
    "languages": ({}, "Taqbaylit"),  # kab, shown in its own name
    "skills": ({}, "Wikiquote editing"),
}


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("field", list(FIELD_MARKERS))
def test_each_field_is_shown_only_within_the_viewers_tier(world, viewer, level, field):
    subject = world["subject"]
    attributes, marker = FIELD_MARKERS[field]
    for name, value in attributes.items():
        setattr(subject, name, value)
    LanguageFactory(profile=subject, tag="kab")
    set_visibility(subject, Visibility.PUBLIC, fields=Visibility.PUBLIC)
    setattr(subject, f"{field}_visibility", level)
    subject.save()
    allowed = level <= TIER[viewer]
    client = client_for(world, viewer)

    page = client.get(f"/people/{subject.pk}/").content.decode()
    assert (marker in page) is allowed

    api = client.get(f"/api/people/{subject.pk}").content.decode()
    api_marker = {
        "languages": '"kab"',
        "skills": "wikiquote-editing",
        "availability": '"availability_hours": 137',
    }.get(field, marker)
    assert (api_marker in api) is allowed


SEARCH_BY_FIELD = {
    "skills": {"skill": "wikiquote-editing"},
    "languages": {"language": "kab"},
    "location": {"country": "IS"},
    "availability": {"min_hours": "100"},
}


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("field", list(SEARCH_BY_FIELD))
def test_search_filters_only_match_fields_the_viewer_may_see(world, viewer, level, field):
    subject = world["subject"]
    subject.availability_hours = 137
    LanguageFactory(profile=subject, tag="kab")
    set_visibility(subject, Visibility.PUBLIC, fields=Visibility.PUBLIC)
    setattr(subject, f"{field}_visibility", level)
    subject.save()
    allowed = level <= TIER[viewer]
    client = client_for(world, viewer)

    page = client.get("/people/", {**SEARCH_BY_FIELD[field], "q": "Subjectname"})
    assert (SUBJECT_NAME in page.content.decode()) is allowed
    api = client.get("/api/people/", {**SEARCH_BY_FIELD[field], "q": "Subjectname"}).json()
    assert api["count"] == (1 if allowed else 0)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_only_me_is_seen_by_the_person_alone(world, viewer):
    subject = world["subject"]
    set_visibility(subject, Visibility.ONLY_ME)
    mine = Client()
    mine.force_login(subject.user)

    assert mine.get(f"/people/{subject.pk}/").status_code == 200
    assert client_for(world, viewer).get(f"/people/{subject.pk}/").status_code == 404


def test_email_addresses_are_never_shown(world, client):
    subject = world["subject"]
    set_visibility(subject, Visibility.PUBLIC)
    client.force_login(world["viewers"]["staff"])

    for url in [f"/people/{subject.pk}/", f"/api/people/{subject.pk}", "/api/people/"]:
        assert subject.user.email not in client.get(url).content.decode()


@pytest.mark.parametrize("viewer", ["member", "mentor", "organiser", "staff"])
def test_suspended_people_disappear_everywhere(world, viewer):
    subject = world["subject"]
    set_visibility(subject, Visibility.PUBLIC)
    subject.user.is_active = False
    subject.user.save()
    client = client_for(world, viewer)

    assert client.get(f"/people/{subject.pk}/").status_code == 404
    assert SUBJECT_NAME not in client.get("/people/", {"q": "Subjectname"}).content.decode()
    assert client.get("/api/people/", {"q": "Subjectname"}).json()["count"] == 0
    organisation = client.get("/people/organisations/matrix-group/").content.decode()
    assert SUBJECT_NAME not in organisation
    rows = client.get("/api/people/map", {"skill": "wikiquote-editing"}).json()
    assert next(row for row in rows if row["country"] == "IS")["mentors"]["value"] is None
