"""`{% event_when event viewer_zone %}`: an event's times in its zone, and in the viewer's."""

from __future__ import annotations

from django import template
from django.utils.formats import date_format

from kuza.events.timezones import zone

register = template.Library()


def _span(starts, ends) -> str:
    start_text = date_format(starts, "DATETIME_FORMAT")
    if starts.date() == ends.date():
        return f"{start_text} – {date_format(ends, 'TIME_FORMAT')}"
    return f"{start_text} – {date_format(ends, 'DATETIME_FORMAT')}"


@register.inclusion_tag("events/includes/when.html")
def event_when(event, viewer_zone: str = "UTC") -> dict:
    own_zone = zone(event.time_zone)
    starts, ends = event.starts_at.astimezone(own_zone), event.ends_at.astimezone(own_zone)
    context = {
        "iso_start": event.starts_at.isoformat(),
        "local_text": _span(starts, ends),
        "zone_name": event.time_zone,
        "viewer_text": "",
        "viewer_zone": viewer_zone,
    }
    viewer = zone(viewer_zone)
    viewer_starts = event.starts_at.astimezone(viewer)
    # Only when the viewer's clocks show another time than the event's.
    if viewer_starts.replace(tzinfo=None) != starts.replace(tzinfo=None):
        context["viewer_text"] = _span(viewer_starts, event.ends_at.astimezone(viewer))
    return context
