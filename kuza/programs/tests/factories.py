from datetime import date

import factory

from kuza.accounts.tests.factories import ConductAcceptedUserFactory
from kuza.programs.models import Cohort, Member, Plan, Programme

# Posting on a programme needs the current code of conduct accepted.
PersonFactory = ConductAcceptedUserFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Coaching programme {n}")
    description = "Women leaders plan **initiatives**."
    starts_on = date(2026, 1, 1)
    ends_on = date(2026, 12, 31)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create:
            self.organisers.add(*(extracted or [PersonFactory()]))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    cohort = factory.SubFactory(CohortFactory)
    programme = factory.LazyAttribute(lambda member: member.cohort.programme)
    user = factory.SubFactory(PersonFactory)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    member = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")
    goal = "Thirty biographies of women scientists."
    status = Plan.Status.ACTIVE
