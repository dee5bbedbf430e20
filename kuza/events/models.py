"""Events: online or in-person sessions people register for, with a waiting list and attendance.

Times are stored in UTC (`starts_at`, `ends_at`) together with the event's own time zone,
in which the organiser entered them and in which the event page shows them first.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kuza.events.timezones import validate_time_zone


class Event(models.Model):
    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Conversation series")
        SKILL_SHARING = "skill_sharing", _("Skill-sharing session")
        EDITATHON = "editathon", _("Edit-a-thon")
        OTHER = "other", _("Other event")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("In person and online")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(10000)],
        help_text=_("Markdown is allowed."),
    )
    language = models.CharField(
        _("language of the texts"),
        max_length=10,
        default="en",
        help_text=_("The language you write the title and description in; translators add others."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    series = models.CharField(
        _("series"),
        max_length=120,
        blank=True,
        help_text=_("For a session of a series, e.g. “Monthly leadership conversations”."),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    location = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Address or venue, for events in person."),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to people with a place and to the organisers."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty for no limit. When the event is full, people join a waiting list."),
    )
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished events are seen by their organisers only."),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_events", verbose_name=_("organisers")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="created_events",
        verbose_name=_("created by"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("campaign"),
        help_text=_("For an edit-a-thon: the campaign that measures the contributions."),
    )
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["published", "starts_at"], name="event_published_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def is_online(self) -> bool:
        return self.format in {self.Format.ONLINE, self.Format.HYBRID}

    @property
    def is_in_person(self) -> bool:
        return self.format in {self.Format.IN_PERSON, self.Format.HYBRID}


class Question(models.Model):
    """A question the organisers ask everyone who registers."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        CHOICE = "choice", _("One choice from a list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("For a choice: one option per line."),
    )
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return self.label

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(models.Model):
    """One person's registration: a place, a spot on the waiting list, or cancelled.

    There is at most one row per person and event; registering again after cancelling reuses
    it (at the end of the waiting list when the event is full).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # When the person (last) asked for a place: the waiting list is served in this order.
    queued_at = models.DateTimeField(_("registered at"))
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # None until the organisers mark attendance for the event.
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.user} at {self.event} ({self.status})"


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return self.value


class EventGoal(models.Model):
    """A target on one figure of the campaign catalogue for an edit-a-thon: its progress is
    the event's campaign's counted work during the event's hours."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="goals")
    metric = models.CharField(_("figure"), max_length=40)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "metric"], name="one_event_goal_per_metric"),
            models.CheckConstraint(condition=models.Q(target__gte=1), name="event_goal_target_set"),
        ]
        verbose_name = _("event goal")
        verbose_name_plural = _("event goals")

    def __str__(self) -> str:
        return f"{self.event}: {self.metric} {self.target}"
