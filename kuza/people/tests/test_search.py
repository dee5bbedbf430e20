import pytest
from django.core.paginator import Paginator

from kuza.accounts.tests.factories import UserFactory
from kuza.people import listing, selectors
from kuza.people.models import SEARCH_COPIES, Profile, Visibility
from kuza.people.selectors import PeopleQuery, people_search
from kuza.people.tests.factories import LanguageFactory, SkillClaimFactory, make_person, skill
from kuza.safety.services import block_create
from kuza.skills.selectors import skill_with_descendants_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer():
    return UserFactory(username="searcher")


def names(viewer, **filters) -> list[str]:
    return [
        profile.display_name
        for profile in people_search(viewer=viewer, query=PeopleQuery(**filters))
    ]


def wikidata_query(**extra) -> dict:
    wikidata = skill("wikidata")
    return {
        "skill_ids": frozenset(skill_with_descendants_ids(wikidata)),
        "exact_skill_id": wikidata.pk,
        **extra,
    }


def test_searching_a_skill_finds_people_with_its_more_specific_skills(viewer):
    SkillClaimFactory(profile=make_person("broad", display_name="Broad"), skill=skill("wikidata"))
    SkillClaimFactory(
        profile=make_person("narrow", display_name="Narrow"), skill=skill("sparql-queries")
    )
    SkillClaimFactory(
        profile=make_person("other", display_name="Other"), skill=skill("storytelling")
    )

    assert set(names(viewer, **wikidata_query())) == {"Broad", "Narrow"}


def test_exact_skill_ranks_first_then_higher_level_then_name(viewer):
    SkillClaimFactory(
        profile=make_person("a", display_name="Ann Child Expert"),
        skill=skill("sparql-queries"),
        level=4,
    )
    SkillClaimFactory(
        profile=make_person("b", display_name="Bea Exact Beginner"),
        skill=skill("wikidata"),
        level=1,
    )
    SkillClaimFactory(
        profile=make_person("c", display_name="Cleo Exact Expert"), skill=skill("wikidata"), level=4
    )
    SkillClaimFactory(
        profile=make_person("d", display_name="Dina Exact Expert"), skill=skill("wikidata"), level=4
    )
    SkillClaimFactory(
        profile=make_person("e", display_name="Eve Exact No Level"),
        skill=skill("wikidata"),
        level=None,
        wants_to_learn=True,
        knows=False,
    )

    assert names(viewer, **wikidata_query()) == [
        "Cleo Exact Expert",
        "Dina Exact Expert",
        "Bea Exact Beginner",
        "Eve Exact No Level",
        "Ann Child Expert",
    ]


@pytest.mark.parametrize(
    "role,flag",
    [
        ("mentor", "can_mentor"),
        ("learner", "wants_to_learn"),
        ("service", "offers_service"),
        ("knows", "knows"),
    ],
)
def test_role_filter_matches_only_that_role_on_the_chosen_skill(viewer, role, flag):
    no_roles = {"knows": False, "wants_to_learn": False, "can_mentor": False, "level": None}
    match = make_person("match", display_name="Match")
    SkillClaimFactory(profile=match, skill=skill("wikidata"), **{**no_roles, flag: True})
    # The role on another skill does not count, nor another role on this skill.
    elsewhere = make_person("elsewhere", display_name="Elsewhere")
    SkillClaimFactory(profile=elsewhere, skill=skill("storytelling"), **{**no_roles, flag: True})
    other_role = "offers_service" if flag != "offers_service" else "wants_to_learn"
    SkillClaimFactory(profile=elsewhere, skill=skill("wikidata"), **{**no_roles, other_role: True})

    assert names(viewer, **wikidata_query(role=role)) == ["Match"]


def test_language_filter_matches_regional_variants_of_the_language(viewer):
    LanguageFactory(profile=make_person("kenyan", display_name="Kenyan"), tag="sw-KE")
    LanguageFactory(profile=make_person("plain", display_name="Plain"), tag="sw")
    LanguageFactory(profile=make_person("swedish", display_name="Swedish"), tag="sv")

    assert names(viewer, language="sw") == ["Kenyan", "Plain"]


