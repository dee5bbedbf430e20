"""Counts for reports (events and distinct participants) and the events API."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kuza.accounts.services import api_token_create
from kuza.events.models import Event, Registration
from kuza.events.selectors import events_summary
from kuza.events.tests.factories import EventFactory, MemberFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def past_event(**kwargs) -> Event:
    starts = timezone.now() - timedelta(days=3)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **kwargs)


def test_participants_are_the_attended_or_the_registered_when_attendance_was_not_marked():
    alice, bea, chantal, dora, esi = MemberFactory.create_batch(5)
    marked = past_event(attendance_marked_at=timezone.now())
    RegistrationFactory(event=marked, user=alice, attended=True)
    RegistrationFactory(event=marked, user=bea, attended=False)  # registered, did not come
    unmarked = past_event()
    RegistrationFactory(event=unmarked, user=alice)  # counted once across events
    RegistrationFactory(event=unmarked, user=chantal)
    RegistrationFactory(event=unmarked, user=dora, status=Registration.Status.WAITING)
    RegistrationFactory(event=unmarked, user=esi, status=Registration.Status.CANCELLED)
    empty = past_event()

    summary = events_summary(Event.objects.filter(pk__in=[marked.pk, unmarked.pk, empty.pk]))

    assert summary == (3, 2)  # alice and chantal
    assert (summary.events, summary.participants) == (3, 2)


def test_the_summary_counts_only_the_events_it_is_given():
    counted, other = past_event(), past_event()
    RegistrationFactory(event=counted)
    RegistrationFactory.create_batch(3, event=other)
    assert events_summary(Event.objects.filter(pk=counted.pk)) == (1, 1)
    assert events_summary(Event.objects.none()) == (0, 0)


def test_the_api_lists_published_events_with_public_fields_only(client):
    event = EventFactory(capacity=10, online_url="https://meet.example.org/hidden")
    RegistrationFactory.create_batch(2, event=event)
    EventFactory(published=False)
    past_event(title="Old one")

    upcoming = client.get("/api/events/").json()
    past = client.get("/api/events/?past=true").json()

    assert [item["id"] for item in upcoming["results"]] == [event.pk]
    item = upcoming["results"][0]
    assert item["places_taken"] == 2 and item["capacity"] == 10 and item["waiting"] == 0
    assert "online_url" not in item and "hidden" not in str(item)
    assert item["ics_url"].endswith(f"/events/{event.pk}/calendar.ics")
    assert [entry["title"] for entry in past["results"]] == ["Old one"]


def test_the_api_answers_404_for_unpublished_events():
    draft = EventFactory(published=False)
    response = Client().get(f"/api/events/{draft.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_summary_endpoint_is_for_organisers_with_a_token(client):
    event = past_event(attendance_marked_at=timezone.now())
    RegistrationFactory.create_batch(3, event=event, attended=True)
    staff = MemberFactory(is_staff=True)
    token = api_token_create(user=staff, name="reports").plaintext
    member_token = api_token_create(user=MemberFactory(), name="mine").plaintext

    anonymous = client.get("/api/events/summary")
    member = client.get("/api/events/summary", headers={"Authorization": f"Bearer {member_token}"})
    organiser = client.get("/api/events/summary", headers={"Authorization": f"Bearer {token}"})
    later = client.get(
        "/api/events/summary?starts_after=2099-01-01T00:00:00Z",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert anonymous.status_code == 401
    assert member.status_code == 403
    assert member.json()["error"]["code"] == "error"
    assert organiser.status_code == 200
    assert organiser.json()["events"] == 1 and organiser.json()["participants"] == 3
    assert "attended" in organiser.json()["definition"]
    assert later.json()["events"] == 0
