"""iCalendar files for cohort sessions: one session, or a whole cohort's feed.

Times are written in UTC, which every calendar application converts to its own time zone.
Titles, descriptions and the kind of session are written in one language, unit by unit
through the translation app with the source as fallback, as the cohort page shows them: the
learner's for a download, the one named in the feed's address (or the request's) for a feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import translation
from icalendar import Calendar, Event

from kuza.learning.models import Cohort, CohortSession
from kuza.translation.selectors import translated_field

PRODUCT_ID = "-//Kuza//Learning cohorts//EN"


def interface_language(code: str | None) -> str:
    """`code` if it is one of the site's languages, else ""."""
    code = (code or "").strip().lower()
    return code if code in {language for language, _name in settings.LANGUAGES} else ""


def _calendar(name: str, language: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-language", language)
    return calendar


def _text(obj, field: str, language: str) -> str:
    return translated_field(obj, field, language).text.strip()


def _event(session: CohortSession, *, stamp: datetime, language: str) -> Event:
    cohort = session.cohort
    event = Event()
    event.add("uid", f"{session.uid}@kuza")
    event.add("dtstamp", stamp)
    starts = session.starts_at.astimezone(UTC)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=session.duration_minutes))
    title, course = _text(session, "title", language), _text(cohort.course, "title", language)
    event.add("summary", f"{title} ({course})")
    description = _text(session, "description", language) if session.description else ""
    if session.join_url:
        description = f"{description}\n\n{session.join_url}".strip()
        event.add("url", session.join_url)
        event.add("location", session.join_url)
    if description:
        event.add("description", description)
    event.add("categories", [str(session.get_kind_display())])
    # Calendar apps replace an event whose sequence rose, and strike a cancelled one.
    event.add("sequence", session.sequence)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    return event


def session_calendar(session: CohortSession, *, language: str) -> bytes:
    with translation.override(language):
        calendar = _calendar(_text(session, "title", language), language)
        calendar.add_component(_event(session, stamp=datetime.now(UTC), language=language))
    return calendar.to_ical()


def cohort_calendar(cohort: Cohort, sessions: Iterable[CohortSession], *, language: str) -> bytes:
    with translation.override(language):
        name = f"{_text(cohort.course, 'title', language)}: {_text(cohort, 'name', language)}"
        calendar = _calendar(name, language)
        stamp = datetime.now(UTC)
        for session in sessions:
            calendar.add_component(_event(session, stamp=stamp, language=language))
    return calendar.to_ical()
