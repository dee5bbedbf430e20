"""Reads of mentorship: every read of a mentorship, request or exchange takes the viewer.

A mentorship, its goals, check-ins and feedback are visible to its two people only (not to
organisers, not to staff): `mentorship_for` returns None to anyone else.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Avg, Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import among_people, moderated_rows, visible_to
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.mentorship.models import (
    DEFAULT_CAPACITY,
    Feedback,
    MentorSettings,
    Mentorship,
    MentorshipRequest,
    MentorshipRound,
    Notification,
    SwapExchange,
    SwapMember,
    SwapOutcome,
    SwapPoolEntry,
    SwapRound,
)
from kuza.people.models import Membership, Organisation
from kuza.skills.selectors import localise_skills

# --- Relationship source for people's privacy tiers ------------------------------------------


def active_mentorship_partner_ids(user) -> QuerySet:
    """Users in an active mentorship with `user` (either side); symmetric by construction.

    Registered with `kuza.people.visibility.register_relationship_source`, so people in an
    active mentorship see each other's "my mentors and organisers" fields.
    """
    # Read from the person's own mentorships (two indexes), not by testing every account.
    return (
        Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
        .filter(Q(mentor_id=user.pk) | Q(learner_id=user.pk))
        .annotate(
            partner=Case(When(mentor_id=user.pk, then=F("learner_id")), default=F("mentor_id"))
        )
        .values_list("partner", flat=True)
    )


# --- Mentors ---------------------------------------------------------------------------------


def capacities(user_ids: Iterable[int]) -> dict[int, int]:
    ids = list(user_ids)
    stated = dict(MentorSettings.objects.filter(user_id__in=ids).values_list("user_id", "capacity"))
    return {user_id: stated.get(user_id, DEFAULT_CAPACITY) for user_id in ids}


def mentor_loads(user_ids: Iterable[int]) -> dict[int, int]:
    """Places taken: mentorships waiting for the mentor's answer or active."""
    rows = (
        Mentorship.objects.filter(mentor_id__in=list(user_ids), status__in=Mentorship.OPEN_STATUSES)
        .values("mentor_id")
        .annotate(count=Count("pk"))
    )
    return {row["mentor_id"]: row["count"] for row in rows}


def average_feedback(user_ids: Iterable[int]) -> dict[int, float]:
    """Mean rating learners gave each mentor at the end of completed mentorships.

    Read through the mentorships' audience (kuza.mentorship.integrations): those the moderators
    hid (e.g. a reported mentorship set up to inflate a rating) and those of a suspended
    person do not count.
    """
    counted = moderated_rows(
        Mentorship.objects.filter(mentor_id__in=list(user_ids), status=Mentorship.Status.COMPLETED)
    )
    rows = (
        Feedback.objects.filter(
            mentorship__in=counted.values("pk"), author_id=F("mentorship__learner_id")
        )
        .values("mentorship__mentor_id")
        .annotate(average=Avg("rating"))
    )
    return {row["mentorship__mentor_id"]: float(row["average"]) for row in rows}


def mentor_settings_of(user) -> MentorSettings:
    return MentorSettings.objects.filter(user=user).first() or MentorSettings(user=user)


# --- Requests and mentorships ----------------------------------------------------------------


def requests_of(user) -> QuerySet[MentorshipRequest]:
    if not is_signed_in(user):
        return MentorshipRequest.objects.none()
    return MentorshipRequest.objects.filter(learner=user).select_related("skill", "round")


def request_for_learner(user, request_id: int) -> MentorshipRequest | None:
    return requests_of(user).filter(pk=request_id).first()


def mentorships_of(user) -> QuerySet[Mentorship]:
    """Mentorships `user` is in, on either side (their audience: kuza.mentorship.integrations),
    with partners who are not suspended (one in a block with `user` stays listed, ended by
    the block, and named by the presenter's rule)."""
    mine = visible_to(Mentorship.objects.all(), user)
    for side in ("learner", "mentor"):
        mine = among_people(mine, user, side, despite_blocks=True)
    return mine.select_related("learner__profile", "mentor__profile", "skill")


def mentorship_for(user, mentorship_id: int) -> Mentorship | None:
    """The mentorship when `user` is one of its two people; None for anyone else."""
    return mentorships_of(user).filter(pk=mentorship_id).first()


def pending_answers_for(user) -> QuerySet[Mentorship]:
    return mentorships_of(user).filter(mentor=user, status=Mentorship.Status.REQUESTED)


# A mentorship with no check-in for this long has one due (the mentorship page asks for one).
CHECK_IN_EVERY = timedelta(days=14)


