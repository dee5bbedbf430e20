"""The swap pool and swap rounds: the Django side of `kuza.mentorship.swaps`.

- A member joins the pool with skills they can teach, skills they want, and languages.
- A swap round (started by an organiser or staff, run by the `run_swap_round` task) plans
  exchanges among everyone waiting with `plan_swaps`, passing blocks in both directions and
  pairs where someone declined an exchange with the other, so neither is proposed again.
- Every member of a proposed exchange confirms; when all have, it is confirmed and they leave
  the pool; when one declines, it is dissolved and everyone in it waits for the next run.
Suspended members are never planned.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.audience.selectors import among_people
from kuza.mentorship.models import (
    SwapExchange,
    SwapMember,
    SwapOutcome,
    SwapPoolEntry,
    SwapRound,
)
from kuza.mentorship.notifications import notify
from kuza.mentorship.selectors import may_run_swap_rounds
from kuza.mentorship.services import MAX_LANGUAGES, MentorshipError, _guard_contact, _name
from kuza.mentorship.suggestions import standard_tags
from kuza.mentorship.swap_reasons import unserved_reasons
from kuza.mentorship.swaps import SwapParticipant, SwapSolverSettings, plan_swaps
from kuza.people.models import SkillClaim
from kuza.people.selectors import own_profile
from kuza.safety.models import Block

MAX_SKILLS = 10
# A run inside a web worker's task should not hold the worker for long.
ROUND_SETTINGS = SwapSolverSettings(time_limit_seconds=5.0, improvement_seconds=3.0)


def pool_prefill(user) -> dict:
    """What the join form starts with: the member's skill claims and languages."""
    profile = own_profile(user)
    claims = SkillClaim.objects.filter(profile=profile)
    offers = claims.filter(Q(can_mentor=True) | Q(offers_service=True) | Q(level__gte=3))
    return {
        "offers": list(offers.values_list("skill_id", flat=True)[:MAX_SKILLS]),
        "wants": list(
            claims.filter(wants_to_learn=True).values_list("skill_id", flat=True)[:MAX_SKILLS]
        ),
        "languages": ", ".join(profile.languages.values_list("tag", flat=True)),
    }


def pool_join(*, user, offers, wants, languages: list[str]) -> SwapPoolEntry:
    """Join the pool, or change what one offers and wants (staying in a proposed exchange)."""
    _guard_contact(user)
    offers, wants = list(offers), list(wants)
    if not offers or not wants:
        raise MentorshipError(_("Choose at least one skill you can teach and one you want."))
    if len(offers) > MAX_SKILLS or len(wants) > MAX_SKILLS:
        raise MentorshipError(_("Choose at most %(count)d skills of each.") % {"count": MAX_SKILLS})
    tags = standard_tags(languages)
    if not tags or len(tags) > MAX_LANGUAGES:
        raise MentorshipError(
            _("Give between one and %(count)d languages.") % {"count": MAX_LANGUAGES}
        )
    with transaction.atomic():
        entry, _created = SwapPoolEntry.objects.select_for_update().get_or_create(user=user)
        entry.languages = list(tags)
        if entry.status in (SwapPoolEntry.Status.LEFT, SwapPoolEntry.Status.MATCHED):
            entry.status = SwapPoolEntry.Status.WAITING
        entry.save()
        entry.offers.set(offers)
        entry.wants.set(wants)
    return entry


def pool_leave(*, user) -> None:
    with transaction.atomic():
        entry = SwapPoolEntry.objects.select_for_update().filter(user=user).first()
        if entry is None:
            return
        if entry.status == SwapPoolEntry.Status.PROPOSED:
            raise MentorshipError(_("Answer your proposed exchange before leaving the pool."))
        entry.status = SwapPoolEntry.Status.LEFT
        entry.save(update_fields=["status"])


# --- Rounds ----------------------------------------------------------------------------------


def swap_round_start(*, user) -> SwapRound:
    """Queue a run over everyone waiting; the `run_swap_round` task does the work."""
    if not may_run_swap_rounds(user):
        raise PermissionDenied
    from kuza.mentorship.tasks import run_swap_round

    swap_round = SwapRound.objects.create(started_by=user)
    transaction.on_commit(lambda: run_swap_round.enqueue(swap_round.pk))
    return swap_round


