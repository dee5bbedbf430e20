"""Reads of people and organisations. Every read of a person takes the viewer.

Hidden profiles, hidden fields, suspended accounts and blocked people (either direction) never
leave this module: views, the API and the map only get what `viewer` may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.urls import reverse
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.core.viewers import fact
from kuza.people.models import (
    ContactRequest,
    Membership,
    Organisation,
    OrganisationLanguage,
    OrganisationSkill,
    Profile,
    SkillClaim,
    Visibility,
    speaks_q,
)
from kuza.people.visibility import (
    among_people,
    can_see,
    tier_for,
    tiers_for,
    visible_q,
)
from kuza.skills.selectors import localise_skills

ROLE_FLAGS = {
    "mentor": "can_mentor",
    "learner": "wants_to_learn",
    "service": "offers_service",
    "knows": "knows",
}


def people_visible_to(viewer, fields: tuple[str, ...] | list[str] = ()) -> QuerySet[Profile]:
    """Active people whose profile, and each field group in `fields`, `viewer` may see."""
    return among_people(
        Profile.objects.filter(visible_q(viewer, fields)), viewer, "user", active_column="active"
    )


# --- One person ------------------------------------------------------------------------------


@dataclass
class ClaimView:
    id: int
    skill: object
    level: int | None
    level_label: str
    knows: bool
    wants_to_learn: bool
    can_mentor: bool
    offers_service: bool
    evidence_url: str


@dataclass
class ProfileCard:
    """What a viewer may see of a person; a hidden field is None (or an empty list)."""

    id: int
    display_name: str
    is_me: bool
    tier: int
    pronouns: str | None = None
    country: object = None
    region: str | None = None
    time_zone: str | None = None
    affiliations: str | None = None
    bio: str | None = None
    availability_hours: int | None = None
    wikimedia_username: str | None = None
    wikimedia_verified: bool = False
    preferred_contact: str = ""
    languages: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    shown: set = field(default_factory=set)
    # The account behind a full profile page (for Block and Report), never in search results.
    user: object = None


def _card(profile: Profile, tier: int, details: bool) -> ProfileCard:
    card = ProfileCard(
        id=profile.pk,
        display_name=profile.display_name,
        is_me=tier == Visibility.ONLY_ME,
        tier=tier,
        preferred_contact=profile.get_preferred_contact_display(),
    )
    shown = {name for name in _FIELD_NAMES if can_see(profile, tier, name)}
    card.shown = shown
    if "pronouns" in shown:
        card.pronouns = profile.pronouns or None
    if "location" in shown:
        card.country = profile.country or None
        card.region = profile.region or None
    if "availability" in shown:
        card.availability_hours = profile.availability_hours
    if not details:
        return card
    card.user = profile.user
    if "time_zone" in shown:
        card.time_zone = profile.time_zone or None
    if "affiliations" in shown:
        card.affiliations = profile.affiliations or None
        card.organisations = list(
            Membership.objects.filter(user_id=profile.user_id)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    if "bio" in shown:
        card.bio = profile.bio or None
    if "wikimedia" in shown and profile.wikimedia_username:
        card.wikimedia_username = profile.wikimedia_username
        card.wikimedia_verified = profile.wikimedia_verified
    if "languages" in shown:
        card.languages = list(profile.languages.all())
    if "skills" in shown:
        claims = list(profile.skill_claims.select_related("skill"))
        localise_skills([claim.skill for claim in claims])
        claims.sort(key=lambda claim: claim.skill.label.casefold())
        card.claims = [
            ClaimView(
                id=claim.pk,
                skill=claim.skill,
                level=claim.level,
                level_label=claim.get_level_display() if claim.level else "",
                knows=claim.knows,
                wants_to_learn=claim.wants_to_learn,
                can_mentor=claim.can_mentor,
                offers_service=claim.offers_service,
                evidence_url=claim.evidence_url,
            )
            for claim in claims
        ]
    return card


_FIELD_NAMES = (
    "pronouns",
    "location",
    "time_zone",
    "languages",
    "affiliations",
    "bio",
    "availability",
    "skills",
    "wikimedia",
)


def profile_visible_to(viewer, profile_id: int) -> ProfileCard | None:
    """The person as `viewer` may see them, or None when they may not see them at all.

    None for a hidden, blocked, suspended or missing person alike, so callers answer 404
    and nothing (not even the page title) tells them apart.
    """
    profile = people_visible_to(viewer).select_related("user").filter(pk=profile_id).first()
    if profile is None:
        return None
    return _card(profile, tier_for(viewer, profile), details=True)


def own_display_name(user) -> str:
    """The name `user` gave themself, for addressing them (their username before a profile)."""
    name = fact(user, "display-name", _display_name)
    return name or user.get_username()


def _display_name(user) -> str | None:
    return Profile.objects.filter(user=user).values_list("display_name", flat=True).first()


def display_name_fact() -> Subquery:
    """The name the member gave themself, read with the account (see own_display_name)."""
    return Subquery(Profile.objects.filter(user_id=OuterRef("pk")).values("display_name")[:1])


def own_profile(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_username()}
    )
    return profile


# --- Search ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleQuery:
    """Filters of the people search; every one is optional."""

    skill_ids: frozenset[int] | None = None  # the chosen skill and its descendants
    exact_skill_id: int | None = None  # ranks people with the chosen skill itself first
    role: str | None = None  # mentor, learner, service or knows
    language: str | None = None  # a language tag; "sw" also finds "sw-KE"
    country: str | None = None
    region: str | None = None
    min_hours: int | None = None
    text: str | None = None


def _fields_needed(query: PeopleQuery) -> list[str]:
    fields = []
    if query.skill_ids is not None or query.role:
        fields.append("skills")
    if query.language:
        fields.append("languages")
    if query.country or query.region:
        fields.append("location")
    if query.min_hours is not None:
        fields.append("availability")
    return fields


def language_q(tag: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}tag": tag}) | Q(**{f"{prefix}tag__startswith": f"{tag}-"})


# The pages of a search reach this many people at most, in rank order; the count stops
# there too ("more than 1,000 people"): counting every match of a broad search would cost
# more the more people there are, and no one reads past the first pages (they narrow it).
RESULTS_AT_MOST = 1000


def people_search(*, viewer, query: PeopleQuery) -> PeopleResults:
    """People matching every filter, ranked.

    Ranking: with a skill, people with that very skill come before those with only a more
    specific one, then higher self-assessed level first; then by display name. A filter
    only matches what the viewer may see: searching by skill never finds a person whose
    skills are hidden from the viewer, and so on for languages, place and availability.

    A search by skill reads the claims alone (they copy what it needs of each profile, see
    SkillClaim) and the profiles of the page shown, checked against the profiles themselves.
    """
    fields = _fields_needed(query)
    if query.skill_ids is not None or query.exact_skill_id is not None:
        return PeopleResults(viewer, fields, claims=_matching_claims(viewer, query, fields),
                             exact_skill_id=query.exact_skill_id)  # fmt: skip
    people = people_visible_to(viewer, fields)
    if query.role:  # a copy of the person's claims (kept by listing)
        people = people.filter(**{f"any_{ROLE_FLAGS[query.role]}": True})
    people = people.filter(_profile_filters_q(query, region="region"))
    return PeopleResults(viewer, fields, profiles=people.order_by("display_name", "pk"))


def _profile_filters_q(query: PeopleQuery, *, region: str) -> Q:
    """The query's filters on what a person's profile says, for profiles and for the copies
    claims keep of them alike (`region` names the region column, not copied to claims)."""
    condition = Q()
    if query.language:
        condition &= speaks_q(query.language)
    if query.country:
        condition &= Q(country=query.country)
    if query.region:
        condition &= Q(**{f"{region}__icontains": query.region})
    if query.min_hours is not None:
        condition &= Q(availability_hours__gte=query.min_hours)
    if query.text:
        condition &= Q(display_name__icontains=query.text)
    return condition


def _role(query: PeopleQuery) -> dict[str, bool]:
    return {ROLE_FLAGS[query.role]: True} if query.role else {}


def _matching_claims(viewer, query: PeopleQuery, fields: list[str]) -> QuerySet[SkillClaim]:
    """The claims that make their person a match, filtered on the claims' own copies with the
    same rules as profiles (`visible_q`, `among_people`)."""
    skill_ids = sorted(query.skill_ids or {query.exact_skill_id})
    claims = SkillClaim.objects.filter(visible_q(viewer, fields), skill_id__in=skill_ids)
    claims = among_people(claims, viewer, "user", active_column="active").filter(**_role(query))
    return claims.filter(_profile_filters_q(query, region="profile__region"))


@dataclass(frozen=True)
class Total:
    """How many people match: `number`, or more than that when `more` (counted no further)."""

    number: int
    more: bool = False


class PeopleResults:
    """Search results as Django's Paginator reads them: `count()` is how many the pages reach
    (every match, up to RESULTS_AT_MOST), a slice is a list of profiles in rank order, and
    iterating gives what the pages reach. `total()` says whether more match than that."""

    def __init__(
        self,
        viewer,
        fields: list[str],
        *,
        profiles: QuerySet[Profile] | None = None,
        claims: QuerySet[SkillClaim] | None = None,
        exact_skill_id: int | None = None,
    ) -> None:
        self._viewer, self._fields = viewer, fields
        self._profiles, self._claims = profiles, claims
        self._exact_skill_id = exact_skill_id
        self._total: Total | None = None
        self._ids: list[int] | None = None

    def _ranked(self) -> QuerySet:
        """Profile ids of the matching claims, one per person, in rank order, each with how
        many people match (one pass: ranking visits every match anyway)."""
        exact = self._exact_skill_id
        return (
            self._claims.values("profile_id", "display_name")
            .annotate(
                exact=Max(Case(When(skill_id=exact, then=Value(1)), default=Value(0))),
                best_level=Max("level"),
                matches=Window(Count("profile_id")),
            )
            .order_by("-exact", F("best_level").desc(nulls_last=True), "display_name", "profile_id")
            .values_list("profile_id", "matches")
        )

    def _first_ids(self) -> list[int]:
        """The ids the pages reach (ranked claims, fetched with the count)."""
        if self._ids is None:
            rows = list(self._ranked()[:RESULTS_AT_MOST])
            self._ids = [pk for pk, _matches in rows]
            matches = rows[0][1] if rows else 0
            self._total = Total(len(rows), more=matches > len(rows))
        return self._ids

    def total(self) -> Total:
        if self._total is None:
            if self._profiles is None:
                self._first_ids()
            else:
                counted = self._profiles.values("pk").order_by()[: RESULTS_AT_MOST + 1].count()
                self._total = Total(min(counted, RESULTS_AT_MOST), more=counted > RESULTS_AT_MOST)
        return self._total

    def count(self) -> int:
        return self.total().number

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Profile]:
        if not isinstance(index, slice) or index.step:
            raise TypeError("search results are read a page (a slice) at a time")
        if self._profiles is not None:
            return list(self._profiles[index])
        ids = self._first_ids()[index]
        # The profiles themselves stay the rule: a copy not yet refreshed hides, never shows.
        shown = people_visible_to(self._viewer, self._fields).in_bulk(ids)
        return [shown[pk] for pk in ids if pk in shown]

    def __iter__(self):
        return iter(self[0:RESULTS_AT_MOST])


def profile_cards(viewer, profiles) -> list[ProfileCard]:
    """Summary cards (name, pronouns, place, availability) for a page of search results."""
    profiles = list(profiles)
    tiers = tiers_for(viewer, profiles)
    return [_card(profile, tiers[profile.pk], details=False) for profile in profiles]


# --- Organisations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationQuery:
    skill_ids: frozenset[int] | None = None
    kind: str | None = None  # needs or offers (a skill)
    language: str | None = None
    country: str | None = None
    text: str | None = None


def organisation_search(*, query: OrganisationQuery) -> QuerySet[Organisation]:
    """Organisations are public; only their members' visibility varies by viewer."""
    organisations = Organisation.objects.all()
    if query.skill_ids is not None:
        skills = OrganisationSkill.objects.filter(
            organisation_id=OuterRef("pk"), skill_id__in=sorted(query.skill_ids)
        )
        if query.kind:
            skills = skills.filter(kind=query.kind)
        organisations = organisations.filter(Exists(skills))
    if query.language:
        organisations = organisations.filter(
            Exists(
                OrganisationLanguage.objects.filter(organisation_id=OuterRef("pk")).filter(
                    language_q(query.language)
                )
            )
        )
    if query.country:
        organisations = organisations.filter(country=query.country)
    if query.text:
        organisations = organisations.filter(name__icontains=query.text)
    return organisations.order_by("name")


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


