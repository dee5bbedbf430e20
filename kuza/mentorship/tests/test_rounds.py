"""Mentorship rounds through the Django layer: capacity, blocks, proposals and permissions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kuza.mentorship import rounds, services
from kuza.mentorship.models import (
    Format,
    MentorSettings,
    Mentorship,
    MentorshipRequest,
    MentorshipRound,
    Notification,
    TimeFrame,
)
from kuza.mentorship.services import MentorshipError
from kuza.mentorship.tests.factories import (
    MentorshipFactory,
    mentor,
    organisation_with,
    person,
    skill,
)
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db


def submit(learner, mentorship_round, slug: str = "wikidata") -> MentorshipRequest:
    return services.request_create(
        learner=learner,
        skill=skill(slug),
        goals="Learn it well.",
        languages=["en"],
        format=Format.CHAT,
        time_frame=TimeFrame.THREE_MONTHS,
        round=mentorship_round,
    )


@pytest.fixture
def programme():
    organiser = person("amina")
    learners = [person(f"learner{index}") for index in range(5)]
    busy = mentor("busy")  # capacity 2, one place already taken
    MentorshipFactory(mentor=busy, status=Mentorship.Status.ACTIVE)
    single = mentor("single")
    MentorSettings.objects.create(user=single, capacity=1)
    outsider = mentor("outsider")  # not a member: never assigned in this organisation's round
    organisation = organisation_with(organiser, *learners, busy, single)
    mentorship_round = rounds.round_create(
        organiser=organiser, organisation=organisation, title="Round one"
    )
    requests = [submit(learner, mentorship_round) for learner in learners]
    return organiser, mentorship_round, requests, busy, single, outsider


def test_the_assignment_respects_every_mentors_free_places(programme):
    organiser, mentorship_round, requests, busy, single, outsider = programme

    computed = rounds.round_compute(organiser=organiser, mentorship_round=mentorship_round)

    per_mentor = {}
    for assignment in computed.assignments.all():
        per_mentor[assignment.mentor_id] = per_mentor.get(assignment.mentor_id, 0) + 1
    assert per_mentor == {busy.pk: 1, single.pk: 1}
    assert (computed.status, computed.request_count, computed.served_count) == ("computed", 5, 2)
    assert computed.total_score == pytest.approx(
        sum(computed.assignments.values_list("score", flat=True)), abs=0.02
    )
    assert outsider.pk not in per_mentor


def test_sending_turns_assignments_into_proposals_for_the_mentors(programme):
    organiser, mentorship_round, requests, busy, single, _outsider = programme
    rounds.round_compute(organiser=organiser, mentorship_round=mentorship_round)

    created = rounds.round_send(organiser=organiser, mentorship_round=mentorship_round)

    assert len(created) == 2
    assert {m.status for m in created} == {Mentorship.Status.REQUESTED}
    assert {m.mentor_id for m in created} == {busy.pk, single.pk}
    assert Notification.objects.filter(user=single, kind="round_proposed").count() == 1
    mentorship_round.refresh_from_db()
    assert mentorship_round.status == MentorshipRound.Status.SENT
    statuses = sorted(mentorship_round.requests.values_list("status", flat=True))
    assert statuses == ["open", "open", "open", "proposed", "proposed"]
    with pytest.raises(MentorshipError, match="already sent"):
        rounds.round_compute(organiser=organiser, mentorship_round=mentorship_round)
    # The mentor answers as for any other proposal.
    proposal = next(m for m in created if m.mentor_id == single.pk)
    services.mentorship_accept(mentorship=proposal, mentor=single)


def test_a_blocked_or_hidden_mentor_is_never_assigned_to_that_learner():
    organiser = person("amina")
    learner = person("wanjiru")
    blocked = mentor("blocked")
    Block.objects.create(blocker=blocked, blocked=learner)
    organisation = organisation_with(organiser, learner, blocked)
    mentorship_round = rounds.round_create(
        organiser=organiser, organisation=organisation, title="Round"
    )
    submit(learner, mentorship_round)

    computed = rounds.round_compute(organiser=organiser, mentorship_round=mentorship_round)

    assert computed.served_count == 0
    assert not computed.assignments.exists()


def test_only_members_submit_into_an_open_round(programme):
    _organiser, mentorship_round, _requests, *_ = programme

    with pytest.raises(MentorshipError, match="not open to you"):
        submit(person("stranger"), mentorship_round)


def test_requests_in_a_round_wait_for_the_organisers(programme):
    _organiser, _round, requests, busy, *_ = programme

    with pytest.raises(MentorshipError, match="organisers will propose"):
        services.mentorship_propose(learner=requests[0].learner, request=requests[0], mentor=busy)


def test_only_organisers_of_that_organisation_or_staff_run_its_round(programme):
    _organiser, mentorship_round, *_ = programme
    other = person("other")
    organisation_with(other, slug="another-group")
    member = mentorship_round.requests.first().learner
    staff = person("staff")
    staff.is_staff = True
    staff.save()

    for user in (member, other):
        with pytest.raises(PermissionDenied):
            rounds.round_compute(organiser=user, mentorship_round=mentorship_round)
        with pytest.raises(PermissionDenied):
            rounds.round_create(
                organiser=user, organisation=mentorship_round.organisation, title="Mine"
            )
    assert rounds.round_compute(organiser=staff, mentorship_round=mentorship_round).served_count
