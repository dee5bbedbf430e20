"""Registration under contention: the event row lock keeps the places and the queue exact.

The threaded tests need a database where concurrent transactions really interleave
(PostgreSQL); the sequential invariants are checked everywhere with hypothesis.
"""

import threading

import pytest
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuza.events import services
from kuza.events.models import Registration
from kuza.events.tests.factories import EventFactory, MemberFactory


def run_together(actions) -> list[BaseException]:
    """Start every action at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action) -> None:
        try:
            barrier.wait(timeout=10)
            action()
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def counts(event) -> tuple[int, int]:
    rows = event.registrations
    return (
        rows.filter(status=Registration.Status.CONFIRMED).count(),
        rows.filter(status=Registration.Status.WAITING).count(),
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_give_more_places_than_the_event_has():
    people = MemberFactory.create_batch(12)
    for _round in range(3):
        event = EventFactory(capacity=5)
        errors = run_together(
            [
                lambda person=person, event=event: services.registration_create(
                    event=event, user=person, answers={}
                )
                for person in people
            ]
        )
        assert errors == []
        assert counts(event) == (5, 7)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_exactly_once():
    people = MemberFactory.create_batch(10)
    event = EventFactory(capacity=4)
    for person in people:
        services.registration_create(event=event, user=person, answers={})
    holders, waiting = people[:4], people[4:]

    errors = run_together(
        [
            lambda person=person: services.registration_cancel(event=event, user=person)
            for person in holders
        ]
        + [
            lambda person=person: services.registration_create(event=event, user=person, answers={})
            for person in MemberFactory.create_batch(3)
        ]
    )

    assert errors == []
    assert counts(event) == (4, 5)
    # The four who waited longest got the places, in their order; latecomers still wait.
    confirmed = set(
        event.registrations.filter(status=Registration.Status.CONFIRMED).values_list(
            "user_id", flat=True
        )
    )
    assert confirmed == {person.pk for person in waiting[:4]}
    assert event.registrations.filter(promoted_at__isnull=False).count() == 4


# --- Sequential invariants ---------------------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(st.sampled_from(["register", "cancel"]), st.integers(0, 7)), max_size=30
)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(capacity=st.integers(1, 4), actions=ACTIONS)
def test_any_sequence_of_registrations_and_cancellations_keeps_the_queue_exact(
    capacity, actions, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=capacity)
    people = MemberFactory.create_batch(8)
    # The model: places in order of (re)registration, served first come, first served.
    queue: list[int] = []
    for action, index in actions:
        person = people[index]
        try:
            if action == "register":
                services.registration_create(event=event, user=person, answers={})
                queue.append(person.pk)
            else:
                services.registration_cancel(event=event, user=person)
                queue.remove(person.pk)
        except services.EventError:
            assert (person.pk in queue) == (action == "register")

        confirmed = list(
            event.registrations.filter(status=Registration.Status.CONFIRMED).values_list(
                "user_id", flat=True
            )
        )
        waiting = list(
            event.registrations.filter(status=Registration.Status.WAITING)
            .order_by("queued_at", "pk")
            .values_list("user_id", flat=True)
        )
        assert len(confirmed) <= capacity
        assert not waiting or len(confirmed) == capacity
        assert set(confirmed) | set(waiting) == set(queue)
        # Whoever has a place asked before everyone still waiting.
        assert set(confirmed) == set(queue[:capacity])
        assert waiting == queue[capacity:]
