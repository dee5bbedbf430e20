from datetime import timedelta

import factory
from django.utils import timezone

from kuza.accounts.models import ConductAcceptance
from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.tests.factories import UserFactory
from kuza.events.models import Event, Question, Registration


class MemberFactory(UserFactory):
    """A member who accepted the current code of conduct, as registering requires."""

    @factory.post_generation
    def accepted_conduct(self, create, extracted, **kwargs):
        conduct = current_code_of_conduct()
        if create and conduct is not None and extracted is not False:
            ConductAcceptance.objects.get_or_create(
                user=self, conduct=conduct, defaults={"accepted_at": timezone.now()}
            )


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Skill-sharing session {n}")
    description = "We share **skills**."
    kind = Event.Kind.SKILL_SHARING
    format = Event.Format.ONLINE
    online_url = "https://meet.example.org/secret-room"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    time_zone = "Africa/Nairobi"
    capacity = None
    created_by = factory.SubFactory(MemberFactory)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create:
            self.organisers.set(extracted if extracted is not None else [self.created_by])


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.TEXT


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(MemberFactory)
    status = Registration.Status.CONFIRMED
    queued_at = factory.LazyFunction(timezone.now)