@pytest.mark.parametrize("by_skill", [False, True])
def test_language_and_role_filters_follow_changes_to_languages_and_claims(viewer, by_skill):
    person = make_person("changing", display_name="Changing")
    other = make_person("other", display_name="Other")
    LanguageFactory(profile=other, tag="swa")  # another language whose tag begins alike
    SkillClaimFactory(profile=other, skill=skill("wikidata"), can_mentor=False)
    claim = SkillClaimFactory(profile=person, skill=skill("wikidata"), can_mentor=True)
    spoken = LanguageFactory(profile=person, tag="sw")
    query = (
        {**wikidata_query(), "language": "sw", "role": "mentor"}
        if by_skill
        else {"language": "sw", "role": "mentor"}
    )

    assert names(viewer, **query) == ["Changing"]
    spoken.delete()
    assert names(viewer, **query) == []
    LanguageFactory(profile=person, tag="sw-TZ")
    assert names(viewer, **query) == ["Changing"]
    claim.can_mentor = False
    claim.save()
    assert names(viewer, **query) == []


def test_country_region_and_availability_filters_combine(viewer):
    make_person("a", display_name="A", country="KE", region="Nairobi", availability_hours=10)
    make_person("b", display_name="B", country="KE", region="Mombasa", availability_hours=10)
    make_person("c", display_name="C", country="KE", region="Nairobi", availability_hours=2)
    make_person("d", display_name="D", country="UG", region="Nairobi", availability_hours=10)

    assert names(viewer, country="KE", region="nairobi", min_hours=5) == ["A"]


def test_blocked_people_are_not_found_in_either_direction(viewer):
    blocker = make_person("blocker", display_name="Blocker")
    blocked = make_person("blocked", display_name="Blocked")
    block_create(blocker=blocker.user, blocked=viewer)
    block_create(blocker=viewer, blocked=blocked.user)

    assert "Blocker" not in names(viewer)
    assert "Blocked" not in names(viewer)
    assert "Searcher" not in names(blocker.user)


def test_search_page_filters_work_without_javascript_and_paginate(client, viewer):
    for index in range(25):
        profile = make_person(f"mentor{index:02}", display_name=f"Mentor {index:02}")
        SkillClaimFactory(profile=profile, skill=skill("grant-writing"), can_mentor=True)
    client.force_login(viewer)

    first = client.get("/people/", {"skill": "grant-writing", "role": "mentor"}).content.decode()
    second = client.get(
        "/people/", {"skill": "grant-writing", "role": "mentor", "page": 2}
    ).content.decode()

    assert "25 people found" in first
    assert "Mentor 00" in first and "Mentor 19" in first and "Mentor 20" not in first
    assert "Mentor 20" in second and "Mentor 24" in second
    assert "skill=grant-writing&amp;role=mentor&amp;page=2" in first


def test_invalid_filters_are_explained_not_ignored(client, viewer):
    client.force_login(viewer)

    page = client.get("/people/", {"language": "not a language", "min_hours": "-3"})

    assert page.status_code == 200
    assert "is not a language we know" in page.content.decode()


def test_api_search_uses_the_same_filters_and_rejects_bad_ones(client, viewer):
    profile = make_person("api-person", display_name="Api Person", visibility=Visibility.PUBLIC)
    SkillClaimFactory(profile=profile, skill=skill("sparql-queries"), can_mentor=True)

    found = client.get("/api/people/", {"skill": "wikidata", "role": "mentor"}).json()
    bad_role = client.get("/api/people/", {"role": "wizard"})
    bad_skill = client.get("/api/people/", {"skill": "juggling"})

    assert [row["display_name"] for row in found["results"]] == ["Api Person"]
    assert bad_role.status_code == 422 and bad_role.json()["error"]["code"] == "error"
    assert bad_skill.status_code == 422


@pytest.mark.parametrize("role", [None, "mentor", "learner"])
def test_the_count_of_ranked_results_is_the_number_of_people_listed(viewer, role):
    for index, (slug, level) in enumerate(
        [("wikidata", 4), ("sparql-queries", 2), ("wikidata", None), ("storytelling", 3)]
    ):
        profile = make_person(f"p{index}", display_name=f"P{index}")
        SkillClaimFactory(
            profile=profile, skill=skill(slug), level=level, can_mentor=index % 2 == 0,
            wants_to_learn=level is None,
        )  # fmt: skip
        # Two matching claims on one person: still one result, counted once.
        SkillClaimFactory(profile=profile, skill=skill("wikicite"), level=1)
    results = people_search(viewer=viewer, query=PeopleQuery(**wikidata_query(role=role)))

    listed = [profile.display_name for profile in results]
    assert results.count() == len(listed) == len(set(listed)) > 0
    assert [profile.display_name for profile in results[1:3]] == listed[1:3]


