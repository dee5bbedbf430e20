"""Facilitated cohorts: a group learning a course together, with sessions and announcements."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuza.learning.models.courses import Course


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_cohorts",
        blank=True,
    )
    is_open = models.BooleanField(_("open for enrolment"), default=True)
    # A secret in the calendar feed's address, so calendar apps can subscribe without login.
    feed_token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="learning_cohort_slug"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="learning_cohort_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CohortSession(models.Model):
    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        OFFICE_HOURS = "office_hours", _("Office hours")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WEBINAR)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    join_url = models.URLField(_("where to join"), max_length=500, blank=True)
    # A cancelled session stays listed (and in calendar feeds, marked cancelled) so that
    # learners and their calendar apps learn it will not take place.
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # Raised at every change, so calendar apps replace what they had (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


class Announcement(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), help_text=_("Markdown."))
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title
