import re

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import given
from hypothesis import strategies as st

from kuza.accounts.tests.factories import UserFactory
from kuza.people.capacity import (
    MapFilter,
    NeedSource,
    capacity_map,
    raw_people_counts,
    register_need_source,
    unregister_need_source,
)
from kuza.people.capacity_rules import SMALL_COUNT, count_band, gap, gap_band, shown
from kuza.people.mapchart import render_capacity_svg
from kuza.people.models import Visibility
from kuza.people.tests.factories import LanguageFactory, SkillClaimFactory, make_person, skill
from kuza.safety.services import block_create, preferences_update
from kuza.skills.selectors import category_skill_ids, skill_with_descendants_ids

# --- The small-count rule (pure) ------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10_000))
def test_counts_below_three_are_never_shown_as_numbers(count):
    value = shown(count)
    assert value.is_small is (count < SMALL_COUNT)
    assert value.value in (None, count)
    assert value.value is None or value.value >= SMALL_COUNT


@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=0, max_value=1000))
def test_a_gap_never_reveals_a_hidden_count(needs, offers):
    difference = gap(shown(needs), shown(offers))
    if needs < SMALL_COUNT or offers < SMALL_COUNT:
        assert difference is None
    else:
        assert difference == needs - offers
    assert gap_band(shown(needs), shown(offers)) in {0, 1, 2}


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_count_bands_grow_with_the_count_and_put_one_and_two_together(first, second):
    low, high = sorted((first, second))
    assert (count_band(low) or -1) <= (count_band(high) or -1)
    assert count_band(0) is None
    assert count_band(1) == count_band(2) == 0
    assert count_band(3) == 1


# --- Aggregation ---------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def person_with(username, country, slug, visibility=Visibility.MEMBERS, **claim):
    profile = make_person(username, country=country, visibility=visibility)
    SkillClaimFactory(profile=profile, skill=skill(slug), **claim)
    return profile


@pytest.fixture
def viewer():
    return UserFactory(username="map-viewer")


def test_people_are_counted_once_per_role_and_country(viewer):
    person = make_person("multi", country="KE")
    SkillClaimFactory(profile=person, skill=skill("wikidata"), can_mentor=True)
    SkillClaimFactory(profile=person, skill=skill("sparql-queries"), can_mentor=True)
    person_with("learner", "KE", "wikicite", wants_to_learn=True, knows=False, level=None)
    person_with("ugandan", "UG", "wikidata", offers_service=True)

    counts = raw_people_counts(
        viewer, MapFilter(skill_ids=frozenset(skill_with_descendants_ids(skill("wikidata"))))
    )

    assert counts["KE"].mentors == 1  # two skills, one person
    assert counts["KE"].knows == 1
    assert counts["KE"].learners == 1
    assert counts["KE"].offers == 1
    assert counts["UG"].services == 1 and counts["UG"].offers == 1 and counts["UG"].mentors == 0


def test_category_and_language_filters(viewer):
    speaker = person_with("speaker", "TZ", "grant-writing", can_mentor=True)
    LanguageFactory(profile=speaker, tag="sw")
    person_with("silent", "TZ", "grant-writing", can_mentor=True)
    person_with("technical", "TZ", "wikidata", can_mentor=True)
    governance = frozenset(category_skill_ids(skill("grant-writing").category))

    by_category = raw_people_counts(viewer, MapFilter(skill_ids=governance))
    by_language = raw_people_counts(viewer, MapFilter(skill_ids=governance, language="sw"))

    assert by_category["TZ"].mentors == 2
    assert by_language["TZ"].mentors == 1


def test_people_who_leave_the_map_or_hide_their_place_are_not_counted(viewer):
    person_with("shown", "GH", "outreach", can_mentor=True)
    hidden = person_with("left", "GH", "outreach", can_mentor=True)
    preferences_update(user=hidden.user, hide_from_leaderboards=False, hide_from_map=True)
    secret_place = person_with("secret-place", "GH", "outreach", can_mentor=True)
    secret_place.location_visibility = Visibility.ONLY_ME
    secret_place.save()
    secret_skills = person_with("secret-skills", "GH", "outreach", can_mentor=True)
    secret_skills.skills_visibility = Visibility.MENTORS_AND_ORGANISERS
    secret_skills.save()

    assert raw_people_counts(viewer, MapFilter())["GH"].mentors == 1


def test_small_counts_become_fewer_than_three_and_hide_the_gap(viewer):
    for index in range(4):
        person_with(f"mentor{index}", "SN", "storytelling", can_mentor=True)
    for index in range(2):
        person_with(f"learner{index}", "SN", "storytelling", wants_to_learn=True)

    (senegal,) = capacity_map(viewer, MapFilter())

    assert senegal.mentors.value == 4
    assert senegal.learners.is_small and senegal.learners.value is None
    assert senegal.gap is None