def _avoided_pairs(user_ids: list[int]) -> dict[int, set[int]]:
    """For each person: who they must not be matched with (blocks, declined exchanges)."""
    avoided = _blocked_pairs(user_ids)
    declined = SwapMember.objects.filter(
        answer=SwapMember.Answer.DECLINED, user_id__in=user_ids
    ).values_list("exchange_id", "user_id")
    exchanges = defaultdict(set)
    for exchange_id, user_id in declined:
        exchanges[exchange_id].add(user_id)
    members = SwapMember.objects.filter(exchange_id__in=list(exchanges)).values_list(
        "exchange_id", "user_id"
    )
    for exchange_id, other in members:
        for decliner in exchanges[exchange_id]:
            if other != decliner:
                avoided[decliner].add(other)
                avoided[other].add(decliner)
    return avoided


def _blocked_pairs(user_ids: list[int]) -> dict[int, set[int]]:
    """For each person, whom they blocked or were blocked by (among everyone)."""
    blocked: dict[int, set[int]] = defaultdict(set)
    blocks = Block.objects.filter(Q(blocker_id__in=user_ids) | Q(blocked_id__in=user_ids))
    for blocker, blocked_id in blocks.values_list("blocker_id", "blocked_id"):
        blocked[blocker].add(blocked_id)
        blocked[blocked_id].add(blocker)
    return blocked


def _participants() -> list[SwapParticipant]:
    waiting = SwapPoolEntry.objects.filter(status=SwapPoolEntry.Status.WAITING)
    entries = list(among_people(waiting, None, "user").prefetch_related("offers", "wants"))
    avoided = _avoided_pairs([entry.user_id for entry in entries])
    return [
        SwapParticipant(
            person_id=entry.user_id,
            offers=frozenset(skill.pk for skill in entry.offers.all()),
            wants=frozenset(skill.pk for skill in entry.wants.all()),
            languages=frozenset(standard_tags(entry.languages)),
            blocked_ids=frozenset(avoided.get(entry.user_id, ())),
        )
        for entry in entries
    ]


def swap_round_run(
    *, round_id: int, settings: SwapSolverSettings = ROUND_SETTINGS, email: bool = True
) -> SwapRound:
    """Plan exchanges among everyone waiting, store them and tell each member (in the app, and
    by email unless `email` is false)."""
    participants = _participants()
    plan = plan_swaps(participants, settings)
    reasons = unserved_reasons(participants, plan)
    users = (
        get_user_model()
        .objects.select_related("profile")
        .in_bulk([member for exchange in plan.exchanges for member in exchange.member_ids])
    )
    with transaction.atomic():
        swap_round = SwapRound.objects.select_for_update().get(pk=round_id)
        if swap_round.status != SwapRound.Status.QUEUED:
            return swap_round
        # Only people still waiting now (not those who left while the plan was computed).
        waiting = set(
            SwapPoolEntry.objects.select_for_update()
            .filter(status=SwapPoolEntry.Status.WAITING, user_id__in=list(users))
            .values_list("user_id", flat=True)
        )
        # Blocks made while the plan was computed separate people too.
        avoided = _blocked_pairs(list(waiting))
        served = 0
        outcomes = {person_id: SwapOutcome.Reason(reason) for person_id, reason in reasons.items()}
        exchange_of: dict[int, SwapExchange] = {}
        for exchange in plan.exchanges:
            members = set(exchange.member_ids)
            if not members <= waiting or any(avoided[member] & members for member in members):
                outcomes.update(dict.fromkeys(members, SwapOutcome.Reason.POOL_CHANGED))
                continue
            record = SwapExchange.objects.create(round=swap_round)
            SwapMember.objects.bulk_create(
                [
                    SwapMember(
                        exchange=record,
                        user_id=step.giver_id,
                        receiver_id=step.receiver_id,
                        position=position,
                        skill_ids=list(step.skill_ids),
                        shared_languages=list(step.shared_languages),
                    )
                    for position, step in enumerate(exchange.steps)
                ]
            )
            SwapPoolEntry.objects.filter(user_id__in=exchange.member_ids).update(
                status=SwapPoolEntry.Status.PROPOSED
            )
            served += len(exchange.member_ids)
            outcomes.update(dict.fromkeys(members, SwapOutcome.Reason.PROPOSED))
            exchange_of.update(dict.fromkeys(members, record))
            url = reverse("mentorship:exchange", kwargs={"exchange_id": record.pk})
            for member_id in exchange.member_ids:
                others = ", ".join(
                    _name(users[other]) for other in exchange.member_ids if other != member_id
                )
                notify(users[member_id], "swap_proposed", {"people": others}, url, email=email)
        _record_outcomes(swap_round, outcomes, exchange_of)
        swap_round.status = SwapRound.Status.DONE
        swap_round.finished_at = timezone.now()
        swap_round.pool_size = len(participants)
        swap_round.people_served = served
        swap_round.people_upper_bound = plan.people_upper_bound
        swap_round.method = plan.method.value
        swap_round.proven_optimal = plan.proven_optimal
        swap_round.save()
    return swap_round


