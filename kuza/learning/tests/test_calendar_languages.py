"""Session calendars in the reader's language: a learner's .ics download in theirs, a cohort
feed in the language its address names (calendar apps send no cookie), unit by unit with the
source language as fallback. Each file is parsed back with the icalendar library."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from kuza.learning import services
from kuza.learning.tests.factories import CohortFactory, SessionFactory, UserFactory
from kuza.learning.tests.test_translated_extras import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    cohort = CohortFactory(name="March cohort")
    session = SessionFactory(
        cohort=cohort, title="Webinar: sources", description="Bring your drafts."
    )
    translate(session, "title", "Webinaire : les sources")
    translate(cohort.course, "title", "Combler l’écart")
    translate(cohort, "name", "Promotion de mars")
    return session


def _event(content: bytes):
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _download(client, session, language: str) -> bytes:
    cohort = session.cohort
    learner = UserFactory()
    services.enrolment_create(user=learner, course=cohort.course, cohort=cohort)
    client.force_login(learner)
    client.cookies["django_language"] = language
    url = reverse("learning:session_ics", args=[cohort.course.slug, cohort.slug, session.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_a_learner_downloads_a_session_in_their_language_with_per_unit_fallback(client, session):
    calendar, event = _event(_download(client, session, "fr"))

    assert str(event["summary"]) == "Webinaire : les sources (Combler l’écart)"
    # Not translated yet: the description stays in the source language.
    assert str(event["description"]).startswith("Bring your drafts.")
    assert [str(category) for category in event["categories"].cats] == ["Webinaire"]
    assert str(calendar["x-wr-calname"]) == "Webinaire : les sources"
    assert event.decoded("dtstart") == session.starts_at


def test_a_language_without_translations_gets_the_source(client, session):
    _calendar, event = _event(_download(client, session, "sw"))

    assert str(event["summary"]) == "Webinar: sources (Closing the gap)"


def test_the_cohort_page_gives_a_feed_address_in_the_readers_language(client, session):
    cohort = session.cohort
    client.cookies["django_language"] = "fr"
    learner = UserFactory()
    services.enrolment_create(user=learner, course=cohort.course, cohort=cohort)
    client.force_login(learner)

    page = client.get(reverse("learning:cohort", args=[cohort.course.slug, cohort.slug]))

    feed = reverse("learning:cohort_feed", args=[cohort.feed_token])
    assert f"{feed}?lang=fr" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "headers", "summary", "name"),
    [
        (
            {"lang": "fr"},
            {},
            "Webinaire : les sources (Combler l’écart)",
            "Combler l’écart: Promotion de mars",
        ),
        (
            {},
            {"HTTP_ACCEPT_LANGUAGE": "fr"},
            "Webinaire : les sources (Combler l’écart)",
            "Combler l’écart: Promotion de mars",
        ),
        (
            {"lang": "xx"},
            {},
            "Webinar: sources (Closing the gap)",
            "Closing the gap: March cohort",
        ),
        (
            {"lang": "en"},
            {"HTTP_ACCEPT_LANGUAGE": "fr"},
            "Webinar: sources (Closing the gap)",
            "Closing the gap: March cohort",
        ),
    ],
)
def test_the_feed_uses_the_language_in_its_address_else_the_requests(
    client, session, query, headers, summary, name
):
    response = client.get(
        reverse("learning:cohort_feed", args=[session.cohort.feed_token]), query, **headers
    )

    calendar, event = _event(response.content)
    assert str(event["summary"]) == summary
    assert str(calendar["x-wr-calname"]) == name
