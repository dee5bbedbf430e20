"""The capacity map's numbers: per country, who can mentor, knows or wants to learn what.

Only people the viewer may see count (`people_visible_to`, the one rule for profiles): their
profile, skills and place must all be visible to the viewer, they must not be suspended nor
in a block with the viewer either way, and they must not have left the map (a safety
preference, read through `kuza.safety.selectors.users_hidden_from_map`). Counts below 3 leave
this module as "fewer than 3" (see capacity_rules).

Needs come from several sources: people who want to learn, plus any source another app
registers with `register_need_source` (e.g. the surveys app's needs assessments).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kuza.people.capacity_rules import Shown, gap, shown
from kuza.people.models import ProfileLanguage, SkillClaim
from kuza.people.selectors import language_q, people_visible_to
from kuza.safety.selectors import users_hidden_from_map


@dataclass(frozen=True)
class MapFilter:
    skill_ids: frozenset[int] | None = None  # a skill with its descendants, or a category
    language: str | None = None  # people who speak this language (tag prefix match)


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
    fields = ["skills", "location"] + (["languages"] if map_filter.language else [])
    claims = (
        # The profiles rule (tiers, suspension, blocks either way): kuza.people.selectors.
        SkillClaim.objects.filter(profile__in=people_visible_to(viewer, fields).values("pk"))
        .exclude(profile__country="")
        # Left the map by choice (a safety preference of its own).
        .exclude(profile__user_id__in=users_hidden_from_map())
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
        mentors=Count("profile_id", filter=Q(can_mentor=True), distinct=True),
        knows=Count("profile_id", filter=Q(knows=True), distinct=True),
        learners=Count("profile_id", filter=Q(wants_to_learn=True), distinct=True),
        services=Count("profile_id", filter=Q(offers_service=True), distinct=True),
        offers=Count(
            "profile_id", filter=Q(can_mentor=True) | Q(offers_service=True), distinct=True
        ),
    )
    return {
        row["profile__country"]: RawCounts(
            mentors=row["mentors"],
            knows=row["knows"],
            learners=row["learners"],
            services=row["services"],
            offers=row["offers"],
        )
        for row in rows
    }


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
