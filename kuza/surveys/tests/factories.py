"""Factories and small builders for survey tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership, Organisation
from kuza.surveys.models import Option, Question, Section, Survey


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Wikimedians of Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    kind = Organisation.Kind.USER_GROUP


def organiser_of(organisation: Organisation, username: str):
    user = UserFactory(username=username)
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.ORGANISER)
    return user


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Needs assessment {n}")
    description = "Tell us what you need."
    audience = Survey.Audience.MEMBERS
    anonymous = True
    published = True
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_organisers(self, create, extracted, **kwargs):
        if create:
            self.organisers.add(self.created_by)


def section(survey: Survey, title: str = "Page", position: int | None = None) -> Section:
    if position is None:
        position = survey.sections.count() + 1
    return Section.objects.create(survey=survey, title=title, position=position)


def question(
    page: Section, kind: str, text: str = "", *, options=(), skills=(), **fields
) -> Question:
    created = Question.objects.create(
        survey=page.survey,
        section=page,
        kind=kind,
        text=text or f"A {kind} question?",
        position=page.questions.count() + 1,
        **fields,
    )
    for position, label in enumerate(options, start=1):
        Option.objects.create(question=created, label=label, position=position)
    if skills:
        created.skills.set(skills)
    return created
