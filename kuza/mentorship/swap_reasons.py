"""Why a swap round left someone out: one reason per unserved person. Pure Python, no Django.

The reasons, checked in this order (the first that holds is given, as it is the one the person
can act on first):
1. NO_TEACHER: nobody else in the pool offers a skill they want;
2. NO_LEARNER: nobody else in the pool wants a skill they offer;
3. NO_LANGUAGE: such people exist, but none shares a language with them (or a block stands
   between them), in one direction or the other;
4. NO_EXCHANGE: they can teach someone and learn from someone, but no exchange of two or three
   people closes around them;
5. OTHERS_CHOSEN: at least one exchange includes them, but its other members were placed in
   exchanges that together serve more people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum

from kuza.mentorship.swap_search import SwapPool
from kuza.mentorship.swaps import SwapParticipant, SwapPlan, build_pool


class UnservedReason(StrEnum):
    NO_TEACHER = "no_teacher"
    NO_LEARNER = "no_learner"
    NO_LANGUAGE = "no_language"
    NO_EXCHANGE = "no_exchange"
    OTHERS_CHOSEN = "others_chosen"


def _holders(sets: Sequence[frozenset[int]]) -> dict[int, set[int]]:
    """skill -> the people (indexes) whose set holds it."""
    holders: dict[int, set[int]] = defaultdict(set)
    for person, skills in enumerate(sets):
        for skill in skills:
            holders[skill].add(person)
    return holders


def _anyone_else(holders: dict[int, set[int]], skills: frozenset[int], excluded: set[int]) -> bool:
    return any(holders.get(skill, set()) - excluded for skill in skills)


def _reason(pool: SwapPool, person: int, offerers, wanters) -> UnservedReason:
    excluded = {person} | pool.blocked[person]
    if not _anyone_else(offerers, pool.wants[person], excluded):
        return UnservedReason.NO_TEACHER
    if not _anyone_else(wanters, pool.offers[person], excluded):
        return UnservedReason.NO_LEARNER
    can_learn = any(pool.can_teach(teacher, person) for teacher in pool.teachers_of(person))
    if not can_learn or not pool.successors(person):
        return UnservedReason.NO_LANGUAGE
    if not pool.has_any_cycle(person):
        return UnservedReason.NO_EXCHANGE
    return UnservedReason.OTHERS_CHOSEN


def unserved_reasons(
    participants: Sequence[SwapParticipant], plan: SwapPlan
) -> dict[int, UnservedReason]:
    """person_id -> why `plan` serves them not, for every participant the plan leaves out."""
    pool = build_pool(participants)
    offerers, wanters = _holders(pool.offers), _holders(pool.wants)
    index = {person_id: position for position, person_id in enumerate(pool.person_ids)}
    return {
        person_id: _reason(pool, index[person_id], offerers, wanters)
        for person_id in plan.unmatched_ids
    }
