"""Who sees a mentorship, read through its declared audience (kuza.mentorship.integrations):
its two people only, tried as a visitor, a member, a blocked member, an organiser, staff
and a suspended person; and what others read of mentorships (a mentor's average rating)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kuza.audience.selectors import may_see, visible_to
from kuza.mentorship import services
from kuza.mentorship.models import Mentorship
from kuza.mentorship.selectors import average_feedback, mentorship_for, mentorships_of
from kuza.mentorship.tests.factories import mentor, organisation_with, person
from kuza.mentorship.tests.test_services import ask
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


def _active(learner, teacher) -> Mentorship:
    mentorship = services.mentorship_propose(learner=learner, request=ask(learner), mentor=teacher)
    return services.mentorship_accept(mentorship=mentorship, mentor=teacher)


def _suspend(user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


@pytest.fixture
def world():
    """Amani mentors Wanjiru; Zawadi is a member, Baraka a member Wanjiru blocked, Ruth the
    organiser of Wanjiru's organisation, Staff a staff member."""
    learner, teacher = person("wanjiru"), mentor("amani")
    mentorship = _active(learner, teacher)
    blocked = person("baraka")
    block_create(blocker=learner, blocked=blocked)
    organiser = person("ruth")
    organisation_with(organiser, learner, teacher)
    staff = person("staff")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    return {
        "mentorship": mentorship,
        "learner": learner,
        "mentor": teacher,
        "visitor": AnonymousUser(),
        "member": person("zawadi"),
        "blocked member": blocked,
        "organiser": organiser,
        "staff": staff,
    }


@pytest.mark.parametrize("viewer", ["visitor", "member", "blocked member", "organiser", "staff"])
def test_nobody_but_its_two_people_sees_a_mentorship(client, world, viewer):
    mentorship, who = world["mentorship"], world[viewer]

    assert not visible_to(Mentorship.objects.all(), who).exists()
    assert not may_see(who, mentorship)
    assert mentorship_for(who, mentorship.pk) is None
    if who.is_authenticated:
        client.force_login(who)
    assert client.get(f"/mentorship/{mentorship.pk}/").status_code in (302, 404)


@pytest.mark.parametrize("side", ["learner", "mentor"])
def test_each_of_its_two_people_sees_it(client, world, side):
    mentorship, who = world["mentorship"], world[side]

    assert list(mentorships_of(who)) == [mentorship]
    assert may_see(who, mentorship)
    client.force_login(who)
    assert client.get(f"/mentorship/{mentorship.pk}/").status_code == 200


def test_a_suspended_party_sees_nothing_and_the_other_no_longer_lists_it(world):
    mentorship, learner, teacher = world["mentorship"], world["learner"], world["mentor"]
    _suspend(learner)

    assert not visible_to(Mentorship.objects.all(), learner).exists()
    assert mentorship_for(learner, mentorship.pk) is None
    # Her partner still may see the row, but lists of people leave a suspended one out.
    assert may_see(teacher, mentorship)
    assert mentorship_for(teacher, mentorship.pk) is None


def test_a_party_in_a_block_with_the_other_still_finds_the_mentorship_the_block_ended(world):
    mentorship, learner, teacher = world["mentorship"], world["learner"], world["mentor"]
    block_create(blocker=teacher, blocked=learner)

    for party in (learner, teacher):
        found = mentorship_for(party, mentorship.pk)
        assert found is not None and found.status != Mentorship.Status.ACTIVE


def test_a_mentors_average_leaves_out_the_rating_of_a_suspended_learner(world):
    teacher = world["mentor"]
    ratings = {"wanjiru": 5, "kamau": 1}
    for username, rating in ratings.items():
        learner = world["learner"] if username == "wanjiru" else person(username)
        mentorship = world["mentorship"] if username == "wanjiru" else _active(learner, teacher)
        services.mentorship_complete(mentorship=mentorship, user=learner)
        services.feedback_give(mentorship=mentorship, author=learner, rating=rating)
    assert average_feedback([teacher.pk]) == {teacher.pk: 3.0}

    _suspend(world["learner"])

    assert average_feedback([teacher.pk]) == {teacher.pk: 1.0}
