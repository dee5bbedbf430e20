"""Mentor suggestions from the database: who appears, in what order, and why."""

from __future__ import annotations

import pytest

from kuza.mentorship import services
from kuza.mentorship.matching import ReasonCode
from kuza.mentorship.models import MentorSettings, Mentorship
from kuza.mentorship.services import MentorshipError
from kuza.mentorship.suggestions import mentor_inputs, suggest_mentors
from kuza.mentorship.tests.factories import MentorshipFactory, RequestFactory, mentor, person, skill
from kuza.people.models import Visibility
from kuza.people.selectors import profile_visible_to
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db


def names(suggestions) -> list[str]:
    return [suggestion.profile.user.username for suggestion in suggestions]


def test_mentors_are_ranked_with_reasons_a_person_can_read():
    learner = person("wanjiru", languages=("sw", "en"), country="KE", region="Nairobi")
    local = mentor("achieng", languages=("sw",), country="KE", region="nairobi ")
    distant = mentor("claire", level=3, languages=("fr",), country="FR", time_zone="Europe/Paris")

    suggestions = suggest_mentors(learner=learner, skill=skill("wikidata"))

    assert names(suggestions) == [local.username, distant.username]
    best = suggestions[0]
    assert "Speaks Kiswahili, one of your languages." in best.reasons
    assert "Lives in the same country as you: Kenya." in best.reasons
    assert "Lives in the same region as you." in best.reasons
    assert "Same time zone as you." in best.reasons
    assert "New mentor: no feedback yet." in best.reasons
    assert "Has 2 free places." in best.reasons
    assert "Speaks none of the languages you chose." in suggestions[1].reasons
    assert best.score > suggestions[1].score


def test_mentors_of_a_more_specific_skill_are_suggested_for_the_broader_one():
    learner = person("wanjiru")
    sparql = mentor("ngozi", skill_slug="sparql-queries", level=4)

    suggestions = suggest_mentors(learner=learner, skill=skill("wikidata"))

    assert names(suggestions) == [sparql.username]
    assert suggestions[0].codes[0].code == ReasonCode.SKILL_LEVEL
    assert suggest_mentors(learner=learner, skill=skill("wikicite")) == []


def test_language_tags_are_compared_after_standardising_them():
    learner = person("wanjiru", languages=("swa",))
    teacher = mentor("achieng", languages=("sw",))

    (suggestion,) = suggest_mentors(learner=learner, skill=skill("wikidata"))

    assert suggestion.profile.user == teacher
    assert any(reason.code == ReasonCode.SHARED_LANGUAGE for reason in suggestion.codes)


def test_past_feedback_from_learners_counts_and_is_shown():
    learner = person("wanjiru")
    teacher = mentor("ngozi")
    done = MentorshipFactory(mentor=teacher, status=Mentorship.Status.COMPLETED)
    services.feedback_give(mentorship=done, author=done.learner, rating=4)
    services.feedback_give(mentorship=done, author=teacher, rating=1)  # not about the mentor

    (suggestion,) = suggest_mentors(learner=learner, skill=skill("wikidata"))

    assert "Rated 4 out of 5 by past learners." in suggestion.reasons


def test_blocked_hidden_suspended_full_and_self_never_appear():
    learner = mentor("wanjiru")  # can mentor the skill too, but never herself
    shown = mentor("shown")
    blocked_by_learner = mentor("blocked1")
    blocking_learner = mentor("blocked2")
    Block.objects.create(blocker=learner, blocked=blocked_by_learner)
    Block.objects.create(blocker=blocking_learner, blocked=learner)
    mentor("hidden", visibility=Visibility.ONLY_ME)
    mentor("close", visibility=Visibility.MENTORS_AND_ORGANISERS)
    suspended = mentor("suspended")
    suspended.is_active = False
    suspended.save()
    full = mentor("full")
    MentorSettings.objects.create(user=full, capacity=1)
    MentorshipFactory(mentor=full, status=Mentorship.Status.ACTIVE)
    paused = mentor("paused")
    MentorSettings.objects.create(user=paused, capacity=0)
    skills_hidden = mentor("secretive")
    skills_hidden.profile.skills_visibility = Visibility.ONLY_ME
    skills_hidden.profile.save()

    suggestions = suggest_mentors(learner=learner, skill=skill("wikidata"))

    assert names(suggestions) == [shown.username]


def test_hidden_fields_never_count_nor_show_up_as_reasons():
    learner = person("wanjiru", languages=("sw",), country="KE")
    teacher = mentor("achieng", languages=("sw",), country="KE")
    teacher.profile.languages_visibility = Visibility.ONLY_ME
    teacher.profile.location_visibility = Visibility.ONLY_ME
    teacher.profile.time_zone_visibility = Visibility.ONLY_ME
    teacher.profile.save()

    (suggestion,) = suggest_mentors(learner=learner, skill=skill("wikidata"))

    codes = {reason.code for reason in suggestion.codes}
    assert codes.isdisjoint(
        {ReasonCode.SHARED_LANGUAGE, ReasonCode.SAME_COUNTRY, ReasonCode.TIMEZONE_DIFFERENCE}
    )
    assert ReasonCode.NO_SHARED_LANGUAGE in codes


def test_the_load_counts_waiting_and_active_mentorships():
    teacher = mentor("ngozi")
    MentorshipFactory(mentor=teacher, status=Mentorship.Status.REQUESTED)
    MentorshipFactory(mentor=teacher, status=Mentorship.Status.COMPLETED)

    (profile,) = mentor_inputs(viewer=person("viewer"), skill_ids=[skill("wikidata").pk])

    assert (profile.active_mentee_count, profile.capacity) == (1, 2)


def test_nobody_can_ask_a_mentor_they_may_not_see():
    learner = person("wanjiru")
    hidden = mentor("hidden", visibility=Visibility.ONLY_ME)
    blocked = mentor("blocked")
    Block.objects.create(blocker=blocked, blocked=learner)

    for unreachable in (hidden, blocked):
        request = RequestFactory(learner=learner)
        with pytest.raises(MentorshipError, match="cannot be asked"):
            services.mentorship_propose(learner=learner, request=request, mentor=unreachable)
    assert not Mentorship.objects.exists()


def test_an_active_mentorship_lets_both_see_their_mentors_and_organisers_fields():
    learner = person("wanjiru")
    teacher = mentor("ngozi", visibility=Visibility.MENTORS_AND_ORGANISERS)
    stranger = person("stranger")

    def sees(viewer) -> bool:
        # A fresh user object per check, as in a new request (people caches partners per object).
        fresh = type(viewer).objects.get(pk=viewer.pk)
        return profile_visible_to(fresh, teacher.profile.pk) is not None

    assert not sees(learner)
    mentorship = MentorshipFactory(learner=learner, mentor=teacher, request__learner=learner)

    assert sees(learner) and not sees(stranger)
    services.mentorship_complete(mentorship=mentorship, user=learner)
    assert not sees(learner)