@pytest.mark.parametrize("by_skill", [False, True])
def test_a_broad_search_is_counted_up_to_the_most_its_pages_reach(viewer, monkeypatch, by_skill):
    monkeypatch.setattr(selectors, "RESULTS_AT_MOST", 2)
    for index in range(3):
        profile = make_person(f"p{index}", display_name=f"P{index}")
        SkillClaimFactory(profile=profile, skill=skill("wikidata"), level=2)
    query = PeopleQuery(**wikidata_query()) if by_skill else PeopleQuery(text="p")
    results = people_search(viewer=viewer, query=query)

    assert results.count() == 2 and results.total() == selectors.Total(2, more=True)
    page = Paginator(results, 20).get_page(1)
    assert [profile.display_name for profile in page.object_list] == ["P0", "P1"]

    monkeypatch.setattr(selectors, "RESULTS_AT_MOST", 3)
    assert people_search(viewer=viewer, query=query).total() == selectors.Total(3, more=False)


def test_the_page_and_the_api_say_when_more_people_match_than_they_reach(
    client, viewer, monkeypatch
):
    monkeypatch.setattr(selectors, "RESULTS_AT_MOST", 2)
    for name in ("Pat Alpha", "Pat Beta", "Pat Gamma"):
        make_person(name.lower().replace(" ", ""), display_name=name, visibility=Visibility.PUBLIC)

    page = client.get("/people/", {"q": "pat"}).content.decode()
    found = client.get("/api/people/", {"q": "pat"}).json()

    assert "More than 2 people found" in page
    assert "Pat Beta" in page and "Pat Gamma" not in page
    assert (found["count"], found["more"], found["pages"]) == (2, True, 1)


def test_each_claim_copies_its_person_after_every_change(viewer):
    person = make_person("copied", display_name="Copied", country="KE", availability_hours=8)
    claim = SkillClaimFactory(profile=person, skill=skill("wikidata"))
    LanguageFactory(profile=person, tag="sw")
    person.display_name = "Renamed"
    person.location_visibility = Visibility.PUBLIC
    person.save()
    claim.refresh_from_db()

    person.refresh_from_db()
    assert person.language_tags == " sw " and claim.display_name == "Renamed" and claim.active
    assert [getattr(claim, name) for name in SEARCH_COPIES] == [
        getattr(person, name) for name in SEARCH_COPIES
    ]


def test_a_search_by_skill_reads_the_claims_copies_and_checks_the_profiles_shown(viewer):
    found = make_person("found", display_name="Found")
    SkillClaimFactory(profile=found, skill=skill("wikidata"), level=3)
    hidden = make_person("hidden", display_name="Hidden")
    SkillClaimFactory(profile=hidden, skill=skill("wikidata"), level=4)

    assert names(viewer, **wikidata_query()) == ["Hidden", "Found"]
    # Hidden without a signal: the claim's copy is stale, the profile shown is not.
    Profile.objects.filter(pk=hidden.pk).update(visibility=Visibility.ONLY_ME)
    assert names(viewer, **wikidata_query()) == ["Found"]
    # Made private the ordinary way: the copy follows, and the count with it.
    found.skills_visibility = Visibility.MENTORS_AND_ORGANISERS
    found.save()
    assert names(viewer, **wikidata_query()) == []
    listing.refresh(profile_ids=[hidden.pk])  # what a write that bypasses signals calls
    assert people_search(viewer=viewer, query=PeopleQuery(**wikidata_query())).count() == 0


def test_suspended_people_are_not_found_and_come_back_when_lifted(viewer):
    person = make_person("away", display_name="Away")
    person.user.is_active = False
    person.user.save()

    assert "Away" not in names(viewer)

    person.user.is_active = True
    person.user.save()

    assert "Away" in names(viewer)
