"""Mentorship rounds: an organisation collects requests, then assigns them all at once.

The assignment is exact (`matching.assign_round`): it serves as many learners as possible,
then maximises the total match score, and never gives a mentor more learners than their free
places. Mentors are the organisation's members who can mentor a requested skill (or one below
it). A mentor the learner may not see (hidden profile, a block in either direction) is never
assigned to that learner; the other fields count as the organiser may see them.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.audience.selectors import among_people
from kuza.mentorship.matching import assign_round
from kuza.mentorship.models import (
    Mentorship,
    MentorshipRequest,
    MentorshipRound,
    RoundAssignment,
)
from kuza.mentorship.notifications import notify
from kuza.mentorship.selectors import capacities, mentor_loads, round_for_organiser
from kuza.mentorship.services import MentorshipError, _name
from kuza.mentorship.suggestions import learner_input, mentor_inputs
from kuza.people.models import Organisation, Profile
from kuza.people.selectors import is_organiser, people_visible_to
from kuza.safety.selectors import is_blocked_between


def round_create(*, organiser, organisation: Organisation, title: str) -> MentorshipRound:
    if not is_organiser(organiser, organisation):
        raise PermissionDenied
    title = title.strip()
    if not title:
        raise MentorshipError(_("Give the round a title."))
    return MentorshipRound.objects.create(
        organisation=organisation, title=title[:150], created_by=organiser
    )


def _locked_round(organiser, round_id: int) -> MentorshipRound:
    if round_for_organiser(organiser, round_id) is None:
        raise PermissionDenied
    return MentorshipRound.objects.select_for_update().get(pk=round_id)


def round_compute(*, organiser, mentorship_round: MentorshipRound) -> MentorshipRound:
    """Compute (or recompute) the assignment; the round stops taking requests."""
    with transaction.atomic():
        mentorship_round = _locked_round(organiser, mentorship_round.pk)
        if mentorship_round.status == MentorshipRound.Status.SENT:
            raise MentorshipError(_("The proposals of this round are already sent."))
        open_requests = mentorship_round.requests.filter(status=MentorshipRequest.Status.OPEN)
        requests = list(among_people(open_requests, None, "learner").select_related("learner"))
        members = Profile.objects.filter(
            user__memberships__organisation=mentorship_round.organisation
        )
        mentors = mentor_inputs(
            viewer=organiser,
            skill_ids={request.skill_id for request in requests},
            candidates=members,
        )
        mentor_ids = {mentor.mentor_id for mentor in mentors}
        inputs = []
        for request in requests:
            learner_side = learner_input(request.learner, request.skill_id, request.languages)
            seen = set(
                people_visible_to(request.learner, ["skills"])
                .filter(user_id__in=mentor_ids)
                .values_list("user_id", flat=True)
            )
            inputs.append(
                replace(learner_side, blocked_ids=learner_side.blocked_ids | (mentor_ids - seen))
            )
        # A learner has at most one open request per round in the core's terms: keep the first.
        by_learner = {}
        for request, request_input in zip(requests, inputs, strict=True):
            by_learner.setdefault(request.learner_id, (request, request_input))
        result = assign_round([pair[1] for pair in by_learner.values()], mentors)
        mentorship_round.assignments.all().delete()
        RoundAssignment.objects.bulk_create(
            [
                RoundAssignment(
                    round=mentorship_round,
                    request=by_learner[assignment.learner_id][0],
                    mentor_id=assignment.mentor_id,
                    score=rounded(assignment.score),
                    reasons=[[reason.code.value, reason.detail] for reason in assignment.reasons],
                )
                for assignment in result.assignments
            ]
        )
        mentorship_round.status = MentorshipRound.Status.COMPUTED
        mentorship_round.computed_at = timezone.now()
        mentorship_round.request_count = len(by_learner)
        mentorship_round.served_count = len(result.assignments)
        mentorship_round.total_score = rounded(result.total_score)
        mentorship_round.save()
    return mentorship_round


def rounded(value: float) -> float:
    return round(value, 2)


def round_send(*, organiser, mentorship_round: MentorshipRound) -> list[Mentorship]:
    """Turn each assignment into a mentorship waiting for the mentor's answer."""
    with transaction.atomic():
        mentorship_round = _locked_round(organiser, mentorship_round.pk)
        if mentorship_round.status != MentorshipRound.Status.COMPUTED:
            raise MentorshipError(_("Compute the assignment before sending proposals."))
        assignments = list(
            mentorship_round.assignments.select_related("request__learner__profile", "mentor")
        )
        mentor_ids = {assignment.mentor_id for assignment in assignments}
        free = {
            mentor_id: capacity - mentor_loads(mentor_ids).get(mentor_id, 0)
            for mentor_id, capacity in capacities(mentor_ids).items()
        }
        created = []
        for assignment in assignments:
            request = assignment.request
            # Things may have changed since the computation: skip what no longer fits, and
            # pairs that a block or a suspension has separated since.
            if (
                request.status != MentorshipRequest.Status.OPEN
                or free[assignment.mentor_id] < 1
                or not (request.learner.is_active and assignment.mentor.is_active)
                or is_blocked_between(request.learner, assignment.mentor)
            ):
                continue
            free[assignment.mentor_id] -= 1
            mentorship = Mentorship.objects.create(
                request=request,
                round=mentorship_round,
                learner=request.learner,
                mentor=assignment.mentor,
                skill_id=request.skill_id,
                format=request.format,
                goals=request.goals,
            )
            request.status = MentorshipRequest.Status.PROPOSED
            request.save(update_fields=["status"])
            created.append(mentorship)
            url = reverse("mentorship:detail", kwargs={"mentorship_id": mentorship.pk})
            params = {
                "round": mentorship_round.title,
                "mentor": _name(assignment.mentor),
                "learner": _name(request.learner),
                "skill_id": request.skill_id,
            }
            notify(assignment.mentor, "round_proposed", params, url)
            notify(request.learner, "round_proposed", params, url)
        mentorship_round.status = MentorshipRound.Status.SENT
        mentorship_round.sent_at = timezone.now()
        mentorship_round.save(update_fields=["status", "sent_at"])
    return created
