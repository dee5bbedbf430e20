"""Registering, the waiting list, cancelling and promotion, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kuza.accounts.models import CodeOfConduct
from kuza.events import services
from kuza.events.answers import AnswersInvalid
from kuza.events.models import Answer, Event, Question, Registration
from kuza.events.selectors import waiting_position
from kuza.events.tests.factories import EventFactory, MemberFactory, QuestionFactory
from kuza.safety.models import Block

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def register(event, user, answers=None):
    return services.registration_create(event=event, user=user, answers=answers or {})


def statuses(event) -> dict[str, str]:
    return dict(event.registrations.values_list("user__username", "status"))


def test_people_get_places_until_the_event_is_full_then_join_the_waiting_list():
    event = EventFactory(capacity=2)
    first, second, third, fourth = MemberFactory.create_batch(4)

    results = [register(event, person).status for person in (first, second, third, fourth)]

    assert results == ["confirmed", "confirmed", "waiting", "waiting"]
    assert waiting_position(Registration.objects.get(event=event, user=third)) == 1
    assert waiting_position(Registration.objects.get(event=event, user=fourth)) == 2


def test_an_event_without_a_limit_never_has_a_waiting_list():
    event = EventFactory(capacity=None)
    for person in MemberFactory.create_batch(5):
        register(event, person)
    assert set(statuses(event).values()) == {"confirmed"}


def test_cancelling_a_place_gives_it_to_the_first_person_waiting_and_emails_them(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    event = EventFactory(capacity=1, title="Wikidata for beginners")
    holder, first_waiting, second_waiting = MemberFactory.create_batch(3)
    for person in (holder, first_waiting, second_waiting):
        register(event, person)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(event=event, user=holder)

    assert [registration.user for registration in promoted] == [first_waiting]
    assert statuses(event) == {
        holder.username: "cancelled",
        first_waiting.username: "confirmed",
        second_waiting.username: "waiting",
    }
    moved = Registration.objects.get(event=event, user=first_waiting)
    assert moved.promoted_at is not None
    assert waiting_position(Registration.objects.get(event=event, user=second_waiting)) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first_waiting.email]
    assert "Wikidata for beginners" in mail.outbox[0].subject
    assert f"/events/{event.pk}/" in mail.outbox[0].body


def test_leaving_the_waiting_list_promotes_nobody_and_keeps_the_order(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    holder, first_waiting, second_waiting = MemberFactory.create_batch(3)
    for person in (holder, first_waiting, second_waiting):
        register(event, person)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        promoted = services.registration_cancel(event=event, user=first_waiting)

    assert promoted == []
    assert callbacks == []
    assert statuses(event)[holder.username] == "confirmed"
    assert waiting_position(Registration.objects.get(event=event, user=second_waiting)) == 1


def test_registering_again_after_cancelling_goes_to_the_end_of_the_waiting_list():
    event = EventFactory(capacity=1)
    holder, waiting = MemberFactory.create_batch(2)
    register(event, holder)
    register(event, waiting)
    services.registration_cancel(event=event, user=holder)

    again = register(event, holder)

    assert again.status == "waiting"
    assert Registration.objects.filter(event=event, user=holder).count() == 1
    assert statuses(event)[waiting.username] == "confirmed"


def test_a_new_registration_never_jumps_the_waiting_list():
    event = EventFactory(capacity=1)
    holder, waiting, newcomer = MemberFactory.create_batch(3)
    register(event, holder)
    register(event, waiting)
    # A place freed without the service (e.g. data repaired in the admin): still served in order.
    Registration.objects.filter(event=event, user=holder).update(status="cancelled")

    assert register(event, newcomer).status == "waiting"


def test_registering_twice_is_refused():
    event = EventFactory()
    person = MemberFactory()
    register(event, person)
    with pytest.raises(services.EventError):
        register(event, person)
    assert event.registrations.count() == 1


def test_cancelling_without_a_registration_is_refused():
    with pytest.raises(services.EventError):
        services.registration_cancel(event=EventFactory(), user=MemberFactory())


def test_more_places_go_to_the_waiting_list_in_order(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    people = MemberFactory.create_batch(4)
    for person in people:
        register(event, person)
    organiser = event.created_by
    fields = services.EventFields(
        **{name: getattr(event, name) for name in services.EventFields.__dataclass_fields__}
        | {"capacity": 3}
    )

    services.event_update(event=event, editor=organiser, fields=fields)

    assert [statuses(event)[person.username] for person in people] == [
        "confirmed",
        "confirmed",
        "confirmed",
        "waiting",
    ]


def test_an_event_cannot_shrink_below_the_places_already_given():
    event = EventFactory(capacity=3)
    for person in MemberFactory.create_batch(3):
        register(event, person)
    fields = services.EventFields(
        **{name: getattr(event, name) for name in services.EventFields.__dataclass_fields__}
        | {"capacity": 2}
    )
    with pytest.raises(services.EventError):
        services.event_update(event=event, editor=event.created_by, fields=fields)
    event.refresh_from_db()
    assert event.capacity == 3


# --- Who may register ---------------------------------------------------------------------------


def test_suspended_people_cannot_register():
    event = EventFactory()
    person = MemberFactory(is_active=False)
    with pytest.raises(services.NotAllowed):
        register(event, person)
    assert not event.registrations.exists()


def test_people_who_have_not_accepted_the_current_code_of_conduct_cannot_register():
    event = EventFactory()
    person = MemberFactory()
    CodeOfConduct.objects.create(
        version=99, title="New code", body="Be kind.", published_at=timezone.now()
    )
    with pytest.raises(services.NotAllowed):
        register(event, person)


def test_people_blocked_by_or_blocking_an_organiser_cannot_register():
    event = EventFactory()
    blocked, blocker = MemberFactory.create_batch(2)
    Block.objects.create(blocker=event.created_by, blocked=blocked)
    Block.objects.create(blocker=blocker, blocked=event.created_by)
    for person in (blocked, blocker):
        with pytest.raises(services.NotAllowed):
            register(event, person)
    assert not event.registrations.exists()


def test_nobody_registers_for_an_event_that_is_over_or_unpublished():
    over = EventFactory(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    draft = EventFactory(published=False)
    person = MemberFactory()
    for event in (over, draft):
        with pytest.raises(services.EventError):
            register(event, person)


# --- Questions ---------------------------------------------------------------------------------


def test_answers_are_validated_and_stored():
    event = EventFactory()
    level = QuestionFactory(
        event=event, kind=Question.Kind.CHOICE, choices="Beginner\nExpert", required=True
    )
    wish = QuestionFactory(event=event, kind=Question.Kind.TEXT)
    person = MemberFactory()

    with pytest.raises(AnswersInvalid) as missing:
        register(event, person, {wish.pk: "SPARQL"})
    assert set(missing.value.errors) == {level.pk}
    with pytest.raises(AnswersInvalid) as invented:
        register(event, person, {level.pk: "Guru"})
    assert set(invented.value.errors) == {level.pk}
    assert not event.registrations.exists()

    registration = register(event, person, {level.pk: "Expert", wish.pk: "  SPARQL  "})

    assert dict(
        Answer.objects.filter(registration=registration).values_list("question", "value")
    ) == {
        level.pk: "Expert",
        wish.pk: "SPARQL",
    }


def test_answers_to_another_events_questions_are_ignored():
    event, other = EventFactory.create_batch(2)
    foreign = QuestionFactory(event=other)
    registration = register(event, MemberFactory(), {foreign.pk: "sneaky"})
    assert not registration.answers.exists()


def test_a_choice_question_needs_two_distinct_choices():
    event = EventFactory()
    for choices in ("Only one", "Same\nSame"):
        with pytest.raises(services.EventError):
            services.question_save(
                event=event, editor=event.created_by, label="Pick", kind="choice", choices=choices
            )
    question = services.question_save(
        event=event, editor=event.created_by, label="Pick", kind="choice", choices="A\n\n B \n"
    )
    assert question.options == ["A", "B"]


def test_only_organisers_change_questions():
    event = EventFactory()
    question = QuestionFactory(event=event)
    stranger = MemberFactory()
    with pytest.raises(services.NotAllowed):
        services.question_save(event=event, editor=stranger, label="Mine?", kind="text")
    with pytest.raises(services.NotAllowed):
        services.question_delete(event=event, editor=stranger, question_id=question.pk)
    assert event.questions.count() == 1


# --- Attendance --------------------------------------------------------------------------------


def started_event(**kwargs) -> Event:
    return EventFactory(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
        **kwargs,
    )


def test_organisers_mark_who_came_among_the_people_listed():
    event = started_event()
    came, absent, unlisted = (register(event, person) for person in MemberFactory.create_batch(3))

    count = services.attendance_mark(
        event=event,
        organiser=event.created_by,
        listed_ids=[came.pk, absent.pk],
        attended_ids=[came.pk],
    )

    assert count == 1
    marks = dict(event.registrations.values_list("pk", "attended"))
    assert marks == {came.pk: True, absent.pk: False, unlisted.pk: None}
    event.refresh_from_db()
    assert event.attendance_marked_at is not None


def test_attendance_cannot_be_marked_before_the_event_or_by_others():
    future = EventFactory()
    registration = register(future, MemberFactory())
    with pytest.raises(services.EventError):
        services.attendance_mark(
            event=future,
            organiser=future.created_by,
            listed_ids=[registration.pk],
            attended_ids=[registration.pk],
        )
    event = started_event()
    registration = register(event, MemberFactory())
    with pytest.raises(services.NotAllowed):
        services.attendance_mark(
            event=event,
            organiser=registration.user,
            listed_ids=[registration.pk],
            attended_ids=[registration.pk],
        )
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_waiting_people_are_never_marked_as_attended():
    event = started_event(capacity=1)
    holder = register(event, MemberFactory())
    waiting = register(event, MemberFactory())
    services.attendance_mark(
        event=event,
        organiser=event.created_by,
        listed_ids=[holder.pk, waiting.pk],
        attended_ids=[holder.pk, waiting.pk],
    )
    waiting.refresh_from_db()
    assert waiting.attended is None