def _record_outcomes(
    swap_round: SwapRound,
    outcomes: dict[int, SwapOutcome.Reason],
    exchange_of: dict[int, SwapExchange],
) -> None:
    """One outcome for each person planned who is still in the pool, and an in-app notice for
    each one left out, pointing to the pool page that says why."""
    in_pool = SwapPoolEntry.objects.filter(
        user_id__in=list(outcomes),
        status__in=[SwapPoolEntry.Status.WAITING, SwapPoolEntry.Status.PROPOSED],
    ).values_list("user_id", flat=True)
    kept = {person_id: outcomes[person_id] for person_id in in_pool}
    SwapOutcome.objects.bulk_create(
        [
            SwapOutcome(
                round=swap_round,
                user_id=person_id,
                reason=reason,
                exchange=exchange_of.get(person_id),
            )
            for person_id, reason in kept.items()
        ],
        batch_size=1000,
    )
    left_out = [pid for pid, reason in kept.items() if reason != SwapOutcome.Reason.PROPOSED]
    pool_url = reverse("mentorship:swaps")
    for user in get_user_model().objects.filter(pk__in=left_out):
        notify(user, "swap_not_served", {}, pool_url, email=False)


def swap_round_fail(*, round_id: int) -> None:
    SwapRound.objects.filter(pk=round_id, status=SwapRound.Status.QUEUED).update(
        status=SwapRound.Status.FAILED, finished_at=timezone.now()
    )


# --- Answers ---------------------------------------------------------------------------------


def exchange_answer(*, user, exchange: SwapExchange, confirm: bool) -> SwapExchange:
    """A member confirms or declines their proposed exchange (see the module docstring)."""
    with transaction.atomic():
        exchange = SwapExchange.objects.select_for_update().filter(pk=exchange.pk).first()
        member = exchange and exchange.members.filter(user=user).first()
        if member is None:
            raise MentorshipError(_("That exchange does not exist."))
        if exchange.status != SwapExchange.Status.PROPOSED:
            raise MentorshipError(_("This exchange is no longer waiting for answers."))
        if member.answer != SwapMember.Answer.PENDING:
            raise MentorshipError(_("You have already answered."))
        member.answer = SwapMember.Answer.CONFIRMED if confirm else SwapMember.Answer.DECLINED
        member.answered_at = timezone.now()
        member.save(update_fields=["answer", "answered_at"])
        members = list(exchange.members.select_related("user__profile"))
        url = reverse("mentorship:exchange", kwargs={"exchange_id": exchange.pk})
        if not confirm:
            _close(exchange, members, SwapExchange.Status.DISSOLVED)
            for other in members:
                if other.user_id != user.pk:
                    notify(other.user, "swap_dissolved", {}, url)
        elif all(m.answer == SwapMember.Answer.CONFIRMED for m in members):
            _close(exchange, members, SwapExchange.Status.CONFIRMED)
            for other in members:
                names = ", ".join(_name(m.user) for m in members if m.user_id != other.user_id)
                notify(other.user, "swap_confirmed", {"people": names}, url)
    return exchange


def _close(exchange: SwapExchange, members: list[SwapMember], status: str) -> None:
    exchange.status = status
    exchange.closed_at = timezone.now()
    exchange.save(update_fields=["status", "closed_at"])
    entry_status = (
        SwapPoolEntry.Status.MATCHED
        if status == SwapExchange.Status.CONFIRMED
        else SwapPoolEntry.Status.WAITING
    )
    SwapPoolEntry.objects.filter(
        user_id__in=[member.user_id for member in members],
        status=SwapPoolEntry.Status.PROPOSED,
    ).update(status=entry_status)
