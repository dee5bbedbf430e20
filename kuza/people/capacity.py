"""The capacity map's numbers: per country, who can mentor, knows or wants to learn what.

Only people the viewer may see count (`people_visible_to`, the one rule for profiles): their
profile, skills and place must all be visible to the viewer, they must not be suspended nor
in a block with the viewer either way, and they must not have left the map (a safety
preference, read through `kuza.safety.selectors.users_hidden_from_map`). Counts below 3 leave
this module as "fewer than 3" (see capacity_rules).

The people's figures are read from precomputed sums (`CapacityCount`, kept by
kuza.people.listing) for the filters the map offers (every skill, a skill with the skills
below it, a category; any language or one), then corrected for the few people whose view
differs for this viewer: themself, people in a block with them, and people they see at the
"my mentors and organisers" tier. Other filters are counted live, by the same rules.

Needs come from several sources: people who want to learn, plus any source another app
registers with `register_need_source` (e.g. the surveys app's needs assessments).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kuza.accounts.selectors import is_signed_in
from kuza.people.capacity_contribution import (
    ALL_SKILLS,
    ANY_LANGUAGE,
    CLOSEST_SHARED_TIER,
    FIGURES,
    category_key,
    skill_key,
)
from kuza.people.capacity_rules import Shown, gap, shown
from kuza.people.models import (
    CapacityContribution,
    CapacityCount,
    ProfileLanguage,
    SkillClaim,
    Visibility,
)
from kuza.people.selectors import language_q, people_visible_to
from kuza.people.visibility import relationship_subject_parts, suspended_user_ids
from kuza.safety.selectors import blocked_with_q, users_off_the_map_by_choice


@dataclass(frozen=True)
class MapFilter:
    skill_ids: frozenset[int] | None = None  # a skill with its descendants, or a category
    language: str | None = None  # people who speak this language (tag prefix match)
    # What `skill_ids` stands for among the precomputed filters (see capacity_contribution);
    # None: counted live. Use for_skill / for_category.
    key: str | None = None

    @classmethod
    def for_skill(cls, skill, language: str | None = None) -> MapFilter:
        from kuza.skills.selectors import skill_with_descendants_ids

        ids = frozenset(skill_with_descendants_ids(skill))
        return cls(skill_ids=ids, language=language, key=skill_key(skill.pk))

    @classmethod
    def for_category(cls, category, language: str | None = None) -> MapFilter:
        from kuza.skills.selectors import category_skill_ids

        ids = frozenset(category_skill_ids(category))
        return cls(skill_ids=ids, language=language, key=category_key(category.pk))

    @property
    def precomputed_key(self) -> str | None:
        return ALL_SKILLS if self.skill_ids is None else self.key


@dataclass(frozen=True)
class NeedSource:
    """Another source of needs per country, e.g. needs assessments from surveys.

    `counts(viewer, map_filter)` returns {country code: number of needs}; it must apply its
    own privacy rules for `viewer`. The map applies the small-count rule to each source.

    A family of sources known only when the map is drawn (one per closed survey, each with
    its own label) registers one entry with `expand`: the map then lists the sources
    `expand()` returns in its place, and never calls this entry's own `counts`.
    """

    key: str
    label: str | Promise
    counts: Callable[[object, MapFilter], dict[str, int]]
    expand: Callable[[], list[NeedSource]] | None = None


_need_sources: list[NeedSource] = []


def register_need_source(source: NeedSource) -> None:
    """Add a source of needs to the map (call from your integrations.py)."""
    if all(existing.key != source.key for existing in _need_sources):
        _need_sources.append(source)


def unregister_need_source(key: str) -> None:
    _need_sources[:] = [source for source in _need_sources if source.key != key]


def need_sources() -> list[NeedSource]:
    """The registered sources, each family replaced by the sources it expands to now."""
    sources: list[NeedSource] = []
    for source in _need_sources:
        sources.extend(source.expand() if source.expand is not None else [source])
    return sources


@dataclass(frozen=True)
class RawCounts:
    """Exact counts; never leave the server (use CountryCapacity)."""

    mentors: int = 0
    knows: int = 0
    learners: int = 0
    services: int = 0
    offers: int = 0  # people who can mentor or offer a service


@dataclass
class CountryCapacity:
    country: str
    name: str
    mentors: Shown
    knows: Shown
    learners: Shown
    services: Shown
    offers: Shown
    needs: Shown
    needs_by_source: dict[str, Shown] = field(default_factory=dict)

    @property
    def gap(self) -> int | None:
        return gap(self.needs, self.offers)


def raw_people_counts(viewer, map_filter: MapFilter) -> dict[str, RawCounts]:
    """Exact per-country counts of visible people; for the map's own use and its tests."""
    key = map_filter.precomputed_key
    if key is None:
        return {
            country: RawCounts(*figures[1:])
            for country, figures in _live_counts(viewer, map_filter).items()
        }
    return _precomputed_counts(viewer, key, map_filter)


