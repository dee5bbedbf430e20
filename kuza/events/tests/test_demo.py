"""The demo events: a series session, a Wikidata skill-share, a #SheSaid edit-a-thon."""

import pytest

from kuza.events.models import Event, Registration
from kuza.events.selectors import events_summary

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_full_session_with_a_waiting_list_and_marked_attendance(demo_community):
    events = demo_community.extra["events"]
    full = events["next_conversation"]
    editathon = events["editathon"]

    assert full.registrations.filter(status=Registration.Status.CONFIRMED).count() == full.capacity
    assert full.registrations.filter(status=Registration.Status.WAITING).count() == 4
    assert full.registrations.filter(promoted_at__isnull=False).exists()
    assert editathon.kind == Event.Kind.EDITATHON
    assert editathon.attendance_marked_at is not None
    assert editathon.registrations.filter(attended=True).exists()
    assert events["skill_share"].questions.count() == 2
    assert {event.kind for event in Event.objects.all()} >= {
        Event.Kind.CONVERSATION,
        Event.Kind.SKILL_SHARING,
        Event.Kind.EDITATHON,
    }
    summary = events_summary(Event.objects.all())
    assert summary.events == 5 and 0 < summary.participants < len(demo_community.users)