@dataclass
class MemberView:
    user_id: int
    card: ProfileCard
    role: str
    role_label: str


def organisation_members_visible_to(viewer, organisation: Organisation) -> list[MemberView]:
    """Members whose profile and affiliations `viewer` may see; organisers first."""
    memberships = {
        membership.user_id: membership
        for membership in Membership.objects.filter(organisation=organisation)
    }
    people = list(
        people_visible_to(viewer, ["affiliations"])
        .filter(user_id__in=list(memberships))
        .order_by("display_name")
    )
    cards = profile_cards(viewer, people)
    members = [
        MemberView(
            user_id=person.user_id,
            card=card,
            role=memberships[person.user_id].role,
            role_label=memberships[person.user_id].get_role_display(),
        )
        for person, card in zip(people, cards, strict=True)
    ]
    members.sort(key=lambda member: member.role != Membership.Role.ORGANISER)
    return members


def is_organiser(user, organisation: Organisation) -> bool:
    if not is_signed_in(user):
        return False
    return (
        user.is_staff
        or Membership.objects.filter(
            organisation=organisation, user=user, role=Membership.Role.ORGANISER
        ).exists()
    )


def membership_of(user, organisation: Organisation) -> Membership | None:
    if not is_signed_in(user):
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def organisation_skills(organisation: Organisation) -> dict[str, list]:
    rows = list(organisation.skills.select_related("skill"))
    localise_skills([row.skill for row in rows])
    result: dict[str, list] = {"needs": [], "offers": []}
    for row in rows:
        result[row.kind].append(row.skill)
    for skills in result.values():
        skills.sort(key=lambda skill: skill.label.casefold())
    return result


