"""An event as an iCalendar (.ics) file, in the event's own time zone."""

from __future__ import annotations

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from kuza.events.models import Event
from kuza.events.timezones import zone


def event_calendar(event: Event, *, online_link: str = "") -> bytes:
    """The .ics of `event`; `online_link` only for someone allowed to see it."""
    url = settings.SITE_URL + event.get_absolute_url()
    local_zone = zone(event.time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kuza//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname or 'kuza'}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(local_zone))
    entry.add("dtend", event.ends_at.astimezone(local_zone))
    entry.add("summary", event.title)
    details = [event.description.strip(), url]
    if online_link:
        details.append(online_link)
    entry.add("description", "\n\n".join(part for part in details if part))
    places = [event.location.strip()] if event.is_in_person and event.location.strip() else []
    if online_link:
        places.append(online_link)
    if places:
        entry.add("location", " · ".join(places))
    entry.add("url", online_link or url)
    if event.updated_at:
        entry.add("last-modified", event.updated_at)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
