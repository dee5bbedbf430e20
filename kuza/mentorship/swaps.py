"""Skill swaps: choose disjoint teaching exchanges that serve as many people as possible.

Pure Python (plus OR-Tools CP-SAT); no Django.

An exchange is a 2-cycle (A teaches B, B teaches A) or a 3-cycle (A teaches B, B teaches C,
C teaches A). Every step needs the giver to offer a skill the receiver wants, the two to share
a language, and neither to have blocked the other. In a 3-cycle every pair is adjacent, so all
three pairs need a shared language and no block.

Objective, in order of priority:
1. the number of people served;
2. the total affinity: over every step, min(3, shared languages) + min(3, skills the giver could
   teach the receiver). More shared languages and more teachable skills make an exchange more
   likely to survive a change of plans, so among equally large plans we prefer those.

Method (reported in `SwapPlan.method`, with `proven_optimal`):
* Exact (`swap_packing`): enumerate every exchange (the cycle formulation used for kidney
  exchange) and solve the set-packing integer program with CP-SAT, hinted with the greedy plan.
  Used when the pool has at most `max_exact_people` people and `max_exact_cycles` exchanges;
  proven optimal when CP-SAT finishes within `time_limit_seconds`; otherwise the better of its
  best plan and the greedy one is repacked as below and reported as not proven.
* Heuristic for larger pools: the greedy search of `swap_search` (hardest-to-place person
  first, candidates found through indexes keyed by skill and language, then local moves),
  improved by repacking neighbourhoods of unserved people exactly (`swap_packing.repack`) for
  at most `improvement_seconds`. Proven optimal only if a neighbourhood grows to the whole pool
  and CP-SAT proves it; either way every plan carries `people_upper_bound`: people outside
  every possible exchange can never be served.

Measured with bench/swaps.py (60 skills of skewed popularity, 11 languages; shared 2-core
machine), default settings:
* 200 people: exact, proven optimal (164 served) in 2.6 s;
* 400: CP-SAT hits its 10 s limit with 352 served against a proven bound of 353;
* 1,000: 279,234 possible exchanges, too many for the exact model; the heuristic serves 937 in
  1.2 s, where CP-SAT alone found 929-931 in 60 s and 936 in 400 s (bound 954);
* 10,000: 9,636 served in 6 s (greedy 0.8 s, then 5 s of repacking), bound 9,669;
* 50,000: 48,268 served in 11 s, bound 48,376.
On sparse pools the heuristic is weaker: 331-343 (runs differ as the deadline cuts repacking
at different points) against the optimal 353 on 400 people; such pools are small enough for
the exact method, which is why it runs first. Times roughly triple on a loaded machine.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kuza.mentorship.swap_packing import (
    Packing,
    RepackingLimits,
    TooManyCycles,
    enumerate_cycles,
    pack_cycles,
    plan_value,
    repack,
)
from kuza.mentorship.swap_search import Cycle, SwapPool, greedy_exchanges

# Repacking neighbourhoods: each unserved person brings the exchanges of this many people they
# could trade with; a neighbourhood with more exchanges than the cap is skipped rather than
# solved slowly; and one neighbourhood gets at most this much CP-SAT work (deterministic time,
# roughly seconds).
NEIGHBOURS_PER_PERSON = 8
MAX_NEIGHBOURHOOD_CYCLES = 20_000
NEIGHBOURHOOD_WORK = 1.0


class SwapInputError(ValueError):
    """Raised when the swap pool cannot be planned as given."""


class SwapMethod(StrEnum):
    EXACT = "exact_cp_sat"
    # CP-SAT hit its time limit: its best plan (or the greedy one, if better), repacked.
    EXACT_TIME_LIMITED = "cp_sat_time_limited"
    HEURISTIC = "greedy_local_search"


@dataclass(frozen=True)
class SwapParticipant:
    """A person in the swap pool. Iterables are accepted and stored as frozensets."""

    person_id: int
    offers: frozenset[int]
    wants: frozenset[int]
    languages: frozenset[str]
    blocked_ids: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        for name in ("offers", "wants", "languages", "blocked_ids"):
            value = getattr(self, name)
            if isinstance(value, str):
                # frozenset("fr") would silently become {"f", "r"}.
                raise SwapInputError(
                    f"person {self.person_id}: {name} must be a collection, not string {value!r}"
                )
            object.__setattr__(self, name, frozenset(value))


@dataclass(frozen=True)
class SwapSolverSettings:
    """Limits that decide between the exact method and the heuristic, and bound their time."""

    # CP-SAT's time on a whole pool small enough for the exact method.
    time_limit_seconds: float = 10.0
    # Above either limit the exact model takes too long to build and solve: around 50,000
    # exchanges CP-SAT still proves optimality within seconds on generated pools, while around
    # 280,000 (a pool of 1,000) its presolve alone takes over 20 s.
    max_exact_people: int = 2_000
    max_exact_cycles: int = 50_000
    # How long the heuristic may spend improving the greedy plan (building the indexes and the
    # greedy plan itself come on top: about 3 s for 10,000 people).
    improvement_seconds: float = 5.0
    # People per repacked neighbourhood: larger finds more, but each CP-SAT call gets slower.
    neighbourhood_size: int = 120
    # How many candidates the greedy search inspects per step: more is slower but finds
    # better partners.
    search_budget: int = 64
    workers: int = 2
    random_seed: int = 0

    def __post_init__(self) -> None:
        if self.time_limit_seconds <= 0:
            raise SwapInputError(
                f"time_limit_seconds must be positive, not {self.time_limit_seconds}"
            )
        if self.improvement_seconds < 0:
            raise SwapInputError(
                f"improvement_seconds cannot be negative, not {self.improvement_seconds}"
            )
        for name in ("workers", "search_budget", "neighbourhood_size"):
            if getattr(self, name) < 1:
                raise SwapInputError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.max_exact_people < 0 or self.max_exact_cycles < 0:
            raise SwapInputError("max_exact_people and max_exact_cycles cannot be negative")


@dataclass(frozen=True)
class ExchangeStep:
    giver_id: int
    receiver_id: int
    # Skills the giver offers that the receiver wants, and the languages they share; sorted.
    skill_ids: tuple[int, ...]
    shared_languages: tuple[str, ...]

    @property
    def affinity(self) -> int:
        return min(3, len(self.shared_languages)) + min(3, len(self.skill_ids))


@dataclass(frozen=True)
class Exchange:
    """A cycle of teaching steps, starting from the member with the smallest id."""

    steps: tuple[ExchangeStep, ...]

    @property
    def member_ids(self) -> tuple[int, ...]:
        return tuple(step.giver_id for step in self.steps)

    @property
    def affinity(self) -> int:
        return sum(step.affinity for step in self.steps)


@dataclass(frozen=True)
class SwapPlan:
    exchanges: tuple[Exchange, ...]
    unmatched_ids: tuple[int, ...]
    method: SwapMethod
    proven_optimal: bool
    # Exchanges enumerated for the exact model; None when the heuristic ran alone.
    candidate_exchanges: int | None
    # A proven bound on people served by any plan, when CP-SAT ran.
    people_upper_bound: int | None

    @property
    def people_served(self) -> int:
        return sum(len(exchange.steps) for exchange in self.exchanges)

    @property
    def total_affinity(self) -> int:
        return sum(exchange.affinity for exchange in self.exchanges)


DEFAULT_SETTINGS = SwapSolverSettings()


def build_pool(participants: Sequence[SwapParticipant]) -> SwapPool:
    seen: set[int] = set()
    for participant in participants:
        if participant.person_id in seen:
            raise SwapInputError(f"person {participant.person_id} appears more than once")
        seen.add(participant.person_id)
    return SwapPool(
        offers=[participant.offers for participant in participants],
        wants=[participant.wants for participant in participants],
        languages=[participant.languages for participant in participants],
        person_ids=[participant.person_id for participant in participants],
        blocked_ids=[participant.blocked_ids for participant in participants],
    )


def _to_exchange(pool: SwapPool, cycle: Cycle) -> Exchange:
    # Rotate so the member with the smallest person id gives first: stable, readable output.
    start = min(range(len(cycle)), key=lambda position: pool.person_ids[cycle[position]])
    ordered = cycle[start:] + cycle[:start]
    steps = []
    for position, giver in enumerate(ordered):
        receiver = ordered[(position + 1) % len(ordered)]
        steps.append(
            ExchangeStep(
                giver_id=pool.person_ids[giver],
                receiver_id=pool.person_ids[receiver],
                skill_ids=tuple(sorted(pool.teachable_skills(giver, receiver))),
                shared_languages=tuple(sorted(pool.shared_language_tags(giver, receiver))),
            )
        )
    return Exchange(tuple(steps))


def _exact_plan(
    pool: SwapPool, heuristic: list[Cycle], settings: SwapSolverSettings
) -> tuple[list[Cycle], Packing | None, int] | None:
    """(plan, CP-SAT's packing or None, exchanges enumerated); None when the model is too big."""
    try:
        cycles = enumerate_cycles(pool, settings.max_exact_cycles)
    except TooManyCycles:
        return None
    packing = pack_cycles(
        pool,
        cycles,
        heuristic,
        time_limit_seconds=settings.time_limit_seconds,
        workers=settings.workers,
        random_seed=settings.random_seed,
    )
    if packing is None:
        return heuristic, None, len(cycles)
    # Under a time limit CP-SAT might not even reach the plan it was hinted with.
    if packing.optimal or plan_value(pool, packing.cycles) >= plan_value(pool, heuristic):
        return packing.cycles, packing, len(cycles)
    return heuristic, packing, len(cycles)


def _repacking_limits(settings: SwapSolverSettings) -> RepackingLimits:
    return RepackingLimits(
        deadline=time.monotonic() + settings.improvement_seconds,
        neighbourhood_size=settings.neighbourhood_size,
        neighbours_per_person=NEIGHBOURS_PER_PERSON,
        max_cycles=MAX_NEIGHBOURHOOD_CYCLES,
        step_work=NEIGHBOURHOOD_WORK,
        # One worker: the neighbourhoods are small, and a single-threaded search with a work
        # limit gives the same plan on every run with the same seed (unless the deadline cuts
        # the repacking short at a different point).
        workers=1,
        random_seed=settings.random_seed,
    )


def _first_member(exchange: Exchange) -> int:
    return exchange.member_ids[0]


def plan_swaps(
    participants: Sequence[SwapParticipant], settings: SwapSolverSettings = DEFAULT_SETTINGS
) -> SwapPlan:
    """Choose disjoint exchanges serving as many people as possible; see the module docstring."""
    pool = build_pool(participants)
    greedy = greedy_exchanges(pool, settings.search_budget)
    # People outside every possible exchange can never be served: this bounds every plan.
    served_by_greedy = {person for cycle in greedy for person in cycle}
    others = (person for person in range(pool.size) if person not in served_by_greedy)
    reachable = served_by_greedy.union(person for person in others if pool.has_any_cycle(person))
    people_upper_bound = len(reachable)

    exact = None
    if pool.size <= settings.max_exact_people:
        exact = _exact_plan(pool, greedy, settings)
    candidate_exchanges: int | None = None
    if exact is not None:
        chosen, packing, candidate_exchanges = exact
        proven_optimal = packing is not None and packing.optimal
        if packing is not None:
            people_upper_bound = min(people_upper_bound, packing.people_bound)
        method = SwapMethod.EXACT if proven_optimal else SwapMethod.EXACT_TIME_LIMITED
    else:
        chosen = greedy
        # Serving everyone who could be served at all is optimal in people, but affinity
        # could still improve, so only a pool without any possible exchange counts as proven.
        proven_optimal = not reachable
        method = SwapMethod.HEURISTIC
    if not proven_optimal:
        served = {person for cycle in chosen for person in cycle}
        seeds = sorted(reachable - served)
        repacked = repack(pool, chosen, seeds, _repacking_limits(settings))
        chosen, proven_optimal = repacked.cycles, repacked.proven_optimal
        if proven_optimal:
            people_upper_bound = sum(len(cycle) for cycle in chosen)

    exchanges = sorted((_to_exchange(pool, cycle) for cycle in chosen), key=_first_member)
    served_ids = {person for exchange in exchanges for person in exchange.member_ids}
    return SwapPlan(
        exchanges=tuple(exchanges),
        unmatched_ids=tuple(sorted(pid for pid in pool.person_ids if pid not in served_ids)),
        method=method,
        proven_optimal=proven_optimal,
        candidate_exchanges=candidate_exchanges,
        people_upper_bound=people_upper_bound,
    )