def _viewer_tier(viewer) -> int:
    """The tier the viewer has on everyone but themself and the people close to them."""
    if not is_signed_in(viewer):
        return Visibility.PUBLIC
    return Visibility.MENTORS_AND_ORGANISERS if viewer.is_staff else Visibility.MEMBERS


def _precomputed_counts(viewer, key: str, map_filter: MapFilter) -> dict[str, RawCounts]:
    """Precomputed sums for the viewer's tier, corrected for the people whose view differs.

    For this viewer, only these people count otherwise than in the sums of their tier:
    themself (they see all of their own profile), people in a block with them (not at all),
    and the people close to them (mentorships, organisations they organise) counted from the
    "my mentors and organisers" tier on (up to that tier). What their stored contributions
    add to the sums is replaced by what they add for this viewer. Two queries.
    """
    language = map_filter.language or ANY_LANGUAGE
    tier = _viewer_tier(viewer)
    totals: dict[str, list[int]] = {}

    def add(country: str, values, sign: int) -> None:
        figures = totals.setdefault(country, [0] * len(FIGURES))
        for index, value in enumerate(values):
            figures[index] += sign * value

    rows = CapacityCount.objects.filter(key=key, language=language, tier__lte=tier)
    for country, *values in rows.values_list("country", *FIGURES):
        add(country, values, 1)
    # Who differs, and how far they are seen: one indexable condition per part of a union.
    # The sums were made from copies (Profile.on_map); the account stays the rule, so a
    # suspended person whose copy was not refreshed (an account deactivated by
    # QuerySet.update, say) is taken out here. Suspended accounts are few and indexed; those
    # who left the map by choice are many, and their choice is only written through
    # kuza.safety.services or a model save, which refresh the copy.
    parts: list[tuple[Q, int | None]] = [(Q(user_id__in=suspended_user_ids()), None)]
    if is_signed_in(viewer):
        parts += [(Q(user_id=viewer.pk), Visibility.ONLY_ME)]
        parts += [(part, None) for part in _or_parts(blocked_with_q(viewer, "user_id"))]
    if is_signed_in(viewer) and tier < CLOSEST_SHARED_TIER:
        parts += [
            (Q(close_only=True) & part, CLOSEST_SHARED_TIER)
            for part in relationship_subject_parts(viewer, embed=True)
        ]
    stored = [
        CapacityContribution.objects.filter(part)
        .annotate(part=Value(index))
        .values_list("profile_id", "part", "buckets")
        for index, (part, _seen) in enumerate(parts)
    ]
    seen_up_to: dict[int, int | None] = {}
    contributions: dict[int, list] = {}
    for profile_id, index, buckets in stored[0].union(*stored[1:], all=True):
        contributions[profile_id] = buckets
        seen, before = parts[index][1], seen_up_to.get(profile_id, 0)
        if seen is None or before is None:
            seen_up_to[profile_id] = None  # a block outweighs being close
        else:
            seen_up_to[profile_id] = max(seen, before)
    for profile_id, buckets in contributions.items():
        seen = seen_up_to[profile_id]
        for bucket_key, bucket_language, bucket_tier, country, *values in buckets:
            if (bucket_key, bucket_language) != (key, language):
                continue
            if bucket_tier <= tier:
                add(country, values, -1)
            if seen is not None and bucket_tier <= seen:
                add(country, values, 1)
    return _shown_countries(totals)


