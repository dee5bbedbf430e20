from datetime import timedelta

import factory
from django.utils import timezone

from kuza.accounts.tests.factories import ConductAcceptedUserFactory
from kuza.events.models import Event, Question, Registration

# Registering for an event needs the current code of conduct accepted.
MemberFactory = ConductAcceptedUserFactory


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
