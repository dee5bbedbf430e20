"""The precomputed capacity map gives exactly what the rules give, for every persona, and
stays so after each kind of change (kuza.people.listing keeps it fresh)."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from kuza.accounts.selectors import is_signed_in
from kuza.accounts.tests.factories import UserFactory
from kuza.people import listing
from kuza.people.capacity import MapFilter, RawCounts, raw_people_counts
from kuza.people.capacity_contribution import (
    FIGURES,
    Claim,
    PersonFacts,
    Taxonomy,
    contribution,
    language_keys,
)
from kuza.people.models import (
    CapacityContribution,
    CapacityCount,
    Membership,
    Profile,
    ProfileLanguage,
    SkillClaim,
    Visibility,
)
from kuza.people.owndata import account_delete
from kuza.people.selectors import people_visible_to
from kuza.people.services import (
    profile_languages_set,
    profile_update,
    skill_claim_delete,
    skill_claim_save,
)
from kuza.people.tests.factories import MembershipFactory, OrganisationFactory, make_person, skill
from kuza.people.visibility import can_see, tier_for
from kuza.safety.selectors import blocked_user_ids, users_hidden_from_map
from kuza.safety.services import block_create, preferences_update

SKILLS = ["wikidata", "sparql-queries", "grant-writing", "outreach", "storytelling"]
TAGS = ["sw", "sw-KE", "fr", "en"]
TIERS = [
    Visibility.PUBLIC,
    Visibility.MEMBERS,
    Visibility.MEMBERS,
    Visibility.MENTORS_AND_ORGANISERS,
    Visibility.ONLY_ME,
]
PERSONAS = [
    "visitor",
    "member",
    "organiser",
    "mentor",
    "staff",
    "blocked member",
    "hidden from map",
    "suspended",
    "only me",
]


# --- The rules, read one person at a time --------------------------------------------------


def by_the_rules(viewer, map_filters: list[MapFilter]) -> list[dict[str, RawCounts]]:
    """What the map must show under each filter, from tier_for/can_see, blocks, suspension and
    the map switch. One pass over the people serves every filter: the viewer's tier on each
    person (queries of their relationships) is the costly part, and the same for each."""
    blocked = blocked_user_ids(viewer) if is_signed_in(viewer) else set()
    hidden = set(users_hidden_from_map().values_list("pk", flat=True))
    people_per_filter: list[dict[str, list[set]]] = [
        defaultdict(lambda: [set() for _figure in range(6)]) for _filter in map_filters
    ]
    for profile in Profile.objects.select_related("user").prefetch_related(
        "skill_claims", "languages"
    ):
        if (
            not profile.user.is_active
            or profile.user_id in blocked
            or profile.user_id in hidden
            or not profile.country
        ):
            continue
        tier = tier_for(viewer, profile)
        tags = [row.tag for row in profile.languages.all()]
        for map_filter, people in zip(map_filters, people_per_filter, strict=True):
            fields = [None, "skills", "location"] + (["languages"] if map_filter.language else [])
            if not all(can_see(profile, tier, name) for name in fields):
                continue
            language = map_filter.language
            if language and not any(
                tag == language or tag.startswith(f"{language}-") for tag in tags
            ):
                continue
            claims = [
                claim
                for claim in profile.skill_claims.all()
                if map_filter.skill_ids is None or claim.skill_id in map_filter.skill_ids
            ]
            figures = people[profile.country]
            for claim in claims:
                figures[0].add(profile.pk)
                for index, flag in enumerate(
                    [
                        claim.can_mentor,
                        claim.knows,
                        claim.wants_to_learn,
                        claim.offers_service,
                        claim.can_mentor or claim.offers_service,
                    ],
                    start=1,
                ):
                    if flag:
                        figures[index].add(profile.pk)
    return [
        {
            country: RawCounts(*(len(ids) for ids in figures[1:]))
            for country, figures in people.items()
            if figures[0]
        }
        for people in people_per_filter
    ]


# --- A small world with every kind of person -----------------------------------------------


@pytest.fixture
def world(db, mentorships):
    rng = random.Random(22)
    people = []
    for index in range(36):
        profile = make_person(
            f"person{index}",
            visibility=rng.choice(TIERS[:4]),
            country=rng.choice(["KE", "KE", "TZ", "SN", ""]),
        )
        for name in ("skills_visibility", "location_visibility", "languages_visibility"):
            setattr(profile, name, rng.choice(TIERS))
        profile.save()
        for slug in rng.sample(SKILLS, rng.randint(0, 3)):
            level = rng.choice([None, 2, 3, 4])
            SkillClaim.objects.create(
                profile=profile,
                skill=skill(slug),
                level=level,
                knows=level is not None,
                wants_to_learn=level is None or rng.random() < 0.2,
                can_mentor=bool(level and level >= 3 and rng.random() < 0.6),
                offers_service=bool(level and rng.random() < 0.3),
            )
        for tag in rng.sample(TAGS, rng.randint(0, 2)):
            ProfileLanguage.objects.create(profile=profile, tag=tag)
        people.append(profile)
    organisation = OrganisationFactory(slug="precomputed-group")
    for profile in people[:12]:
        MembershipFactory(organisation=organisation, user=profile.user)

    def viewer_with_claims(name: str, **fields) -> Profile:
        profile = make_person(name, country="KE", **fields)
        skill_claim_save(
            profile=profile, skill=skill("wikidata"), level=4, knows=True,
            wants_to_learn=False, can_mentor=True, offers_service=False,
        )  # fmt: skip
        return profile

    viewers = {
        "visitor": AnonymousUser(),
        "member": viewer_with_claims("viewer-member").user,
        "organiser": viewer_with_claims("viewer-organiser").user,
        "mentor": viewer_with_claims(
            "viewer-mentor", visibility=Visibility.MENTORS_AND_ORGANISERS
        ).user,  # fmt: skip
        "staff": UserFactory(username="viewer-staff", is_staff=True),
        "blocked member": viewer_with_claims("viewer-blocked").user,
        "hidden from map": viewer_with_claims("viewer-hidden").user,
        "suspended": viewer_with_claims("viewer-suspended").user,
        "only me": viewer_with_claims("viewer-only-me", visibility=Visibility.ONLY_ME).user,
    }
    MembershipFactory(
        organisation=organisation, user=viewers["organiser"], role=Membership.Role.ORGANISER
    )
    close = [p for p in people if p.visibility == Visibility.MENTORS_AND_ORGANISERS]
    for partner in close[:2] + people[20:22]:
        mentorships.add(viewers["mentor"], partner.user)
    for other in people[:3]:
        block_create(blocker=viewers["blocked member"], blocked=other.user)
    block_create(blocker=people[5].user, blocked=viewers["blocked member"])
    preferences_update(
        user=viewers["hidden from map"], hide_from_leaderboards=False, hide_from_map=True
    )
    for profile in people[30:32]:
        preferences_update(user=profile.user, hide_from_leaderboards=False, hide_from_map=True)
    suspended = people[6].user
    suspended.is_active = False
    suspended.save()  # as the administration does (moderation: kuza/safety/tests)
    viewers["suspended"].is_active = False
    viewers["suspended"].save()
    return {"people": people, "viewers": viewers, "organisation": organisation}


def filters() -> list[MapFilter]:
    result = [MapFilter.for_skill(skill("sparql-queries")), MapFilter(language="fr")]
    for language in (None, "sw", "sw-KE"):
        result.append(MapFilter(language=language))
        result.append(MapFilter.for_skill(skill("wikidata"), language))
        result.append(MapFilter.for_category(skill("grant-writing").category, language))
    return result


def fresh(viewer):
    """The viewer as a new request sees them (no per-request caches)."""
    if not getattr(viewer, "pk", None):
        return viewer
    return get_user_model().objects.get(pk=viewer.pk)


def assert_map_follows_the_rules(world) -> None:
    map_filters = filters()
    for persona in PERSONAS:
        viewer = world["viewers"][persona]
        for map_filter, expected in zip(
            map_filters, by_the_rules(fresh(viewer), map_filters), strict=True
        ):
            live = MapFilter(skill_ids=map_filter.skill_ids, language=map_filter.language)
            assert raw_people_counts(fresh(viewer), live) == expected, (persona, map_filter)
            assert raw_people_counts(fresh(viewer), map_filter) == expected, (persona, map_filter)
    columns = ["key", "language", "tier", "country", *FIGURES]
    stored = set(CapacityCount.objects.values_list(*columns))
    listing.rebuild()
    rebuilt = set(CapacityCount.objects.values_list(*columns))
    assert {row for row in stored if any(row[4:])} == {row for row in rebuilt if any(row[4:])}


def test_precomputed_map_matches_the_rules_for_every_persona(world):
    assert CapacityContribution.objects.exists()
    assert not Profile.objects.get(user=world["people"][6].user).active

    assert_map_follows_the_rules(world)


def _edit_profile(world):
    profile = world["people"][8]
    profile_update(profile=profile, data={"country": "SN", "visibility": Visibility.PUBLIC})


def _privacy_change(world):
    for profile in world["people"][9:12]:
        profile_update(
            profile=profile,
            data={
                "skills_visibility": Visibility.MENTORS_AND_ORGANISERS,
                "location_visibility": Visibility.PUBLIC,
            },
        )


def _block(world):
    block_create(blocker=world["people"][13].user, blocked=world["viewers"]["member"])
    block_create(blocker=world["viewers"]["organiser"], blocked=world["people"][1].user)


def _suspension(world):
    user = world["people"][14].user
    user.is_active = False
    user.save()
    lifted = world["people"][6].user
    lifted.is_active = True
    lifted.save()


def _map_switch(world):
    preferences_update(
        user=world["people"][30].user, hide_from_leaderboards=False, hide_from_map=False
    )
    preferences_update(
        user=world["people"][15].user, hide_from_leaderboards=False, hide_from_map=True
    )


def _languages(world):
    profile_languages_set(profile=world["people"][16], languages=[("sw-KE", 3), ("fr", 2)])
    profile_languages_set(profile=world["people"][17], languages=[])


def _claims(world):
    profile = world["people"][18]
    for claim in list(profile.skill_claims.all()):
        skill_claim_delete(profile=profile, claim_id=claim.pk)
    skill_claim_save(
        profile=world["people"][19], skill=skill("sparql-queries"), level=None, knows=False,
        wants_to_learn=True, can_mentor=False, offers_service=True,
    )  # fmt: skip


def _account_deleted(world):
    account_delete(user=world["people"][20].user)


def _skill_moved(world):
    moved = skill("outreach")
    moved.parent = skill("wikidata")
    moved.save()


def _membership(world):
    MembershipFactory(organisation=world["organisation"], user=world["people"][25].user)


@pytest.mark.parametrize(
    "change",
    [
        _edit_profile,
        _privacy_change,
        _block,
        _suspension,
        _map_switch,
        _languages,
        _claims,
        _account_deleted,
        _skill_moved,
        _membership,
    ],
    ids=lambda change: change.__name__.strip("_"),
)
def test_precomputed_map_stays_fresh_after_each_change(world, change):
    change(world)

    assert_map_follows_the_rules(world)


# --- The contribution of one person (pure) ---------------------------------------------------


TAXONOMY = Taxonomy(parent={1: None, 2: 1, 3: None}, category={1: 10, 2: 10, 3: 11})


def person(**changes) -> PersonFacts:
    facts = {
        "on_map": True,
        "country": "KE",
        "visibility": 1,
        "skills_visibility": 0,
        "location_visibility": 1,
        "languages_visibility": 2,
        "language_tags": ("sw-KE",),
        "claims": (
            Claim(2, knows=True, wants_to_learn=False, can_mentor=True, offers_service=False),
        ),  # fmt: skip
    }
    return PersonFacts(**{**facts, **changes})


def test_a_claim_counts_for_its_skill_the_skills_above_it_its_category_and_every_skill():
    buckets = contribution(person(), TAXONOMY)

    keys = {key for key, language, _tier, _country in buckets if language == ""}
    assert keys == {"", "s1", "s2", "c10"}
    assert buckets[("s1", "", 1, "KE")] == (1, 1, 1, 0, 0, 1)


def test_a_language_filter_needs_the_languages_tier_and_finds_subtags():
    buckets = contribution(person(), TAXONOMY)

    assert ("s2", "sw", 2, "KE") in buckets and ("s2", "sw-KE", 2, "KE") in buckets
    assert language_keys(["zh-Hant-TW"]) == {"zh", "zh-Hant", "zh-Hant-TW"}


@pytest.mark.parametrize("changes", [{"on_map": False}, {"country": ""}, {"claims": ()}])
def test_people_off_the_map_contribute_nothing(changes):
    assert contribution(person(**changes), TAXONOMY) == {}


def test_a_profile_only_its_person_may_see_is_only_in_the_only_me_buckets():
    buckets = contribution(person(visibility=Visibility.ONLY_ME), TAXONOMY)

    assert buckets and {tier for _key, _language, tier, _country in buckets} == {3}


def _deactivated_without_a_signal(world):
    get_user_model().objects.filter(pk=world["people"][14].user.pk).update(is_active=False)


def test_the_account_stays_the_rule_when_its_copy_is_stale(world):
    """An account deactivated by a write that sends no signal (QuerySet.update) leaves the
    copies stale: the map and the lists of people still leave the person out."""
    person = world["people"][14]
    _deactivated_without_a_signal(world)

    assert Profile.objects.get(pk=person.pk).active  # the copy was not refreshed
    for persona in PERSONAS:
        viewer = world["viewers"][persona]
        assert not people_visible_to(fresh(viewer)).filter(pk=person.pk).exists(), persona
        map_filters = filters()
        for map_filter, expected in zip(
            map_filters, by_the_rules(fresh(viewer), map_filters), strict=True
        ):
            assert raw_people_counts(fresh(viewer), map_filter) == expected, (persona, map_filter)
            live = MapFilter(skill_ids=map_filter.skill_ids, language=map_filter.language)
            assert raw_people_counts(fresh(viewer), live) == expected, (persona, map_filter)
