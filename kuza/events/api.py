"""Events in the API: published events with their public fields, and counts for reports.

The online link, registrations, answers and attendance are never in the API.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kuza.api.auth import token_or_session
from kuza.api.errors import answers
from kuza.campaigns.api import GoalOut
from kuza.events import selectors
from kuza.events.models import Event
from kuza.translation.selectors import translated_field

router = Router(tags=["events"])
PAGE_SIZE = 50


class EventOut(Schema):
    id: int
    url: str
    title: str = Field(description="In the reader's language where translated (Accept-Language).")
    description: str = Field(description="Markdown, translated like the title, part by part.")
    source_language: str = Field(description="The language the organisers wrote the texts in.")
    kind: str
    series: str
    format: str
    location: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    capacity: int | None
    places_taken: int
    waiting: int
    ics_url: str
    campaign: str | None = Field(
        None, description="Slug of the linked campaign, if any (not one moderators hid)."
    )


class EventDetailOut(EventOut):
    goals: list[GoalOut] = Field(
        description="The event's goals, measured by its campaign's figures for the work "
        "counted during the event's hours (keys defined in the campaign's `definitions`); "
        "empty without a campaign the reader may see."
    )


class EventsPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[EventOut]


class EventFilter(Schema):
    past: bool = False
    kind: Event.Kind | None = None
    page: int = 1


class SummaryFilter(Schema):
    kind: Event.Kind | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None


class EventsSummaryOut(Schema):
    events: int
    participants: int
    definition: str


def _out(event: Event) -> dict:
    campaign = selectors.campaign_shown_with(AnonymousUser(), event)
    return {
        "id": event.pk,
        "url": settings.SITE_URL + event.get_absolute_url(),
        "title": translated_field(event, "title").text,
        "description": translated_field(event, "description").text,
        "source_language": event.language,
        "kind": event.kind,
        "series": event.series,
        "format": event.format,
        "location": event.location if event.is_in_person else "",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "capacity": event.capacity,
        "places_taken": event.places_taken,
        "waiting": event.waiting_count,
        "campaign": campaign.slug if campaign else None,
        "ics_url": settings.SITE_URL + reverse("events:ics", kwargs={"pk": event.pk}),
    }


@router.get("/", response=EventsPageOut)
def event_list(request: HttpRequest, filters: Query[EventFilter]):
    """Published events: upcoming (soonest first) or, with `past=true`, past (latest first)."""
    events = selectors.event_listing(AnonymousUser(), past=filters.past)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    paginator = Paginator(selectors.with_place_counts(events).select_related("campaign"), PAGE_SIZE)
    page = paginator.get_page(filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "results": [_out(event) for event in page],
    }


@router.get("/summary", response=EventsSummaryOut, auth=token_or_session)
@answers(403)
def summary(request: HttpRequest, filters: Query[SummaryFilter]):
    """Counts for reports over published events, e.g. {"events": 3, "participants": 98}.

    For organisers and staff. Participants are different people: marked as attended, or
    holding a place when the event's attendance was not marked.
    """
    if not selectors.can_create_events(request.auth):
        raise HttpError(403, _("Only organisers can see counts for reports."))
    events = selectors.events_visible_to(AnonymousUser())
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.starts_after:
        events = events.filter(starts_at__gte=filters.starts_after)
    if filters.starts_before:
        events = events.filter(starts_at__lt=filters.starts_before)
    counts = selectors.events_summary(events)
    return {
        "events": counts.events,
        "participants": counts.participants,
        "definition": _(
            "Participants are different people: those marked as attended, or, for events "
            "whose attendance was not marked, those who had a place. Someone at several "
            "events counts once."
        ),
    }


@router.get("/{event_id}", response=EventDetailOut)
def event_detail(request: HttpRequest, event_id: int):
    """A published event, with its goals and their progress."""
    event = selectors.event_for_viewer(AnonymousUser(), event_id)
    if event is None:
        raise Http404
    campaign = selectors.campaign_shown_with(AnonymousUser(), event)
    goals = selectors.goal_progress(event, campaign)
    return {**_out(event), "goals": [row.as_api() for row in goals]}