def _shown_countries(totals: dict[str, list[int]]) -> dict[str, RawCounts]:
    """Countries where someone counts (even with every figure 0, as counted live)."""
    return {
        country: RawCounts(*figures[1:]) for country, figures in totals.items() if figures[0] > 0
    }


def _or_parts(condition: Q) -> list[Q]:
    """The conditions an OR is made of (the condition itself otherwise)."""
    if condition.connector != Q.OR or condition.negated:
        return [condition]
    return [child if isinstance(child, Q) else Q(child) for child in condition.children]


def _live_counts(viewer, map_filter: MapFilter) -> dict[str, tuple]:
    """Per-country (people, mentors, knows, learners, services, offers) by the rules."""
    fields = ["skills", "location"] + (["languages"] if map_filter.language else [])
    # The profiles rule (tiers, suspension, blocks either way): kuza.people.selectors.
    profiles = people_visible_to(viewer, fields)
    claims = (
        SkillClaim.objects.filter(profile__in=profiles.values("pk"))
        .exclude(profile__country="")
        # Left the map by choice (suspended accounts left people_visible_to already); its
        # copy on the profile (kuza.people.listing) lets the database skip them by index.
        .exclude(profile__user_id__in=users_off_the_map_by_choice())
        .filter(profile__on_map=True)
    )

    if map_filter.skill_ids is not None:
        claims = claims.filter(skill_id__in=sorted(map_filter.skill_ids))
    if map_filter.language:
        claims = claims.filter(
            Exists(
                ProfileLanguage.objects.filter(profile_id=OuterRef("profile_id")).filter(
                    language_q(map_filter.language)
                )
            )
        )
    rows = claims.values("profile__country").annotate(
        people=Count("profile_id", distinct=True),
        mentors=Count("profile_id", filter=Q(can_mentor=True), distinct=True),
        knows=Count("profile_id", filter=Q(knows=True), distinct=True),
        learners=Count("profile_id", filter=Q(wants_to_learn=True), distinct=True),
        services=Count("profile_id", filter=Q(offers_service=True), distinct=True),
        offers=Count(
            "profile_id", filter=Q(can_mentor=True) | Q(offers_service=True), distinct=True
        ),
    )
    return {row["profile__country"]: tuple(row[name] for name in FIGURES) for row in rows}


LEARNERS_SOURCE = "learners"


def capacity_map(viewer, map_filter: MapFilter) -> list[CountryCapacity]:
    """Per-country capacity as `viewer` may see it, sorted by country name; small counts hidden.

    Needs = people who want to learn + every registered need source. Each part of the needs
    is shown (or hidden as "fewer than 3") on its own, and the total is the sum of the raw
    parts, itself shown only from 3 up.
    """
    people = raw_people_counts(viewer, map_filter)
    extra = {source.key: source.counts(viewer, map_filter) for source in need_sources()}
    codes = set(people)
    for counts in extra.values():
        codes |= {code for code, count in counts.items() if count > 0}
    result = []
    for code in codes:
        raw = people.get(code, RawCounts())
        by_source = {LEARNERS_SOURCE: raw.learners}
        for key, counts in extra.items():
            by_source[key] = counts.get(code, 0)
        result.append(
            CountryCapacity(
                country=code,
                name=str(countries.name(code)) or code,
                mentors=shown(raw.mentors),
                knows=shown(raw.knows),
                learners=shown(raw.learners),
                services=shown(raw.services),
                offers=shown(raw.offers),
                needs=shown(sum(by_source.values())),
                needs_by_source={key: shown(count) for key, count in by_source.items()},
            )
        )
    return sorted(result, key=lambda row: row.name.casefold())


METRICS = {
    "mentors": _("Can mentor"),
    "knows": _("Know it"),
    "learners": _("Want to learn"),
    "services": _("Offer a service"),
    "gap": _("Needs compared with offers"),
}
