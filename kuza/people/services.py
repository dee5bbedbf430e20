"""Writes about people: profiles, languages, skill claims, organisations and own data.

Contact requests are in `kuza.people.contact`; account export/deletion in
`kuza.people.owndata`.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from kuza.core.languages import language_tag
from kuza.people import listing
from kuza.people.models import (
    Membership,
    Organisation,
    OrganisationLanguage,
    OrganisationSkill,
    Profile,
    ProfileLanguage,
    SkillClaim,
)
from kuza.people.selectors import is_organiser

MAP_VERSION_KEY = "people:map-version"
PROFILE_FIELDS = (
    "display_name",
    "pronouns",
    "country",
    "region",
    "time_zone",
    "affiliations",
    "bio",
    "availability_hours",
    "preferred_contact",
    "wikimedia_username",
    "visibility",
    "pronouns_visibility",
    "location_visibility",
    "time_zone_visibility",
    "languages_visibility",
    "affiliations_visibility",
    "bio_visibility",
    "availability_visibility",
    "skills_visibility",
    "wikimedia_visibility",
)


class PeopleError(Exception):
    """A request about people that cannot be honoured, with a message for the person."""


def map_changed() -> None:
    """Invalidate cached capacity maps: called after any change that could move a count."""
    try:
        cache.incr(MAP_VERSION_KEY)
    except ValueError:
        cache.set(MAP_VERSION_KEY, 1, None)


def map_version() -> int:
    return int(cache.get_or_set(MAP_VERSION_KEY, 1, None))


def _verified_wikimedia_username(user) -> str | None:
    """The username Wikimedia login vouched for, if the person logged in with it."""
    from allauth.socialaccount.models import SocialAccount

    account = SocialAccount.objects.filter(user=user, provider="mediawiki").first()
    if account is None:
        return None
    return (account.extra_data or {}).get("username") or None


def profile_update(*, profile: Profile, data: dict) -> Profile:
    """Save the given profile fields (already validated by a form)."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(profile, name, value)
    profile.display_name = profile.display_name.strip()
    if not profile.display_name:
        raise PeopleError(_("Choose a display name."))
    verified = _verified_wikimedia_username(profile.user)
    profile.wikimedia_verified = bool(
        profile.wikimedia_username and verified and verified == profile.wikimedia_username
    )
    profile.full_clean(exclude=["user"])
    profile.save()
    map_changed()
    return profile


def normalise_language_tag(tag: str) -> str:
    """A language given by its tag (sw) or by its name (Kiswahili, Swahili, السواحيلية), as a
    standard tag (see kuza.core.languages.language_tag)."""
    standard = language_tag(tag)
    if standard is None:
        raise PeopleError(
            _("“%(value)s” is not a language we know: type its name, such as Kiswahili or French.")
            % {"value": tag.strip()}
        )
    return standard


def profile_languages_set(*, profile: Profile, languages: list[tuple[str, int]]) -> None:
    """Replace the person's languages with `languages` [(tag, proficiency)]."""
    entries: dict[str, int] = {}
    for tag, proficiency in languages:
        if proficiency not in ProfileLanguage.Proficiency.values:
            raise PeopleError(_("Choose a proficiency for each language."))
        entries[normalise_language_tag(tag)] = proficiency
    with transaction.atomic():
        profile.languages.all().delete()
        ProfileLanguage.objects.bulk_create(
            [
                ProfileLanguage(profile=profile, tag=tag, proficiency=proficiency)
                for tag, proficiency in entries.items()
            ]
        )
        listing.refresh(profile_ids=[profile.pk])  # bulk_create sends no signal
    map_changed()


