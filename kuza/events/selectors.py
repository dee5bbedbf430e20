"""Reads for events. Functions that return one event for a person check access themselves.

Who sees what:
- Published events (not hidden by moderators) are public: title, description, times, place,
  counts of places. The online link is shown only to people with a place and to organisers.
- Organisers are the event's organisers and staff. Only they see who registered, the answers,
  the waiting list and attendance. Nobody else ever gets a list of attendees.
- Blocks (either direction) keep two people apart: the list of events leaves out events
  created or organised by someone in a block with the viewer (except the viewer's own), and
  the viewer cannot register for them. The event page itself stays public, as it is to anyone
  signed out, and may still be reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import among_people, in_block_with_authors, visible_to
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import campaigns_visible_to
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.events.models import Answer, Event, EventGoal, Question, Registration
from kuza.people.models import Membership

# --- Roles -------------------------------------------------------------------------------------


def is_organiser(user, event: Event) -> bool:
    """Staff, or one of the event's organisers."""
    if not is_signed_in(user):
        return False
    return user.is_staff or event.organisers.filter(pk=user.pk).exists()


def can_create_events(user) -> bool:
    """Staff, and organisers of an organisation, may create events."""
    if not is_signed_in(user):
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


# --- Events ------------------------------------------------------------------------------------


def events_visible_to(user) -> QuerySet[Event]:
    """The events `user` may see (the audience declared in integrations.py)."""
    return visible_to(Event.objects.all(), user)


def with_place_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        places_taken=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
    )


def is_blocked_from(user, event: Event) -> bool:
    """Whether `user` and one of the event's creator or organisers blocked the other."""
    return in_block_with_authors(event, user)


def event_listing(user, *, past: bool = False) -> QuerySet[Event]:
    """Events not over yet, soonest first; or, with `past`, those over, most recent first.

    Events of people in a block with `user` (either direction) are left out, unless `user`
    organises them too (the audience layer's rule).
    """
    events = events_visible_to(user)
    if past:
        return events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    return events.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")


def event_for_viewer(user, event_id: int) -> Event | None:
    """The event, even when `user` is in a block with an organiser: its page says why they
    cannot register (and names people through the presenter)."""
    events = with_place_counts(visible_to(Event.objects.all(), user, despite_blocks=True))
    return events.select_related("campaign").filter(pk=event_id).first()


def event_for_organiser(user, event_id: int) -> Event | None:
    """The event, only when `user` organises it (or is staff)."""
    if not is_signed_in(user):
        return None
    events = Event.objects.all()
    if not user.is_staff:
        organised = Event.organisers.through.objects.filter(user=user).values("event_id")
        events = events.filter(pk__in=organised)
    return with_place_counts(events).filter(pk=event_id).first()


def campaign_shown_with(user, event: Event) -> Campaign | None:
    """The event's campaign, unless moderators hid it (its organisers and staff still see it)."""
    if event.campaign_id is None:
        return None
    return campaigns_visible_to(user).filter(pk=event.campaign_id).first()


def questions_of(event: Event) -> list[Question]:
    return list(event.questions.all())


# --- The viewer's own registration -------------------------------------------------------------


def registration_of(user, event: Event) -> Registration | None:
    if not is_signed_in(user):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITING
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def online_link_for(user, event: Event) -> str:
    """The online link when `user` has a place or organises the event; otherwise ""."""
    if not event.online_url or not is_signed_in(user):
        return ""
    if is_organiser(user, event):
        return event.online_url
    has_place = Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()
    return event.online_url if has_place else ""


def active_registrations_of(user) -> QuerySet[Registration]:
    """The person's places and waiting-list spots for events not over yet."""
    if not is_signed_in(user):
        return Registration.objects.none()
    return (
        Registration.objects.filter(
            user=user,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "event__pk")
    )