def home_mentorships_waiting(user) -> list[HomeItem]:
    """Personal home, in one query: mentorships proposed to `user` as mentor, waiting for their
    answer, then active mentorships without a check-in for `CHECK_IN_EVERY`."""
    due_before = timezone.now() - CHECK_IN_EVERY
    rows = list(
        mentorships_of(user)
        .annotate(last_check_in=Max("checkins__created_at"))
        .filter(
            Q(mentor=user, status=Mentorship.Status.REQUESTED)
            | Q(status=Mentorship.Status.ACTIVE, accepted_at__lt=due_before)
            & (Q(last_check_in__isnull=True) | Q(last_check_in__lt=due_before))
        )
        .order_by("status", "last_check_in", "pk")[: 2 * home.LIMIT]
    )
    answers, check_ins = [], []
    for mentorship, label in _with_skill_labels(rows):
        title = _("Mentoring in %(skill)s") % {"skill": label}
        url = reverse("mentorship:detail", args=[mentorship.pk])
        if mentorship.status == Mentorship.Status.REQUESTED:
            reason = _("A member asks you to mentor them: accept or decline")
            answers.append(HomeItem(title=title, url=url, reason=reason))
        else:
            reason = _("A check-in is due: note how it is going")
            check_ins.append(HomeItem(title=title, url=url, reason=reason))
    # Answers first: someone is waiting for them.
    return answers + check_ins


def home_swaps_to_answer(user) -> list[HomeItem]:
    """Personal home: skill-swap exchanges proposed to `user` and not answered yet (one query)."""
    if not is_signed_in(user):
        return []
    steps = SwapMember.objects.filter(
        user=user,
        answer=SwapMember.Answer.PENDING,
        exchange__status=SwapExchange.Status.PROPOSED,
    ).order_by("exchange_id")[: home.LIMIT]
    return [
        HomeItem(
            title=_("A skill swap"),
            url=reverse("mentorship:exchange", args=[step.exchange_id]),
            reason=_("An exchange was found for you: confirm or decline"),
        )
        for step in steps
    ]


def _with_skill_labels(mentorships) -> list[tuple[Mentorship, str]]:
    rows = list(mentorships)
    # The skills came with the rows (select_related): localising them reads translations only
    # for languages other than English, in one query.
    labels = {skill.pk: skill.label for skill in localise_skills(row.skill for row in rows)}
    return [(row, labels[row.skill_id]) for row in rows]


# --- Notifications ---------------------------------------------------------------------------


def notifications_for(user) -> QuerySet[Notification]:
    if not is_signed_in(user):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_notification_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


# --- Rounds ----------------------------------------------------------------------------------


def organisations_organised_by(user) -> QuerySet[Organisation]:
    """Organisations whose rounds `user` may run: all for staff, else those they organise."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    if user.is_staff:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ORGANISER
    ).distinct()


def rounds_for_organiser(user) -> QuerySet[MentorshipRound]:
    return MentorshipRound.objects.filter(
        organisation__in=organisations_organised_by(user)
    ).select_related("organisation")


def round_for_organiser(user, round_id: int) -> MentorshipRound | None:
    return rounds_for_organiser(user).filter(pk=round_id).first()


def open_rounds_for_learner(user) -> QuerySet[MentorshipRound]:
    """Open rounds of the organisations `user` belongs to."""
    if not is_signed_in(user):
        return MentorshipRound.objects.none()
    return MentorshipRound.objects.filter(
        status=MentorshipRound.Status.OPEN,
        organisation__memberships__user=user,
    ).select_related("organisation")


# --- Swaps -----------------------------------------------------------------------------------


def swap_entry_of(user) -> SwapPoolEntry | None:
    if not is_signed_in(user):
        return None
    return SwapPoolEntry.objects.filter(user=user).prefetch_related("offers", "wants").first()


def last_swap_outcome(user) -> SwapOutcome | None:
    """What the latest swap round that planned `user` did for them (None if none did)."""
    if not is_signed_in(user):
        return None
    return (
        SwapOutcome.objects.filter(user=user, round__status=SwapRound.Status.DONE)
        .select_related("round", "exchange")
        .first()
    )


def may_run_swap_rounds(user) -> bool:
    return is_signed_in(user) and (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


def exchanges_of(user) -> QuerySet[SwapExchange]:
    if not is_signed_in(user):
        return SwapExchange.objects.none()
    return SwapExchange.objects.filter(
        Exists(SwapMember.objects.filter(exchange_id=OuterRef("pk"), user=user))
    ).prefetch_related("members__user__profile")


def exchange_for_member(user, exchange_id: int) -> SwapExchange | None:
    return exchanges_of(user).filter(pk=exchange_id).first()


def swap_rounds_for(user) -> QuerySet[SwapRound]:
    """Swap rounds, for those who may run them (nobody else sees pool-wide figures)."""
    if not may_run_swap_rounds(user):
        return SwapRound.objects.none()
    return SwapRound.objects.all()
