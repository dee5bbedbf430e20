"""What one person adds to the precomputed capacity map (pure: no Django).

The map's counts are sums over people: a person counts once per country (theirs) for each
figure (mentors, knows, ...) when any of their claims in the chosen skills has that flag. So
the counts for every filter the map offers can be kept as sums, and a change to one person
moves them by that person's old and new contribution only.

A filter is a *key* (`""` every skill, `"s<id>"` a skill with the skills below it, `"c<id>"`
a category) and a *language* (`""` any, else a tag that also matches its subtags: "sw" finds
"sw-KE"). A person is counted in the bucket of the lowest viewer tier that sees every field
the filter reads (profile, skills, place, and languages when filtered by language). Tier 3
(only me) buckets are never read for others: the map adds them for the person themself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ALL_SKILLS = ""
ANY_LANGUAGE = ""
CLOSEST_SHARED_TIER = 2  # MENTORS_AND_ORGANISERS: the most private tier anyone else has
FIGURES = ("people", "mentors", "knows", "learners", "services", "offers")

Figures = tuple[int, int, int, int, int, int]  # in FIGURES order
Bucket = tuple[str, str, int, str]  # key, language, tier, country


def skill_key(skill_id: int) -> str:
    return f"s{skill_id}"


def category_key(category_id: int) -> str:
    return f"c{category_id}"


@dataclass(frozen=True)
class Claim:
    skill_id: int
    knows: bool
    wants_to_learn: bool
    can_mentor: bool
    offers_service: bool


@dataclass(frozen=True)
class PersonFacts:
    """Everything of one person the map reads; `on_map` is False when they are suspended
    or left the map."""

    on_map: bool
    country: str
    visibility: int
    skills_visibility: int
    location_visibility: int
    languages_visibility: int
    language_tags: tuple[str, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Each skill's parent and category, to find every key a claim falls under."""

    parent: Mapping[int, int | None]
    category: Mapping[int, int]

    def keys_of(self, skill_id: int) -> set[str]:
        keys = {ALL_SKILLS, category_key(self.category[skill_id])}
        current: int | None = skill_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            keys.add(skill_key(current))
            current = self.parent.get(current)
        return keys


def language_keys(tags: Iterable[str]) -> set[str]:
    """Every filter value that finds a person speaking `tags`: each tag and its prefixes."""
    keys = set()
    for tag in tags:
        parts = tag.split("-")
        keys.update("-".join(parts[:end]) for end in range(1, len(parts) + 1))
    return keys


def _figures(claims: list[Claim]) -> Figures:
    return (
        1,
        int(any(claim.can_mentor for claim in claims)),
        int(any(claim.knows for claim in claims)),
        int(any(claim.wants_to_learn for claim in claims)),
        int(any(claim.offers_service for claim in claims)),
        int(any(claim.can_mentor or claim.offers_service for claim in claims)),
    )


def contribution(person: PersonFacts, taxonomy: Taxonomy) -> dict[Bucket, Figures]:
    """The person's figures per bucket; empty when they are not on the map at all."""
    if not person.on_map or not person.country or not person.claims:
        return {}
    tier = max(person.visibility, person.skills_visibility, person.location_visibility)
    language_tier = max(tier, person.languages_visibility)
    by_key: dict[str, list[Claim]] = {}
    for claim in person.claims:
        for key in taxonomy.keys_of(claim.skill_id):
            by_key.setdefault(key, []).append(claim)
    languages = language_keys(person.language_tags)
    result: dict[Bucket, Figures] = {}
    for key, claims in by_key.items():
        figures = _figures(claims)
        result[(key, ANY_LANGUAGE, tier, person.country)] = figures
        for language in languages:
            result[(key, language, language_tier, person.country)] = figures
    return result


def difference(
    new: Mapping[Bucket, Figures], old: Mapping[Bucket, Figures]
) -> dict[Bucket, Figures]:
    """new minus old, per bucket, without the buckets that do not move."""
    result = {}
    for bucket in set(new) | set(old):
        after, before = new.get(bucket, (0,) * 6), old.get(bucket, (0,) * 6)
        change = tuple(a - b for a, b in zip(after, before, strict=True))
        if any(change):
            result[bucket] = change
    return result