# --- Contact ---------------------------------------------------------------------------------


def inbox_for(user) -> QuerySet[ContactRequest]:
    """Requests `user` received, without those from suspended or blocked senders."""
    received = ContactRequest.objects.filter(recipient=user).exclude(
        status=ContactRequest.Status.BLOCKED
    )
    return among_people(received, user, "sender").select_related("sender__profile")


def sent_by(user) -> QuerySet[ContactRequest]:
    """Requests `user` sent, without those to suspended or blocked recipients."""
    sent = ContactRequest.objects.filter(sender=user)
    return among_people(sent, user, "recipient").select_related("recipient__profile")


def contact_request_received(user, request_id: int) -> ContactRequest | None:
    """One request in `user`'s inbox with its sender's profile; None if not there."""
    return inbox_for(user).filter(pk=request_id).first()


def pending_contact_count(user) -> int:
    return inbox_for(user).filter(status=ContactRequest.Status.PENDING).count()


def home_contact_requests(user) -> list[HomeItem]:
    """Personal home: contact requests waiting for `user`'s answer (one query)."""
    pending = inbox_for(user).filter(status=ContactRequest.Status.PENDING)[: home.LIMIT]
    inbox = reverse("people:inbox")
    return [
        HomeItem(
            title=request.sender.profile.display_name
            if hasattr(request.sender, "profile")
            else request.sender.get_username(),
            url=inbox,
            reason=_("wants to get in touch: answer or decline"),
        )
        for request in pending
    ]


# --- Whole community -------------------------------------------------------------------------


@dataclass(frozen=True)
class CommunitySummary:
    members: int
    countries: int
    organisations: int


def community_summary(viewer=None) -> CommunitySummary:
    """Whole-community totals; no individual can be picked out of them.

    Members is the number of active accounts. Countries counts only places `viewer` may see
    (for a visitor: public profiles with a public location), so a hidden person living in
    a country no one else lives in does not show up as one more country.
    """
    users = among_people(get_user_model().objects.all(), None)
    countries = (
        people_visible_to(viewer, ["location"])
        .exclude(country="")
        .values("country")
        .distinct()
        .count()
    )
    return CommunitySummary(
        members=users.count(), countries=countries, organisations=Organisation.objects.count()
    )