def skill_claim_save(
    *,
    profile: Profile,
    skill,
    level: int | None,
    knows: bool,
    wants_to_learn: bool,
    can_mentor: bool,
    offers_service: bool,
    evidence_url: str = "",
) -> SkillClaim:
    """Create or replace what `profile` says about `skill`."""
    if not (knows or wants_to_learn or can_mentor or offers_service):
        raise PeopleError(
            _("Say at least one thing: you know it, want to learn it, mentor it or offer it.")
        )
    if level is not None and not 1 <= level <= 4:
        raise PeopleError(_("A level goes from 1 to 4."))
    claim, _created = SkillClaim.objects.update_or_create(
        profile=profile,
        skill=skill,
        defaults={
            "level": level,
            "knows": knows or level is not None,
            "wants_to_learn": wants_to_learn,
            "can_mentor": can_mentor,
            "offers_service": offers_service,
            "evidence_url": evidence_url,
        },
    )
    map_changed()
    return claim


@transaction.atomic
def onboarding_save(*, user, display_name: str, country: str, knows=None, wants=None) -> Profile:
    """A new member's first answers: their name and country, a skill they know, one they want."""
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_username()}
    )
    profile_update(profile=profile, data={"display_name": display_name, "country": country})
    if knows is not None:
        skill_claim_save(
            profile=profile, skill=knows, level=None, knows=True, wants_to_learn=False,
            can_mentor=False, offers_service=False,
        )  # fmt: skip
    if wants is not None and wants != knows:
        skill_claim_save(
            profile=profile, skill=wants, level=None, knows=False, wants_to_learn=True,
            can_mentor=False, offers_service=False,
        )  # fmt: skip
    return profile


def skill_claim_delete(*, profile: Profile, claim_id: int) -> None:
    deleted, _rows = SkillClaim.objects.filter(profile=profile, pk=claim_id).delete()
    if not deleted:
        raise PeopleError(_("That skill is not on your profile."))
    map_changed()


# --- Organisations ---------------------------------------------------------------------------


def _require_organiser(user, organisation: Organisation) -> None:
    if not is_organiser(user, organisation):
        raise PeopleError(
            _("Only the organisers of %(name)s can do that.") % {"name": organisation}
        )


def organisation_update(
    *,
    user,
    organisation: Organisation,
    data: dict,
    language_tags: list[str],
    needs: list,
    offers: list,
) -> Organisation:
    """Organisers (or staff) edit the organisation's details, languages and skills."""
    _require_organiser(user, organisation)
    allowed = {"name", "kind", "country", "region", "description", "website"}
    tags = sorted({normalise_language_tag(tag) for tag in language_tags if tag.strip()})
    with transaction.atomic():
        for name, value in data.items():
            if name not in allowed:
                raise ValueError(f"not an organisation field: {name}")
            setattr(organisation, name, value)
        organisation.full_clean()
        organisation.save()
        organisation.languages.all().delete()
        OrganisationLanguage.objects.bulk_create(
            [OrganisationLanguage(organisation=organisation, tag=tag) for tag in tags]
        )
        organisation.skills.all().delete()
        OrganisationSkill.objects.bulk_create(
            [
                OrganisationSkill(organisation=organisation, skill=skill, kind=kind)
                for kind, skills in ((OrganisationSkill.Kind.NEEDS, needs), ("offers", offers))
                for skill in skills
            ]
        )
    return organisation


def membership_join(*, user, organisation: Organisation) -> Membership:
    """A member joins an organisation as a member (organisers promote)."""
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": Membership.Role.MEMBER}
    )
    return membership


def membership_leave(*, user, organisation: Organisation) -> None:
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        return
    if (
        membership.role == Membership.Role.ORGANISER
        and not organisation.memberships.filter(role=Membership.Role.ORGANISER)
        .exclude(user=user)
        .exists()
    ):
        raise PeopleError(_("Name another organiser before you leave: you are the only one."))
    membership.delete()


def membership_set_role(*, user, organisation: Organisation, member_id: int, role: str) -> None:
    """An organiser changes a member's role, or removes them with role "remove"."""
    _require_organiser(user, organisation)
    membership = organisation.memberships.filter(user_id=member_id).first()
    if membership is None:
        raise PeopleError(_("That person is not a member."))
    if role == "remove":
        membership.delete()
        return
    if role not in Membership.Role.values:
        raise PeopleError(_("Unknown role."))
    membership.role = role
    membership.save(update_fields=["role"])
