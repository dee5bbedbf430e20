"""The indexed swap pool and the greedy search used on pools too large for the exact method.

Pure Python; no Django. `swaps.plan_swaps` is the public entry point.

Why indexes: a pool of 50,000 people has about a billion ordered pairs, so nothing may look at
every pair. Three indexes answer the questions the search asks, each by a few dictionary
look-ups:
* who wants skill s and speaks language l (whom a giver could teach);
* who offers skill s and speaks language l (who could teach a receiver);
* who offers skill t, wants skill s and speaks language l (2-cycle partners: a person wanting t
  and offering s looks up (t, s, l) for each language l they speak).

Greedy: visit people from the hardest to place (fewest potential 2-cycle partners) to the
easiest, and give each unplaced person a 2-cycle, or else a 3-cycle, with unplaced people,
choosing the hardest-to-place partners so the easy ones stay available for later. Then each
still unplaced person tries to join a 2-cycle (making it a 3-cycle) or to take someone's place
in an exchange when that someone can be placed again elsewhere. Every search inspects at most
`budget` candidates, which keeps the run close to linear in the pool size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import islice

# Affinity counts at most this many shared languages and teachable skills per step: beyond
# three, more options no longer make an exchange noticeably more robust.
AFFINITY_CAP = 3

# People are pool indexes; a cycle lists them in teaching order, the last teaching the first.
Cycle = tuple[int, ...]


def _members(index: Mapping, keys: Iterator) -> Iterator[int]:
    for key in keys:
        yield from index.get(key, ())


class SwapPool:
    """Integer-coded view of the pool: people are indexes 0..size-1, languages are codes."""

    def __init__(
        self,
        *,
        person_ids: Sequence[int],
        offers: Sequence[frozenset[int]],
        wants: Sequence[frozenset[int]],
        languages: Sequence[frozenset[str]],
        blocked_ids: Sequence[frozenset[int]],
    ) -> None:
        self.size = len(person_ids)
        self.person_ids = list(person_ids)
        self.offers = list(offers)
        self.wants = list(wants)
        self.language_sets = list(languages)
        language_codes: dict[str, int] = {}
        self.language_tags: list[str] = []
        self.languages: list[frozenset[int]] = []
        for tags in languages:
            # Sorted, so that codes and set iteration orders (and with them the search) do not
            # depend on string hashing, which changes from one process to the next.
            ordered_tags = sorted(tags)
            for tag in ordered_tags:
                if tag not in language_codes:
                    language_codes[tag] = len(self.language_tags)
                    self.language_tags.append(tag)
            self.languages.append(frozenset(language_codes[tag] for tag in ordered_tags))

        index_of = {person_id: index for index, person_id in enumerate(self.person_ids)}
        # Blocking works in both directions, so store it symmetrically once.
        self.blocked: list[set[int]] = [set() for _ in range(self.size)]
        for person, blocked in enumerate(blocked_ids):
            for other_id in blocked:
                other = index_of.get(other_id)
                if other is not None:
                    self.blocked[person].add(other)
                    self.blocked[other].add(person)

        self.receivers_index: dict[tuple[int, int], list[int]] = {}
        self.givers_index: dict[tuple[int, int], list[int]] = {}
        self.partners_index: dict[tuple[int, int, int], list[int]] = {}
        for person in range(self.size):
            for language in self.languages[person]:
                for skill in self.wants[person]:
                    self.receivers_index.setdefault((skill, language), []).append(person)
                for skill in self.offers[person]:
                    self.givers_index.setdefault((skill, language), []).append(person)
            for key in self.partner_keys(person):
                self.partners_index.setdefault(key, []).append(person)

    def subset(self, people: Sequence[int]) -> SwapPool:
        """The pool restricted to `people`; its person ids are indexes into this pool."""
        return SwapPool(
            person_ids=people,
            offers=[self.offers[person] for person in people],
            wants=[self.wants[person] for person in people],
            languages=[self.language_sets[person] for person in people],
            blocked_ids=[frozenset(self.blocked[person]) for person in people],
        )

    def receiver_keys(self, person: int) -> Iterator[tuple[int, int]]:
        """Keys under which `person` is found in the receivers index."""
        languages = self.languages[person]
        return ((skill, language) for skill in self.wants[person] for language in languages)

    def partner_keys(self, person: int) -> Iterator[tuple[int, int, int]]:
        """Keys under which `person` is found in the partners index."""
        return (
            (offered, wanted, language)
            for offered in self.offers[person]
            for wanted in self.wants[person]
            for language in self.languages[person]
        )

    def keys_for_receivers_of(self, giver: int) -> Iterator[tuple[int, int]]:
        languages = self.languages[giver]
        return ((skill, language) for skill in self.offers[giver] for language in languages)

    def keys_for_givers_to(self, receiver: int) -> Iterator[tuple[int, int]]:
        return self.receiver_keys(receiver)

    def keys_for_partners_of(self, person: int) -> Iterator[tuple[int, int, int]]:
        return (
            (wanted, offered, language)
            for wanted in self.wants[person]
            for offered in self.offers[person]
            for language in self.languages[person]
        )

    def keys_for_closers(self, first: int, second: int) -> Iterator[tuple[int, int, int]]:
        """Partners-index keys of a third person who learns from `second` and teaches `first`
        in a language `first` speaks (the language with `second` must still be checked)."""
        return (
            (offered, wanted, language)
            for offered in self.wants[first]
            for wanted in self.offers[second]
            for language in self.languages[first]
        )

    def can_teach(self, giver: int, receiver: int) -> bool:
        return (
            giver != receiver
            and receiver not in self.blocked[giver]
            and not self.offers[giver].isdisjoint(self.wants[receiver])
            and not self.languages[giver].isdisjoint(self.languages[receiver])
        )

    def successors(self, giver: int) -> set[int]:
        """Everyone `giver` could teach."""
        found: set[int] = set()
        for key in self.keys_for_receivers_of(giver):
            found.update(self.receivers_index.get(key, ()))
        found.discard(giver)
        found -= self.blocked[giver]
        return found

    def teachers_of(self, person: int) -> Iterator[int]:
        """People who could teach `person` (with repeats, unfiltered by blocks)."""
        return _members(self.givers_index, self.keys_for_givers_to(person))

    def has_any_cycle(self, person: int) -> bool:
        """Whether `person` belongs to at least one valid exchange: an exhaustive search that
        returns at the first one found, so it is quick for everyone but the hard cases."""
        blocked = self.blocked[person]
        for partner in _members(self.partners_index, self.keys_for_partners_of(person)):
            if partner != person and partner not in blocked:
                return True
        # A 3-cycle person -> second -> third -> person. Loop over the smaller side: the hard
        # cases usually want a rare skill, so few can teach them while many could learn.
        teachers = {
            third for third in self.teachers_of(person) if third != person and third not in blocked
        }
        learners = self.successors(person)
        if len(teachers) <= len(learners):
            for third in teachers:
                # second learns from person (in person's language) and teaches third.
                keys = (
                    (offered, wanted, language)
                    for offered in self.wants[third]
                    for wanted in self.offers[person]
                    for language in self.languages[person]
                )
                for second in _members(self.partners_index, keys):
                    if second != third and second in learners and self.can_teach(second, third):
                        return True
            return False
        for second in learners:
            for third in _members(self.partners_index, self.keys_for_closers(person, second)):
                if third in teachers and third != second and self.can_teach(second, third):
                    return True
        return False

    def teachable_skills(self, giver: int, receiver: int) -> frozenset[int]:
        return self.offers[giver] & self.wants[receiver]

    def shared_language_tags(self, first: int, second: int) -> list[str]:
        return [self.language_tags[code] for code in self.languages[first] & self.languages[second]]

    def step_affinity(self, giver: int, receiver: int) -> int:
        shared_languages = len(self.languages[giver] & self.languages[receiver])
        skills = len(self.offers[giver] & self.wants[receiver])
        return min(AFFINITY_CAP, shared_languages) + min(AFFINITY_CAP, skills)

    def cycle_affinity(self, cycle: Cycle) -> int:
        return sum(
            self.step_affinity(giver, cycle[(position + 1) % len(cycle)])
            for position, giver in enumerate(cycle)
        )

    def is_valid_cycle(self, cycle: Cycle) -> bool:
        # In a 2- or 3-cycle every pair is adjacent, so checking each step covers blocks too.
        return all(
            self.can_teach(giver, cycle[(position + 1) % len(cycle)])
            for position, giver in enumerate(cycle)
        )


class _GreedySearch:
    """Mutable search state: who is placed in which cycle, and indexes of unplaced people."""

    def __init__(self, pool: SwapPool, budget: int) -> None:
        self.pool = pool
        self.budget = budget
        self.cycle_of: list[Cycle | None] = [None] * pool.size
        self.free_receivers = {key: set(people) for key, people in pool.receivers_index.items()}
        self.free_partners = {key: set(people) for key, people in pool.partners_index.items()}
        # How many 2-cycle partners a person could have at all (with repeats): a cheap measure
        # of how hard they are to place.
        self.partner_supply = [
            sum(len(pool.partners_index.get(key, ())) for key in pool.keys_for_partners_of(person))
            for person in range(pool.size)
        ]

    def cycles(self) -> list[Cycle]:
        return sorted({cycle for cycle in self.cycle_of if cycle is not None})

    def _free_buckets_of(self, person: int) -> Iterator[set[int]]:
        for key in self.pool.receiver_keys(person):
            yield self.free_receivers[key]
        for key in self.pool.partner_keys(person):
            yield self.free_partners[key]

    def place(self, cycle: Cycle) -> None:
        for person in cycle:
            if self.cycle_of[person] is None:
                for bucket in self._free_buckets_of(person):
                    bucket.discard(person)
            self.cycle_of[person] = cycle

    def remove(self, cycle: Cycle) -> None:
        for person in cycle:
            self.cycle_of[person] = None
            for bucket in self._free_buckets_of(person):
                bucket.add(person)

    def _most_preferred(self, candidates: list[Cycle], newcomer: int) -> Cycle | None:
        """Hardest-to-place partners first, then the higher affinity, then the lowest indexes."""
        if not candidates:
            return None

        def supply(cycle: Cycle) -> int:
            return sum(self.partner_supply[person] for person in cycle if person != newcomer)

        # Affinity is dearer to compute, so only the tied-for-hardest candidates need it.
        hardest = min(supply(cycle) for cycle in candidates)
        tied = [cycle for cycle in candidates if supply(cycle) == hardest]
        return min(tied, key=lambda cycle: (-self.pool.cycle_affinity(cycle), cycle))

    def best_pair(self, person: int) -> Cycle | None:
        pool = self.pool
        keys = pool.keys_for_partners_of(person)
        partners = {
            partner
            for partner in islice(_members(self.free_partners, keys), self.budget)
            if partner != person and partner not in pool.blocked[person]
        }
        return self._most_preferred([(person, partner) for partner in partners], person)

    def best_triangle(self, person: int) -> Cycle | None:
        """A 3-cycle person -> second -> third -> person among unplaced people."""
        pool = self.pool
        candidates: list[Cycle] = []
        receivers = _members(self.free_receivers, pool.keys_for_receivers_of(person))
        for second in islice(receivers, self.budget):
            if second == person or second in pool.blocked[person]:
                continue
            closers = _members(self.free_partners, pool.keys_for_closers(person, second))
            candidates.extend(
                (person, second, third)
                for third in islice(closers, self.budget)
                if third not in (person, second)
                and third not in pool.blocked[person]
                and pool.can_teach(second, third)
            )
        return self._most_preferred(candidates, person)

    def growable_pair(self, person: int) -> tuple[Cycle, Cycle] | None:
        """A 2-cycle that `person` can join, as (old 2-cycle, new 3-cycle)."""
        pool = self.pool
        receivers = _members(pool.receivers_index, pool.keys_for_receivers_of(person))
        for taught in islice(receivers, self.budget):
            pair = self.cycle_of[taught]
            if pair is None or len(pair) != 2 or taught in pool.blocked[person]:
                continue
            other = pair[0] if pair[1] == taught else pair[1]
            # person -> taught -> other -> person; taught -> other already holds.
            if pool.can_teach(other, person):
                return pair, (person, taught, other)
        return None

    def place_anew(self, person: int) -> bool:
        """Place an unplaced person by a move that leaves everyone else placed."""
        cycle = self.best_pair(person) or self.best_triangle(person)
        if cycle is not None:
            self.place(cycle)
            return True
        growth = self.growable_pair(person)
        if growth is not None:
            old, new = growth
            self.remove(old)
            self.place(new)
            return True
        return False

    def eject_for(self, person: int) -> bool:
        """Put `person` in someone's place if that someone can be placed again elsewhere."""
        pool = self.pool
        receivers = _members(pool.receivers_index, pool.keys_for_receivers_of(person))
        for taught in islice(receivers, self.budget):
            cycle = self.cycle_of[taught]
            if cycle is None or taught in pool.blocked[person]:
                continue
            # person takes the place of the one who teaches `taught` in that cycle.
            position = (cycle.index(taught) - 1) % len(cycle)
            replaced = cycle[position]
            new_cycle = cycle[:position] + (person,) + cycle[position + 1 :]
            if not pool.is_valid_cycle(new_cycle):
                continue
            self.remove(cycle)
            self.place(new_cycle)
            if self.place_anew(replaced):
                return True
            self.remove(new_cycle)
            self.place(cycle)
        return False


def greedy_exchanges(pool: SwapPool, budget: int) -> list[Cycle]:
    """Disjoint valid 2- and 3-cycles found by the greedy search in the module docstring."""
    search = _GreedySearch(pool, budget)
    order = sorted(range(pool.size), key=lambda person: (search.partner_supply[person], person))
    for person in order:
        if search.cycle_of[person] is None:
            cycle = search.best_pair(person) or search.best_triangle(person)
            if cycle is not None:
                search.place(cycle)
    # Each success serves one more person and never unplaces anyone.
    for person in order:
        if search.cycle_of[person] is None and not search.place_anew(person):
            search.eject_for(person)
    return search.cycles()