def test_extra_need_sources_add_to_needs_and_follow_the_small_count_rule(viewer):
    for index in range(3):
        person_with(f"mentor{index}", "BJ", "storytelling", can_mentor=True)
        person_with(f"learner{index}", "BJ", "storytelling", wants_to_learn=True, knows=False)
    survey = NeedSource(
        key="survey", label="Needs assessment", counts=lambda viewer, f: {"BJ": 5, "CM": 1}
    )
    register_need_source(survey)
    try:
        rows = {row.country: row for row in capacity_map(viewer, MapFilter())}
    finally:
        unregister_need_source("survey")

    assert rows["BJ"].needs.value == 8  # 3 learners + 5 from the survey
    assert rows["BJ"].needs_by_source["survey"].value == 5
    assert rows["BJ"].gap == 8 - 3
    assert rows["CM"].needs.is_small and rows["CM"].mentors.is_small


def test_the_map_svg_has_no_script_and_never_a_small_number(client):
    for index in range(2):
        person_with(f"pair{index}", "ZA", "storytelling", Visibility.PUBLIC, can_mentor=True)
    for index in range(12):
        person_with(f"many{index}", "KE", "storytelling", Visibility.PUBLIC, can_mentor=True)

    response = client.get("/people/map.svg", {"skill": "storytelling", "metric": "mentors"})
    svg = response.content.decode()

    assert response["Content-Type"] == "image/svg+xml"
    assert "<script" not in svg.lower()
    assert "fewer than 3" in svg and "10 to 24" in svg
    # South Africa is drawn in the "fewer than 3" band, with no count written anywhere.
    assert not re.search(r">\s*2\s*<", svg)
    assert "South Africa: fewer than 3" in svg and "Kenya: 10 to 24" in svg
    assert len(response.content) < 250_000


def test_rendered_bands_use_only_coarsened_rows():
    rows = []
    svg = render_capacity_svg(rows, "gap", "Empty").decode()
    assert "<svg" in svg and "<script" not in svg


def test_map_page_has_an_accessible_table_and_links_the_svg(client):
    for index in range(3):
        person_with(f"p{index}", "KE", "mentoring", Visibility.PUBLIC, can_mentor=True)

    page = client.get("/people/map/", {"category": "organizational", "metric": "gap"})
    html = page.content.decode()

    assert page.status_code == 200
    assert '<img src="/people/map.svg?category=organizational&amp;metric=gap"' in html
    assert "<caption>" in html and '<th scope="row">Kenya</th>' in html


def test_the_map_image_fits_the_page_budget_compressed(client):
    import gzip

    from kuza.core.pagecheck import PAGE_BUDGET_BYTES

    for index, country in enumerate(["KE", "NG", "ZA", "FR", "SN", "EG", "CM", "BR", "IN"] * 3):
        person_with(f"m{index}", country, "storytelling", Visibility.PUBLIC, can_mentor=True)

    svg = client.get("/people/map.svg", {"skill": "storytelling", "metric": "mentors"}).content

    assert b"path d=" in svg and b'class="ke country' in svg
    assert len(gzip.compress(svg, 6)) <= PAGE_BUDGET_BYTES


# --- Who counts, for each viewer (the profiles rule: people_visible_to) ---------------------


def test_the_map_counts_whom_each_viewer_may_see_and_never_a_suspended_person():
    """Tried as a visitor, a member, a member someone blocked and a suspended person."""
    public = Visibility.PUBLIC
    person_with("open", "ML", "storytelling", visibility=public, can_mentor=True)
    person_with("members", "ML", "storytelling", can_mentor=True)
    blocker = person_with("blocker", "ML", "storytelling", visibility=public, can_mentor=True)
    suspended = person_with("away", "ML", "storytelling", visibility=public, can_mentor=True)
    suspended.user.is_active = False
    suspended.user.save(update_fields=["is_active"])
    member, blocked_member = make_person("member").user, make_person("blocked").user
    block_create(blocker=blocker.user, blocked=blocked_member)
    suspended_viewer = make_person("suspended-viewer").user
    suspended_viewer.is_active = False
    suspended_viewer.save(update_fields=["is_active"])

    def mentors(viewer) -> int:
        return raw_people_counts(viewer, MapFilter())["ML"].mentors

    assert mentors(AnonymousUser()) == 2  # the public profiles, not the suspended one
    assert mentors(member) == 3  # and the members-only profile
    assert mentors(blocked_member) == 2  # not the person in a block with the viewer
    assert mentors(blocker.user) == 3  # herself included, the person she blocked has no claim
    assert mentors(suspended_viewer) == mentors(AnonymousUser())  # a suspended account: a visitor
