import factory

from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.services import conduct_accept
from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import (
    ContactRequest,
    Membership,
    Organisation,
    Profile,
    ProfileLanguage,
    SkillClaim,
    Visibility,
)
from kuza.skills.models import Skill

FIELD_VISIBILITIES = [
    "pronouns_visibility",
    "location_visibility",
    "time_zone_visibility",
    "languages_visibility",
    "affiliations_visibility",
    "bio_visibility",
    "availability_visibility",
    "skills_visibility",
    "wikimedia_visibility",
]


def make_person(
    username: str,
    *,
    visibility: int = Visibility.MEMBERS,
    fields: int | None = None,
    accepts_conduct: bool = True,
    **profile_fields,
) -> Profile:
    """A user with a profile; `fields` sets every field visibility at once (default: same as
    the profile), keyword arguments set any profile field. Like anyone who signed up, the
    person has accepted the current code of conduct unless told otherwise."""
    user = UserFactory(username=username)
    conduct = current_code_of_conduct()
    if accepts_conduct and conduct is not None:
        conduct_accept(user=user, conduct=conduct)
    profile = user.profile
    profile.display_name = profile_fields.pop("display_name", username.title())
    profile.visibility = visibility
    for name in FIELD_VISIBILITIES:
        setattr(profile, name, visibility if fields is None else fields)
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


def skill(slug: str) -> Skill:
    return Skill.objects.get(slug=slug)


class SkillClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillClaim

    knows = True
    level = 3


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileLanguage

    proficiency = ProfileLanguage.Proficiency.ADVANCED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"User group {n}")
    slug = factory.Sequence(lambda n: f"user-group-{n}")
    kind = Organisation.Kind.USER_GROUP
    country = "KE"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    role = Membership.Role.MEMBER


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    message = "Hello, could we talk about Wikidata?"
