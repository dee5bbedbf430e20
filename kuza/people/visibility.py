"""Who may see what of a person: the one place the privacy tiers are decided.

A viewer is granted a *tier* for each profile:

- anonymous visitors: ``PUBLIC``;
- any logged-in, active member: ``MEMBERS``;
- "my mentors and organisers": ``MENTORS_AND_ORGANISERS``. That is, precisely,
  (a) an organiser of an organisation the person is a member of (any role),
  (b) staff (they run the platform and handle safety reports),
  (c) anyone in an active mentorship with the person, as reported by the relationship sources
      other apps register (see `register_relationship_source`);
- the person themself: ``ONLY_ME``.

A profile is shown only when its own visibility is within the tier, and each group of fields
(`FIELD_GROUPS`) only when the profile's *and* that field's visibility are within the tier.
Blocks (either direction) and suspended (inactive) accounts are removed before any of this,
by `among_people`, the one rule for every list of people (re-exported by kuza.audience).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from kuza.accounts.selectors import is_signed_in
from kuza.people.models import Membership, Profile, Visibility
from kuza.safety.selectors import blocked_with_q

FIELD_GROUPS = (
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

# A relationship source answers: which users are in an active mentorship (or a similar
# close relationship) with `user`? It returns user ids, as a set or a values_list queryset.
# The relation must be symmetric: if B is in source(A), A is in source(B).
RelationshipSource = Callable[[object], "Iterable[int] | QuerySet"]
_relationship_sources: list[RelationshipSource] = []


def register_relationship_source(source: RelationshipSource) -> None:
    """Let another app (mentorship) grant the MENTORS_AND_ORGANISERS tier.

    Call it from your integrations.py, e.g.::

        from kuza.people.visibility import register_relationship_source
        register_relationship_source(selectors.active_mentorship_partner_ids)
    """
    if source not in _relationship_sources:
        _relationship_sources.append(source)


def unregister_relationship_source(source: RelationshipSource) -> None:
    if source in _relationship_sources:
        _relationship_sources.remove(source)


def _organised_member_ids(organiser) -> QuerySet:
    """Users in any organisation `organiser` organises."""
    organised = Membership.objects.filter(user=organiser, role=Membership.Role.ORGANISER).values(
        "organisation_id"
    )
    return Membership.objects.filter(organisation_id__in=organised).values("user_id")


def relationship_viewer_ids(profile: Profile) -> set[int]:
    """Users who see `profile` at the MENTORS_AND_ORGANISERS tier (not the person themself).

    The hook the mentorship app extends through `register_relationship_source`.
    """
    person = profile.user_id
    organisations = Membership.objects.filter(user_id=person).values("organisation_id")
    ids = set(
        Membership.objects.filter(
            organisation_id__in=organisations, role=Membership.Role.ORGANISER
        ).values_list("user_id", flat=True)
    )
    ids |= set(get_user_model().objects.filter(is_staff=True).values_list("pk", flat=True))
    person_user = profile.user
    for source in _relationship_sources:
        ids |= set(source(person_user))
    ids.discard(person)
    return ids


def _partner_ids(viewer) -> frozenset[int]:
    """Everyone the sources relate to `viewer`, asked once per viewer object (one request).

    One person's mentorship partners are few: embedding their ids keeps the planner's
    estimates (and the search) small, whatever each source's query looks like.
    """
    cached = getattr(viewer, "_kuza_partner_ids", None)
    if cached is None:
        partners: set[int] = set()
        for source in _relationship_sources:
            partners |= set(source(viewer))
        cached = frozenset(partners)
        viewer._kuza_partner_ids = cached
    return cached


def relationship_subject_parts(viewer, prefix: str = "", *, embed: bool = False) -> list[Q]:
    """`relationship_subject_q` as the conditions it is the union of (each indexable).

    With `embed`, a source that answers with a queryset goes into the condition as a
    subquery instead of being asked first (no query of its own).
    """
    key = f"{prefix}user_id__in"
    parts = [Q(**{key: _organised_member_ids(viewer)})]
    if embed:
        for source in _relationship_sources:
            answer = source(viewer)
            parts.append(Q(**{key: answer if isinstance(answer, QuerySet) else sorted(answer)}))
        return parts
    partners = _partner_ids(viewer)
    if partners:
        parts.append(Q(**{key: sorted(partners)}))
    return parts


def relationship_subject_q(viewer, prefix: str = "") -> Q:
    """Profiles for which `viewer` is one of "my mentors and organisers" (not staff-wide)."""
    return reduce(or_, relationship_subject_parts(viewer, prefix))


def _within(tier: int, columns: list[str], prefix: str) -> Q:
    return Q(**{f"{prefix}{column}__lte": tier for column in columns})


def visible_q(viewer, fields: Iterable[str] = (), prefix: str = "") -> Q:
    """Condition on Profile (or on `prefix` + Profile fields) for: the profile and every
    field group in `fields` are visible to `viewer`. Does not handle blocks or suspension:
    use `kuza.people.selectors.people_visible_to`, which does."""
    columns = ["visibility", *(f"{field}_visibility" for field in fields)]
    for field in fields:
        if field not in FIELD_GROUPS:
            raise ValueError(f"unknown field group {field!r}")
    if not is_signed_in(viewer):
        return _within(Visibility.PUBLIC, columns, prefix)
    myself = Q(**{f"{prefix}user_id": viewer.pk})
    close = _within(Visibility.MENTORS_AND_ORGANISERS, columns, prefix)
    if viewer.is_staff:
        return close | myself
    related = relationship_subject_q(viewer, prefix)
    return _within(Visibility.MEMBERS, columns, prefix) | (close & related) | myself


def tier_for(viewer, profile: Profile) -> int:
    """The tier `viewer` is granted on `profile` (see the module docstring)."""
    if not is_signed_in(viewer):
        return Visibility.PUBLIC
    if viewer.pk == profile.user_id:
        return Visibility.ONLY_ME
    if viewer.is_staff or viewer.pk in relationship_viewer_ids(profile):
        return Visibility.MENTORS_AND_ORGANISERS
    return Visibility.MEMBERS


def tiers_for(viewer, profiles: Iterable[Profile]) -> dict[int, int]:
    """Tier per profile id for many profiles at once (two queries at most)."""
    profiles = list(profiles)
    if not is_signed_in(viewer):
        return {profile.pk: Visibility.PUBLIC for profile in profiles}
    base = Visibility.MENTORS_AND_ORGANISERS if viewer.is_staff else Visibility.MEMBERS
    related: set[int] = set()
    if not viewer.is_staff and profiles:
        related = set(
            Profile.objects.filter(
                relationship_subject_q(viewer), pk__in=[p.pk for p in profiles]
            ).values_list("pk", flat=True)
        )
    return {
        profile.pk: (
            Visibility.ONLY_ME
            if profile.user_id == viewer.pk
            else Visibility.MENTORS_AND_ORGANISERS
            if profile.pk in related
            else base
        )
        for profile in profiles
    }


def can_see(profile: Profile, tier: int, field: str | None = None) -> bool:
    if profile.visibility > tier:
        return False
    return field is None or getattr(profile, f"{field}_visibility") <= tier


def suspended_user_ids() -> QuerySet:
    """Ids of inactive (suspended or deleted) accounts, as a subquery.

    Excluding the few inactive accounts is much cheaper than joining every person's account
    to check that it is active.
    """
    return get_user_model().objects.filter(is_active=False).values("pk")


def among_people(
    queryset: QuerySet,
    viewer,
    path: str = "",
    *,
    despite_blocks: bool = False,
    active_column: str | None = None,
) -> QuerySet:
    """`queryset` without the rows whose person is suspended or in a block with `viewer`
    (either way): the one rule for every list of people (facilitators, organisers,
    attendees, senders, map counts), applied before the tiers above.

    `path` leads from a row to its user (`"user"`, `"sender"`, `"profile__user"`); empty for
    a queryset of users. Who stays is named through the presenter (kuza.audience), which
    also applies the tiers and blocks: `despite_blocks` keeps a blocked person's row, counted
    but not named (a cohort's facilitators lead it whoever blocked them). Subqueries only:
    no query of its own. `active_column` names a column of the row itself that copies whether
    the person's account is active (`Profile.active`, kept by kuza.people.listing), so the
    database can read active people from an index. The account itself stays the rule: an
    account deactivated without a signal (`QuerySet.update`) is left out all the same.
    """
    column = f"{path}_id" if path else "pk"
    rows = queryset.exclude(**{f"{column}__in": suspended_user_ids()})
    if active_column:
        rows = rows.filter(**{active_column: True})
    if is_signed_in(viewer) and not despite_blocks:
        rows = rows.exclude(blocked_with_q(viewer, column))
    return rows
