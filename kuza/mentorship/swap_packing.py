"""Exact cycle packing with CP-SAT, for a whole pool or for neighbourhoods of a large one.

Pure Python plus OR-Tools; no Django. `swaps.plan_swaps` is the public entry point.

The model is the cycle formulation used for kidney exchange: one yes/no variable per possible
exchange (every 2-cycle and 3-cycle), at most one chosen exchange per person, maximise people
served and then affinity. Its LP relaxation is much tighter than that of a model with one
variable per teaching step, but the number of 3-cycles grows with the cube of the pool's
density, so it is only built for pools or neighbourhoods small enough (see
`swaps.SwapSolverSettings`).

Repacking (large-neighbourhood search) improves a heuristic plan of a large pool: take some
unserved people together with the exchanges of people they could trade with, and solve that
neighbourhood exactly. The exchanges outside it are untouched, and the current plan restricted
to the neighbourhood is a feasible answer of the small model, so a step never loses anyone.
"""

from __future__ import annotations

import random
import time
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ortools.sat.python import cp_model

from kuza.mentorship.swap_search import AFFINITY_CAP, Cycle, SwapPool

Key = TypeVar("Key", bound=Hashable)

# The most affinity one person can add to a plan: one step, each capped term at its cap.
MAX_AFFINITY_PER_PERSON = 2 * AFFINITY_CAP


class TooManyCycles(Exception):
    """The enumeration passed its limit; the exact model would be too large."""


def enumerate_cycles(pool: SwapPool, limit: int) -> list[Cycle]:
    """Every 2- and 3-cycle of the pool; one orientation per set of three people.

    A 3-cycle's two orientations serve the same people, so only the one with the higher
    affinity is kept: the other can never be strictly better in the packing. Raises
    TooManyCycles when there are more than `limit`.
    """
    successors = [pool.successors(person) for person in range(pool.size)]
    predecessors: list[set[int]] = [set() for _ in range(pool.size)]
    for giver, receivers in enumerate(successors):
        for receiver in receivers:
            predecessors[receiver].add(giver)

    cycles: list[Cycle] = []
    # Each cycle is found from its smallest member only, so none is found twice.
    for first in range(pool.size):
        triangles: dict[tuple[int, int], Cycle] = {}
        for second in successors[first]:
            if second < first:
                continue
            if first in successors[second]:
                cycles.append((first, second))
            for third in successors[second] & predecessors[first]:
                if third < first:
                    continue
                key = (min(second, third), max(second, third))
                candidate = (first, second, third)
                kept = triangles.get(key)
                if kept is None or pool.cycle_affinity(candidate) > pool.cycle_affinity(kept):
                    triangles[key] = candidate
        cycles.extend(triangles.values())
        if len(cycles) > limit:
            raise TooManyCycles
    return cycles


def plan_value(pool: SwapPool, cycles: Sequence[Cycle]) -> tuple[int, int]:
    """(people served, total affinity): compared as a tuple, this is the objective."""
    return sum(len(cycle) for cycle in cycles), sum(pool.cycle_affinity(c) for c in cycles)


@dataclass(frozen=True)
class Packing:
    cycles: list[Cycle]
    optimal: bool
    # No plan of this pool serves more people than this.
    people_bound: int


