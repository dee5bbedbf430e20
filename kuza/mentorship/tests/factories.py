"""Factories and small helpers for mentorship tests: people who can mentor, requests."""

from __future__ import annotations

import factory

from kuza.accounts.models import ConductAcceptance
from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.tests.factories import UserFactory
from kuza.mentorship.models import Format, Mentorship, MentorshipRequest, TimeFrame
from kuza.people.models import Membership, Organisation, ProfileLanguage, SkillClaim, Visibility
from kuza.skills.models import Skill


def skill(slug: str = "wikidata") -> Skill:
    return Skill.objects.get(slug=slug)


def person(
    username: str,
    *,
    languages: tuple[str, ...] = ("en",),
    country: str = "KE",
    region: str = "",
    time_zone: str = "Africa/Nairobi",
    visibility: int = Visibility.MEMBERS,
    accepted_conduct: bool = True,
):
    """A member with a profile, languages, and (by default) the code of conduct accepted."""
    user = UserFactory(username=username)
    profile = user.profile
    profile.country, profile.region, profile.time_zone = country, region, time_zone
    profile.visibility = visibility
    profile.save()
    ProfileLanguage.objects.bulk_create(
        [ProfileLanguage(profile=profile, tag=tag) for tag in languages]
    )
    conduct = current_code_of_conduct()
    if accepted_conduct and conduct is not None:
        ConductAcceptance.objects.create(
            user=user, conduct=conduct, accepted_at=conduct.published_at
        )
    return user


def mentor(username: str, skill_slug: str = "wikidata", level: int = 4, **kwargs):
    user = person(username, **kwargs)
    SkillClaim.objects.create(
        profile=user.profile, skill=skill(skill_slug), level=level, knows=True, can_mentor=True
    )
    return user


def organisation_with(organiser, *members, slug: str = "wiki-group") -> Organisation:
    organisation = Organisation.objects.create(
        name=slug.title(), slug=slug, kind=Organisation.Kind.USER_GROUP
    )
    Membership.objects.create(
        organisation=organisation, user=organiser, role=Membership.Role.ORGANISER
    )
    Membership.objects.bulk_create(
        [Membership(organisation=organisation, user=member) for member in members]
    )
    return organisation


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorshipRequest

    learner = factory.SubFactory(UserFactory)
    skill = factory.LazyFunction(skill)
    goals = "Write my first SPARQL query."
    languages = factory.LazyFunction(lambda: ["en"])
    format = Format.CALLS
    time_frame = TimeFrame.ONE_MONTH


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentorship

    request = factory.SubFactory(RequestFactory, status=MentorshipRequest.Status.MATCHED)
    learner = factory.LazyAttribute(lambda mentorship: mentorship.request.learner)
    mentor = factory.SubFactory(UserFactory)
    skill = factory.LazyAttribute(lambda mentorship: mentorship.request.skill)
    format = Format.CALLS
    goals = "Agreed: one query a week."
    status = Mentorship.Status.ACTIVE
