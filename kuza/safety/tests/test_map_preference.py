"""One "leave me out of the map" switch: the safety preference, which the capacity map reads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kuza.people.capacity import MapFilter, raw_people_counts
from kuza.people.models import Profile
from kuza.people.tests.factories import SkillClaimFactory, make_person, skill
from kuza.safety import moderation
from kuza.safety.models import SafetyPreferences

BEFORE = [("people", "0003_profile_name_order"), ("safety", "0002_reports_moderation")]
AFTER = [("people", "0005_remove_profile_hide_from_map")]


def _mentors_in_ghana(count: int) -> list[Profile]:
    profiles = [make_person(f"gh-mentor-{index}", country="GH") for index in range(count)]
    for profile in profiles:
        SkillClaimFactory(profile=profile, skill=skill("outreach"), can_mentor=True)
    return profiles


@pytest.mark.django_db
def test_the_profile_form_no_longer_has_its_own_map_switch(client):
    profile = make_person("amani")
    client.force_login(profile.user)

    page = client.get("/people/me/").content.decode()

    assert 'name="hide_from_map"' not in page
    assert 'href="/safety/"' in page
    assert not any(field.name == "hide_from_map" for field in Profile._meta.get_fields())


@pytest.mark.django_db
def test_leaving_the_map_on_the_safety_page_changes_the_map_at_once(client):
    profiles = _mentors_in_ghana(4)
    viewer = make_person("map-viewer").user
    client.force_login(viewer)
    before = client.get("/people/map.svg").content
    assert raw_people_counts(viewer, MapFilter())["GH"].mentors == 4

    client.force_login(profiles[0].user)
    client.post("/safety/", {"hide_from_map": "on"})

    assert raw_people_counts(viewer, MapFilter())["GH"].mentors == 3
    client.force_login(viewer)
    assert client.get("/people/map.svg").content != before  # the cached drawing was dropped


@pytest.mark.django_db
def test_a_suspension_takes_a_member_off_the_cached_map_at_once(
    client, cast, django_capture_on_commit_callbacks
):
    profiles = _mentors_in_ghana(3)
    reported = cast.reported.profile
    reported.country = "GH"
    reported.save()
    SkillClaimFactory(profile=reported, skill=skill("outreach"), can_mentor=True)
    client.force_login(cast.other_member)
    before = client.get("/people/map.svg").content
    assert raw_people_counts(cast.other_member, MapFilter())["GH"].mentors == 4

    with django_capture_on_commit_callbacks(execute=True):
        moderation.member_suspend(moderator=cast.platform_moderator, report=cast.report, reason="x")

    assert raw_people_counts(cast.other_member, MapFilter())["GH"].mentors == 3
    assert client.get("/people/map.svg").content != before
    assert len(profiles) == 3


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_everyones_choice_in_the_safety_preference(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        state = executor.loader.project_state(BEFORE).apps
        OldProfile = state.get_model("people", "Profile")
        OldPreferences = state.get_model("safety", "SafetyPreferences")
        User = state.get_model("accounts", "User")
        left, stayed, both = (User.objects.create(username=name) for name in ("a", "b", "c"))
        OldProfile.objects.create(user=left, display_name="A", hide_from_map=True)
        OldProfile.objects.create(user=stayed, display_name="B", hide_from_map=False)
        OldProfile.objects.create(user=both, display_name="C", hide_from_map=True)
        OldPreferences.objects.create(user=both, hide_from_leaderboards=True)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)

        preferences = {
            row.user_id: (row.hide_from_map, row.hide_from_leaderboards)
            for row in SafetyPreferences.objects.all()
        }
        assert preferences == {left.pk: (True, False), both.pk: (True, True)}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_lifting_a_suspension_puts_the_member_back_on_the_map_and_in_search(cast):
    from kuza.people.selectors import PeopleQuery, people_search

    _mentors_in_ghana(3)
    reported = cast.reported.profile
    reported.country = "GH"
    reported.save()
    SkillClaimFactory(profile=reported, skill=skill("outreach"), can_mentor=True)
    live = MapFilter(skill_ids=frozenset({skill("outreach").pk}))
    suspension = moderation.member_suspend(
        moderator=cast.platform_moderator, report=cast.report, reason="x"
    )
    assert raw_people_counts(cast.other_member, MapFilter())["GH"].mentors == 3
    assert reported not in people_search(viewer=cast.other_member, query=PeopleQuery())

    moderation.suspension_lift(moderator=cast.platform_moderator, suspension_id=suspension.pk)

    assert raw_people_counts(cast.other_member, MapFilter())["GH"].mentors == 4
    assert raw_people_counts(cast.other_member, live)["GH"].mentors == 4
    assert reported in people_search(viewer=cast.other_member, query=PeopleQuery())