def pack_cycles(
    pool: SwapPool,
    cycles: Sequence[Cycle],
    hint: Sequence[Cycle],
    *,
    time_limit_seconds: float,
    workers: int,
    work_limit: float | None = None,
    random_seed: int,
) -> Packing | None:
    """The best disjoint set of `cycles`; None when CP-SAT found no solution in time.

    `work_limit` caps CP-SAT's deterministic time (its own measure of work done): unlike the
    wall-clock limit, the same model then always stops at the same point.
    """
    if not cycles:
        return Packing(cycles=[], optimal=True, people_bound=0)
    people_in_cycles = {person for cycle in cycles for person in cycle}
    # One more person must outweigh any difference in affinity, which is at most
    # MAX_AFFINITY_PER_PERSON per person served: this weight makes one objective lexicographic.
    person_weight = MAX_AFFINITY_PER_PERSON * len(people_in_cycles) + 1

    model = cp_model.CpModel()
    chosen = [model.new_bool_var(f"cycle_{index}") for index in range(len(cycles))]
    exchanges_of_person: dict[int, list[cp_model.IntVar]] = {}
    for variable, cycle in zip(chosen, cycles, strict=True):
        for person in cycle:
            exchanges_of_person.setdefault(person, []).append(variable)
    for variables in exchanges_of_person.values():
        model.add_at_most_one(variables)
    model.maximize(
        sum(
            (len(cycle) * person_weight + pool.cycle_affinity(cycle)) * variable
            for variable, cycle in zip(chosen, cycles, strict=True)
        )
    )
    # The hint may use the other orientation of a 3-cycle, so match by who is in it.
    hinted = {frozenset(cycle) for cycle in hint}
    for variable, cycle in zip(chosen, cycles, strict=True):
        model.add_hint(variable, frozenset(cycle) in hinted)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_seconds
    if work_limit is not None:
        solver.parameters.max_deterministic_time = work_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = random_seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Packing(
        cycles=[c for variable, c in zip(chosen, cycles, strict=True) if solver.value(variable)],
        optimal=status == cp_model.OPTIMAL,
        people_bound=int(solver.best_objective_bound // person_weight),
    )


@dataclass(frozen=True)
class RepackingLimits:
    deadline: float  # on the time.monotonic() clock
    neighbourhood_size: int  # people in the first neighbourhood; adapted as the search goes
    neighbours_per_person: int
    max_cycles: int
    # CP-SAT work (deterministic time) allowed per neighbourhood.
    step_work: float
    workers: int
    random_seed: int


# Neighbourhoods grow by half while CP-SAT proves them and they hold under a quarter of the
# exchanges allowed, and shrink by a third when it cannot prove them or they hold too many; the
# size is always kept within these. Counting exchanges rather than seconds keeps runs
# reproducible as long as no time limit strikes.
MIN_NEIGHBOURHOOD = 20
MAX_NEIGHBOURHOOD = 2_000
# Passes over the unserved people stop after this many in a row serve nobody new.
MAX_FRUITLESS_PASSES = 10


def _neighbourhood(
    pool: SwapPool,
    seeds: list[int],
    cycle_of: dict[int, Cycle],
    size: int,
    neighbours_per_person: int,
    rng: random.Random,
) -> tuple[list[int], list[int]]:
    """(people, seeds used): seeds taken from the end of `seeds`, with the whole exchanges of
    a random sample of the people each seed could trade with."""
    if size >= pool.size:  # the whole pool fits: solve it all
        used = [seed for seed in seeds if seed not in cycle_of]
        seeds.clear()
        return list(range(pool.size)), used
    region: set[int] = set()
    used: list[int] = []
    while seeds and len(region) < size:
        seed = seeds.pop()
        if seed in cycle_of:  # served meanwhile by another neighbourhood's repacking
            continue
        used.append(seed)
        region.add(seed)
        # Half from each side: whoever is scarce, teachers or learners, is what keeps the seed
        # unserved, and one side alone could crowd out the other.
        per_side = max(1, neighbours_per_person // 2)
        sides = (
            (pool.givers_index, pool.keys_for_givers_to(seed)),
            (pool.receivers_index, pool.keys_for_receivers_of(seed)),
        )
        for index, keys in sides:
            for person in _sample_from_buckets(index, keys, per_side, rng):
                region.update(cycle_of.get(person, (person,)))
    return sorted(region), used


def _sample_from_buckets(
    index: Mapping[Key, list[int]], keys: Iterable[Key], count: int, rng: random.Random
) -> set[int]:
    """Up to `count` people drawn at random from the index buckets under `keys`.

    Random rather than the first few, so that repeated passes over a seed look at different
    people, even in buckets of thousands; a draw is a bucket, then a person in it, both O(1).
    """
    buckets = [index[key] for key in keys if key in index]
    chosen: set[int] = set()
    if not buckets:
        return chosen
    # Twice as many draws as wanted, since draws can repeat; in a tiny bucket that is fine.
    for _ in range(2 * count):
        chosen.add(rng.choice(rng.choice(buckets)))
        if len(chosen) == count:
            break
    return chosen


def _repack_region(
    pool: SwapPool, region: list[int], cycle_of: dict[int, Cycle], limits: RepackingLimits
) -> tuple[bool, int]:
    """Solve `region` exactly and adopt the result if better. Returns whether CP-SAT proved
    its answer optimal, and how many exchanges the region holds (or the limit, when over it)."""
    local = pool.subset(region)
    local_index = {person: position for position, person in enumerate(region)}
    # Every served person in the region brought their whole exchange along.
    current = [
        tuple(local_index[person] for person in cycle)
        for cycle in {cycle_of[person] for person in region if person in cycle_of}
    ]
    try:
        candidates = enumerate_cycles(local, limits.max_cycles)
    except TooManyCycles:
        return False, limits.max_cycles
    remaining = limits.deadline - time.monotonic()
    packing = pack_cycles(
        local,
        candidates,
        current,
        time_limit_seconds=max(0.01, remaining),
        workers=limits.workers,
        work_limit=limits.step_work,
        random_seed=limits.random_seed,
    )
    if packing is None:
        return False, len(candidates)
    if plan_value(local, packing.cycles) > plan_value(local, current):
        for person in region:
            cycle_of.pop(person, None)
        for local_cycle in packing.cycles:
            cycle = tuple(region[person] for person in local_cycle)
            cycle_of.update(dict.fromkeys(cycle, cycle))
    return packing.optimal, len(candidates)


@dataclass(frozen=True)
class Repacked:
    cycles: list[Cycle]
    # True when a neighbourhood grew to the whole pool and CP-SAT proved it optimal.
    proven_optimal: bool


def repack(
    pool: SwapPool, cycles: list[Cycle], seeds: list[int], limits: RepackingLimits
) -> Repacked:
    """Improve a plan by solving neighbourhoods around the unserved `seeds` exactly, until
    the deadline, until passes over the seeds stop serving anyone new, or until the whole pool
    is solved exactly."""
    rng = random.Random(limits.random_seed)
    cycle_of = {person: cycle for cycle in cycles for person in cycle}
    pending = list(seeds)
    size = limits.neighbourhood_size
    fruitless_passes = 0
    while pending and fruitless_passes < MAX_FRUITLESS_PASSES:
        rng.shuffle(pending)
        served_before = len(cycle_of)
        retry: list[int] = []
        while pending and time.monotonic() < limits.deadline:
            region, used = _neighbourhood(
                pool, pending, cycle_of, size, limits.neighbours_per_person, rng
            )
            proven, exchanges = _repack_region(pool, region, cycle_of, limits)
            if proven and len(region) == pool.size:
                return Repacked(sorted(set(cycle_of.values())), proven_optimal=True)
            if not proven or exchanges >= limits.max_cycles:
                size = max(MIN_NEIGHBOURHOOD, size * 2 // 3)
            elif exchanges < limits.max_cycles // 4:
                size = min(MAX_NEIGHBOURHOOD, size * 3 // 2)
            retry.extend(seed for seed in used if seed not in cycle_of)
        if time.monotonic() >= limits.deadline:
            break
        pending.extend(retry)
        fruitless_passes = fruitless_passes + 1 if len(cycle_of) == served_before else 0
    return Repacked(sorted(set(cycle_of.values())), proven_optimal=False)
