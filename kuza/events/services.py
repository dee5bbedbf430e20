"""Writes for events: creating and editing events and questions, registering, the waiting list
and attendance.

Registering, cancelling and changing the number of places lock the event row
(`select_for_update`) inside a transaction, so two people can never take the last place at
the same time and the waiting list is always served in order: whenever a place frees up,
the first person waiting gets it and is told on Kuza and by email.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuza.campaigns.models import Campaign
from kuza.core.tasks import send_email
from kuza.events import selectors
from kuza.events.answers import clean_answers
from kuza.events.models import Answer, Event, EventGoal, Question, Registration
from kuza.safety.selectors import may_contact_others


class EventError(Exception):
    """A request about an event that cannot be honoured, with a message for the person."""


class NotAllowed(EventError):
    """The person may not do this."""


@dataclass(frozen=True)
class EventFields:
    """Everything an organiser sets on an event; times are UTC instants."""

    title: str
    description: str
    kind: str
    series: str
    format: str
    location: str
    online_url: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    capacity: int | None
    published: bool
    campaign: Campaign | None = None
    language: str = "en"  # of the title and description, which translators translate


def _require_organiser(user, event: Event) -> None:
    if not selectors.is_organiser(user, event):
        raise NotAllowed(_("Only the organisers of this event can do this."))


def _check_fields(fields: EventFields) -> None:
    if not fields.title.strip():
        raise EventError(_("Give the event a title."))
    if fields.ends_at <= fields.starts_at:
        raise EventError(_("The event must end after it starts."))
    if fields.format != Event.Format.ONLINE and not fields.location.strip():
        raise EventError(_("Say where the event takes place."))


def linkable_campaigns(user):
    """Campaigns `user` may link an event to: those they organise, or any for staff."""
    if user.is_staff:
        return Campaign.objects.all()
    return Campaign.objects.filter(organisers=user)


def _check_campaign(user, fields: EventFields, event: Event | None = None) -> None:
    campaign = fields.campaign
    if campaign is None or (event is not None and event.campaign_id == campaign.pk):
        return
    if not linkable_campaigns(user).filter(pk=campaign.pk).exists():
        raise NotAllowed(_("Link only campaigns you organise."))


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _apply(event: Event, fields: EventFields) -> None:
    for name, value in vars(fields).items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)


def event_create(*, creator, fields: EventFields, co_organisers: Iterable = ()) -> Event:
    if not selectors.can_create_events(creator):
        raise NotAllowed(_("Only organisers can create events."))
    _check_fields(fields)
    _check_campaign(creator, fields)
    with transaction.atomic():
        event = Event(created_by=creator)
        _apply(event, fields)
        event.save()
        event.organisers.set({creator, *co_organisers})
    return event


def event_update(
    *, event: Event, editor, fields: EventFields, organisers: Iterable | None = None
) -> Event:
    """Save the organiser's changes; new places go to the waiting list first, in order.

    `organisers`, when given, replaces the list of organisers (at least one is needed).
    """
    _require_organiser(editor, event)
    _check_fields(fields)
    _check_campaign(editor, fields, event)
    organisers = None if organisers is None else set(organisers)
    if organisers is not None and not organisers:
        raise EventError(_("An event needs at least one organiser."))
    with transaction.atomic():
        locked = _lock(event)
        taken = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if fields.capacity is not None and fields.capacity < taken:
            raise EventError(
                ngettext(
                    "%(count)s person already has a place; the event cannot have fewer places.",
                    "%(count)s people already have a place; the event cannot have fewer places.",
                    taken,
                )
                % {"count": taken}
            )
        _apply(locked, fields)
        locked.save()
        if organisers is not None:
            locked.organisers.set(organisers)
        _fill_free_places(locked)
    return locked


# --- Questions ---------------------------------------------------------------------------------


def question_save(
    *,
    event: Event,
    editor,
    label: str,
    kind: str,
    choices: str = "",
    required: bool = False,
    position: int = 0,
    question: Question | None = None,
) -> Question:
    _require_organiser(editor, event)
    if question is not None and question.event_id != event.pk:
        raise NotAllowed(_("That question belongs to another event."))
    label = label.strip()
    if not label:
        raise EventError(_("Write the question."))
    options = [line.strip() for line in choices.splitlines() if line.strip()]
    if kind == Question.Kind.CHOICE:
        if len(options) < 2:
            raise EventError(_("Give at least two choices, one per line."))
        if len(set(options)) != len(options):
            raise EventError(_("Each choice can appear only once."))
    else:
        options = []
    question = question or Question(event=event)
    question.label = label
    question.kind = kind
    question.choices = "\n".join(options)
    question.required = required
    question.position = position
    question.save()
    return question


def question_delete(*, event: Event, editor, question_id: int) -> None:
    _require_organiser(editor, event)
    event.questions.filter(pk=question_id).delete()


# --- Registration and the waiting list ---------------------------------------------------------


def _require_may_register(user, event: Event) -> None:
    if not may_contact_others(user):
        raise NotAllowed(
            _(
                "Log in, with an active account and the current code of conduct accepted, "
                "to register."
            )
        )
    if not event.published:
        raise EventError(_("This event is not open for registration."))
    if event.ends_at <= timezone.now():
        raise EventError(_("This event is over."))
    if selectors.is_blocked_from(user, event):
        raise NotAllowed(_("You cannot register for this event."))


def _fill_free_places(event: Event) -> list[Registration]:
    """Give free places to the waiting list in order; `event` must be locked by the caller."""
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by(
        "queued_at", "pk"
    )
    if event.capacity is None:
        promoted = list(waiting)
    else:
        taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = max(event.capacity - taken, 0)
        promoted = list(waiting[:free]) if free else []
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _notify_promotion(registration, event)
    return promoted


def _notify_promotion(registration: Registration, event: Event) -> None:
    """Email the person once the transaction commits; Kuza shows `promoted_at` on its pages."""
    email = get_user_model().objects.filter(pk=registration.user_id).values_list("email", flat=True)
    address = email.first()
    if not address:
        return
    link = settings.SITE_URL + reverse("events:detail", kwargs={"pk": event.pk})
    subject = _("You have a place at %(title)s") % {"title": event.title}
    body = _(
        "A place became free at “%(title)s” and it is yours: you were first on the waiting "
        "list. If you cannot come, please cancel so the next person can take it.\n\n%(link)s"
    ) % {"title": event.title, "link": link}
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[address]))


def _next_queue_time(event: Event) -> datetime:
    """Now, or just after the latest registration when the clock has not moved on.

    Queue times are strictly increasing within an event (the event row is locked), so the
    waiting list has one order even for registrations within the same microsecond.
    """
    now = timezone.now()
    latest = event.registrations.aggregate(latest=Max("queued_at"))["latest"]
    return max(now, latest + timedelta(microseconds=1)) if latest else now


def registration_create(*, event: Event, user, answers: Mapping[int, str]) -> Registration:
    """Register `user`: a place when one is free and nobody is waiting, else the waiting list.

    `answers` maps question ids to answers; they are validated against the event's questions
    (raises `answers.AnswersInvalid`).
    """
    _require_may_register(user, event)
    with transaction.atomic():
        event = _lock(event)
        _require_may_register(user, event)
        cleaned = clean_answers(event.questions.all(), answers)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status != Registration.Status.CANCELLED:
            raise EventError(_("You are already registered for this event."))
        taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        anyone_waiting = event.registrations.filter(status=Registration.Status.WAITING).exists()
        has_room = event.capacity is None or taken < event.capacity
        status = (
            Registration.Status.CONFIRMED
            if has_room and not anyone_waiting
            else Registration.Status.WAITING
        )
        registration = registration or Registration(event=event, user=user)
        registration.status = status
        registration.queued_at = _next_queue_time(event)
        registration.promoted_at = None
        registration.cancelled_at = None
        registration.attended = None
        registration.save()
        registration.answers.all().delete()
        Answer.objects.bulk_create(
            [
                Answer(registration=registration, question_id=question_id, value=value)
                for question_id, value in cleaned.items()
            ]
        )
    return registration


def registration_cancel(*, event: Event, user) -> list[Registration]:
    """Cancel `user`'s place or waiting-list spot; return who got a place in their stead."""
    with transaction.atomic():
        event = _lock(event)
        registration = (
            Registration.objects.filter(event=event, user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if registration is None:
            raise EventError(_("You are not registered for this event."))
        if event.ends_at <= timezone.now():
            raise EventError(_("This event is over."))
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.attended = None
        registration.save(update_fields=["status", "cancelled_at", "attended"])
        return _fill_free_places(event)


# --- Attendance --------------------------------------------------------------------------------


def attendance_mark(
    *, event: Event, organiser, listed_ids: Iterable[int], attended_ids: Iterable[int]
) -> int:
    """Record who came among the registrations `listed_ids` the organiser was shown.

    Checked ones attended, the other listed ones did not; people not listed (another page
    of the list) keep their mark. Returns how many were marked as attended.
    """
    _require_organiser(organiser, event)
    if event.starts_at > timezone.now():
        raise EventError(_("Attendance can be marked once the event has started."))
    listed, attended = set(listed_ids), set(attended_ids)
    if not attended <= listed:
        raise EventError(_("Mark attendance only for the people on the list."))
    with transaction.atomic():
        event = _lock(event)
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED, pk__in=listed)
        confirmed.filter(pk__in=attended).update(attended=True)
        confirmed.exclude(pk__in=attended).update(attended=False)
        if event.attendance_marked_at is None:
            event.attendance_marked_at = timezone.now()
            event.save(update_fields=["attendance_marked_at"])
        return confirmed.filter(attended=True).count()


def event_goal_set(*, event: Event, metric: str, target: int) -> EventGoal:
    """Set (or change) an edit-a-thon's goal on a figure of the campaign catalogue."""
    from kuza.campaigns.catalogue import goal_metrics

    if event.campaign_id is None:
        raise EventError(_("Link the event to a campaign first: its figures measure the goals."))
    if metric not in {m.key for m in goal_metrics()}:
        raise EventError(_("Goals can be set on the figures listed only."))
    if not isinstance(target, int) or target < 1:
        raise EventError(_("A goal needs a target of at least 1."))
    goal, _created = EventGoal.objects.update_or_create(
        event=event, metric=metric, defaults={"target": target}
    )
    return goal


def event_goal_remove(*, event: Event, metric: str) -> None:
    EventGoal.objects.filter(event=event, metric=metric).delete()