def home_registrations(user) -> list[HomeItem]:
    """Personal home: events `user` has a place at or waits for, soonest first (one query)."""
    # Despite blocks: one's own place at an event stays one's own business.
    shown = visible_to(Event.objects.all(), user, despite_blocks=True).values("pk")
    registrations = (
        active_registrations_of(user)
        .filter(event__in=shown)
        .annotate(has_goals=Exists(EventGoal.objects.filter(event=OuterRef("event_id"))))
    )
    items = []
    listed = list(registrations[: home.LIMIT])
    for registration in listed:
        event = registration.event
        when = date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
        if registration.status == Registration.Status.WAITING:
            reason = _("You are on the waiting list; it starts %(when)s") % {"when": when}
        else:
            reason = _("You have a place; it starts %(when)s") % {"when": when}
        items.append(
            HomeItem(
                title=event.title,
                source=(event, "title"),
                url=reverse("events:detail", args=[event.pk]),
                reason=reason,
                when=event.starts_at,
            )
        )
    for registration in listed:
        if registration.has_goals:  # no query for the many events without goals
            items += _home_goals(user, registration.event)
    return items


def _home_goals(user, event: Event) -> list[HomeItem]:
    """An event's goals for the home of someone registered, each with its progress bar."""
    return [
        HomeItem(
            title=event.title,
            source=(event, "title"),
            url=reverse("events:detail", args=[event.pk]) + "#goals",
            reason=_("A goal of an event you registered for"),
            figure=row.figure,
        )
        for row in goal_progress(event, campaign_shown_with(user, event))
    ]


# --- For organisers ----------------------------------------------------------------------------


def attendees_for_organiser(user, event: Event) -> QuerySet[Registration]:
    """People with a place, for the organisers' attendance list; empty for anyone else."""
    if not is_organiser(user, event):
        return Registration.objects.none()
    # A suspended member appears nowhere, the organisers' list included.
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    return (
        among_people(confirmed, user, "user")
        .select_related("user__profile")
        .order_by("user__profile__display_name", "user__username", "pk")
    )


def waiting_list_for_organiser(user, event: Event) -> QuerySet[Registration]:
    if not is_organiser(user, event):
        return Registration.objects.none()
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING)
    return (
        among_people(waiting, user, "user")
        .select_related("user__profile")
        .order_by("queued_at", "pk")
    )


@dataclass(frozen=True)
class ExportRow:
    registration: Registration
    answers: dict[int, str]


def registrations_for_export(user, event: Event) -> list[ExportRow]:
    """Every current registration with its answers, for the organisers' CSV; empty otherwise."""
    if not is_organiser(user, event):
        return []
    current = Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED)
    registrations = list(
        among_people(current, user, "user")
        .select_related("user__profile")
        .order_by("status", "queued_at", "pk")
    )
    answers: dict[int, dict[int, str]] = {}
    for answer in Answer.objects.filter(registration__in=registrations):
        answers.setdefault(answer.registration_id, {})[answer.question_id] = answer.value
    return [ExportRow(row, answers.get(row.pk, {})) for row in registrations]


# --- Counts for reports ------------------------------------------------------------------------


class EventsSummary(NamedTuple):
    """How many events, and how many different people took part in them."""

    events: int
    participants: int


def participant_registrations(events: QuerySet[Event]) -> QuerySet[Registration]:
    """The registrations that count as taking part in `events`.

    A person took part in an event when the organisers marked them as attended; for an event
    whose attendance was never marked, everyone who had a place (not the waiting list, not
    those who cancelled) counts.
    """
    marked = Q(event__attendance_marked_at__isnull=False, attended=True)
    unmarked = Q(event__attendance_marked_at__isnull=True, status=Registration.Status.CONFIRMED)
    return Registration.objects.filter(event__in=events.values("pk")).filter(marked | unmarked)


def events_summary(events: QuerySet[Event]) -> EventsSummary:
    """(number of events, number of different participants) for a report, e.g. (3, 98).

    A person who took part in several of the events counts once; see
    `participant_registrations` for who counts as a participant.
    """
    participants = participant_registrations(events).values("user_id").distinct().count()
    return EventsSummary(events=events.count(), participants=participants)


def goal_progress(event: Event, campaign: Campaign | None) -> list:
    """The event's goals against its campaign's figures during the event's hours."""
    from kuza.campaigns.selectors import figures_between, goal_rows

    targets = [(goal.metric, goal.target) for goal in event.goals.all()]
    if not targets or campaign is None:
        return []
    return goal_rows(targets, figures_between(campaign, event.starts_at, event.ends_at))
