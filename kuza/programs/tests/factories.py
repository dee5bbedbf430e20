from datetime import date

import factory
from django.utils import timezone

from kuza.accounts.models import ConductAcceptance
from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.tests.factories import UserFactory
from kuza.programs.models import Cohort, Member, Plan, Programme


class PersonFactory(UserFactory):
    """A member who accepted the current code of conduct, as posting requires."""

    @factory.post_generation
    def accepted_conduct(self, create, extracted, **kwargs):
        conduct = current_code_of_conduct()
        if create and conduct is not None and extracted is not False:
            ConductAcceptance.objects.get_or_create(
                user=self, conduct=conduct, defaults={"accepted_at": timezone.now()}
            )


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
