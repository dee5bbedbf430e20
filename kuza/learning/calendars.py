"""iCalendar files for cohort sessions: one session, or a whole cohort's feed.

Times are written in UTC, which every calendar application converts to its own time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from kuza.learning.models import Cohort, CohortSession

PRODUCT_ID = "-//Kuza//Learning cohorts//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(session: CohortSession, *, stamp: datetime) -> Event:
    cohort = session.cohort
    event = Event()
    event.add("uid", f"{session.uid}@kuza")
    event.add("dtstamp", stamp)
    starts = session.starts_at.astimezone(UTC)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=session.duration_minutes))
    event.add("summary", f"{session.title} ({cohort.course.title})")
    description = session.description
    if session.join_url:
        description = f"{description}\n\n{session.join_url}".strip()
        event.add("url", session.join_url)
        event.add("location", session.join_url)
    if description:
        event.add("description", description)
    event.add("categories", [session.get_kind_display()])
    # Calendar apps replace an event whose sequence rose, and strike a cancelled one.
    event.add("sequence", session.sequence)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    return event


def session_calendar(session: CohortSession) -> bytes:
    calendar = _calendar(session.title)
    calendar.add_component(_event(session, stamp=datetime.now(UTC)))
    return calendar.to_ical()


def cohort_calendar(cohort: Cohort, sessions: Iterable[CohortSession]) -> bytes:
    calendar = _calendar(f"{cohort.course.title}: {cohort.name}")
    stamp = datetime.now(UTC)
    for session in sessions:
        calendar.add_component(_event(session, stamp=stamp))
    return calendar.to_ical()
