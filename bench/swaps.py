"""Benchmark the skill-swap planner on generated pools.

Run from the repository root:  .venv/bin/python bench/swaps.py [--sizes 1000 10000 50000]

For every size it prints the time and people served of the greedy plan alone and of the
repacked heuristic plan (what plan_swaps uses for large pools), and, where the pool is small
enough for the exact method (CP-SAT), the exact result and the heuristic's gap to it. The upper
bound is the number of people who belong to at least one possible exchange (tightened by
CP-SAT's bound where it ran).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kuza.mentorship.swaps import (  # noqa: E402
    SwapParticipant,
    SwapPlan,
    SwapSolverSettings,
    plan_swaps,
)

SKILL_COUNT = 60
# Roughly how common each language is among participants of a multilingual wiki community.
LANGUAGE_WEIGHTS = {
    "en": 0.60,
    "fr": 0.30,
    "ar": 0.20,
    "sw": 0.15,
    "es": 0.10,
    "pt": 0.07,
    "hi": 0.05,
    "id": 0.05,
    "de": 0.05,
    "ru": 0.04,
    "zh": 0.04,
}
BLOCKING_SHARE = 0.01


def _zipf_weights(count: int, exponent: float) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def _pick_distinct(rng: random.Random, items: list, weights: list[float], count: int) -> set:
    picked: set = set()
    while len(picked) < count:
        picked.add(rng.choices(items, weights)[0])
    return picked


def generate_pool(size: int, seed: int) -> list[SwapParticipant]:
    """A pool with skewed skill popularity where demand does not mirror supply exactly."""
    rng = random.Random(seed)
    skills = list(range(SKILL_COUNT))
    offer_weights = _zipf_weights(SKILL_COUNT, 0.9)
    # Demand follows a partly reshuffled popularity order: the most offered skills are not
    # quite the most wanted ones.
    want_order = skills[:]
    for _ in range(SKILL_COUNT // 3):
        first, second = rng.randrange(SKILL_COUNT), rng.randrange(SKILL_COUNT)
        want_order[first], want_order[second] = want_order[second], want_order[first]
    want_weights = [0.0] * SKILL_COUNT
    for rank, skill in enumerate(want_order):
        want_weights[skill] = offer_weights[rank]
    languages = list(LANGUAGE_WEIGHTS)
    language_weights = list(LANGUAGE_WEIGHTS.values())

    participants = []
    for person_id in range(size):
        offers = _pick_distinct(rng, skills, offer_weights, rng.randint(1, 4))
        wants = _pick_distinct(rng, skills, want_weights, rng.randint(1, 4)) - offers
        spoken = _pick_distinct(rng, languages, language_weights, rng.choice([1, 1, 2, 2, 3]))
        blocked = {rng.randrange(size)} - {person_id} if rng.random() < BLOCKING_SHARE else set()
        participants.append(SwapParticipant(person_id, offers, wants, spoken, blocked))
    return participants


def _timed(participants: list[SwapParticipant], settings: SwapSolverSettings):
    started = time.perf_counter()
    plan = plan_swaps(participants, settings)
    return plan, time.perf_counter() - started


def _describe(label: str, plan: SwapPlan, seconds: float, size: int) -> str:
    share = 100.0 * plan.people_served / size
    return (
        f"  {label:<10} {seconds:7.2f} s  served {plan.people_served:>6} ({share:5.1f}%)"
        f"  affinity {plan.total_affinity:>7}  exchanges {len(plan.exchanges):>6}"
        f"  upper bound {plan.people_upper_bound:>6}  {plan.method}"
        f"{' (proven optimal)' if plan.proven_optimal else ''}"
    )


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--time-limit", type=float, default=60.0, help="CP-SAT seconds")
    parser.add_argument(
        "--improvement", type=float, default=5.0, help="seconds of repacking after greedy"
    )
    parser.add_argument("--exact-up-to", type=int, default=2_000, help="largest exact pool")
    parser.add_argument(
        "--tiny", action="store_true", help="one pool of 40 people (the test suite runs this)"
    )
    args = parser.parse_args(argv)
    if args.tiny:
        args.sizes, args.improvement, args.time_limit = [40], 0.2, 5.0
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)

    greedy_only = SwapSolverSettings(max_exact_people=0, improvement_seconds=0)
    heuristic = SwapSolverSettings(max_exact_people=0, improvement_seconds=args.improvement)
    exact = SwapSolverSettings(
        time_limit_seconds=args.time_limit,
        max_exact_people=args.exact_up_to,
        max_exact_cycles=2_000_000,
    )
    for size in args.sizes:
        started = time.perf_counter()
        participants = generate_pool(size, args.seed)
        print(f"pool of {size} people (generated in {time.perf_counter() - started:.1f} s)")
        greedy_plan, greedy_seconds = _timed(participants, greedy_only)
        print(_describe("greedy", greedy_plan, greedy_seconds, size))
        heuristic_plan, heuristic_seconds = _timed(participants, heuristic)
        print(_describe("repacked", heuristic_plan, heuristic_seconds, size))
        if size > args.exact_up_to:
            continue
        exact_plan, exact_seconds = _timed(participants, exact)
        print(_describe("exact", exact_plan, exact_seconds, size))
        print(
            f"  {exact_plan.candidate_exchanges} candidate exchanges; repacked heuristic serves"
            f" {exact_plan.people_served - heuristic_plan.people_served} fewer than exact"
        )


if __name__ == "__main__":
    main()
