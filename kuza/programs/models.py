"""Coaching programmes: cohorts of members, their initiative plans, key results, support requests.

Who sees what is decided in `selectors.py`; in short: a programme's participants are its
organisers, its mentors and the members of its cohorts. A member's plan is seen by its author,
their mentor, the organisers and (unless the author restricts it) their own cohort.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kuza.people.models import validate_language_tag

TEXT_LIMIT = 5000
POST_LIMIT = 1000


def validate_currency(value: str) -> None:
    """An ISO 4217 code babel knows, e.g. KES, XOF, EUR."""
    from babel.numbers import list_currencies

    if value not in list_currencies():
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code."), params={"code": value}
        )


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_LIMIT)],
        help_text=_("Markdown is allowed."),
    )
    language = models.CharField(
        _("language of the text"),
        max_length=20,
        default="en",
        validators=[validate_language_tag],
        help_text=_("The language the name and description are written in, e.g. en or fr."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    listed = models.BooleanField(
        _("listed for all members"),
        default=True,
        help_text=_(
            "Members can see the programme's name, description and period. Cohorts, plans "
            "and the vision board are for its participants only."
        ),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_programmes", verbose_name=_("organisers")
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="mentored_programmes",
        blank=True,
        verbose_name=_("mentors"),
    )
    courses = models.ManyToManyField(
        "learning.Course", related_name="programmes", blank=True, verbose_name=_("courses")
    )
    events = models.ManyToManyField(
        "events.Event", related_name="programmes", blank=True, verbose_name=_("events")
    )
    campaigns = models.ManyToManyField(
        "campaigns.Campaign", related_name="programmes", blank=True, verbose_name=_("campaigns")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", kwargs={"pk": self.pk})


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="programme_cohort_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A person in one cohort of a programme (at most once per programme)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="members")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_memberships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_mentees",
        verbose_name=_("mentor"),
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["cohort", "user__profile__display_name", "user__username", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"], name="one_membership_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cohort}"


class VisionPost(models.Model):
    """A short post with a goal on the cohort's shared vision board."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="vision_posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_vision_posts"
    )
    body = models.TextField(
        _("your goal"),
        validators=[MaxLengthValidator(POST_LIMIT)],
        help_text=_("Markdown is allowed."),
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("vision board post")
        verbose_name_plural = _("vision board posts")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", kwargs={"pk": self.cohort.programme_id}) + "#vision"


class Resource(models.TextChoices):
    CONNECTIVITY = "connectivity", _("Connectivity support")
    CHILDCARE = "childcare", _("Childcare")
    VENUE = "venue", _("A venue")
    TRAVEL = "travel", _("Travel")
    EQUIPMENT = "equipment", _("Equipment")
    MENTORING = "mentoring", _("More mentoring")


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Under way")
        PAUSED = "paused", _("Paused")
        DONE = "done", _("Completed")

    class Visibility(models.TextChoices):
        COHORT = "cohort", _("My cohort, my mentor and the organisers")
        MENTORS = "mentors", _("Only my mentor and the organisers")

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="plan")
    title = models.CharField(_("initiative"), max_length=200)
    goal = models.TextField(
        _("goal"), validators=[MaxLengthValidator(TEXT_LIMIT)], help_text=_("Markdown is allowed.")
    )
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=20,
        blank=True,
        validators=[validate_language_tag],
        help_text=_("e.g. sw, fr, ar"),
    )
    resources = models.JSONField(_("resources needed"), default=list, blank=True)
    resources_note = models.CharField(_("other resources"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    visibility = models.CharField(
        _("who can see the plan"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.COHORT,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["member__user__username", "pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:plan", kwargs={"pk": self.member.programme_id, "plan_id": self.pk})

    def resource_labels(self) -> list[str]:
        labels = dict(Resource.choices)
        return [str(labels[code]) for code in self.resources if code in labels]


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class PlanNote(models.Model):
    """An update by the plan's author, or a comment by their mentor or an organiser."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("Update")
        COMMENT = "comment", _("Comment")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_plan_notes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    body = models.TextField(
        _("text"), validators=[MaxLengthValidator(TEXT_LIMIT)], help_text=_("Markdown is allowed.")
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("plan update or comment")
        verbose_name_plural = _("plan updates and comments")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url() + f"#note-{self.pk}"


class KeyResult(models.Model):
    """A target, measured live by a named measure (see measures.py) or entered by hand."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="key_results")
    title = models.CharField(_("key result"), max_length=200)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. organisers, communities"))
    deadline = models.DateField(_("deadline"))
    measure = models.CharField(
        _("measured by"),
        max_length=40,
        blank=True,
        help_text=_("Empty: the value is entered by hand."),
    )
    manual_value = models.DecimalField(
        _("current value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    source_note = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("For a value entered by hand: where it comes from."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("key result")
        verbose_name_plural = _("key results")

    def __str__(self) -> str:
        return self.title

    @property
    def is_manual(self) -> bool:
        return not self.measure


class Snapshot(models.Model):
    """A key result's value on one day: the report's trend line."""

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(_("day"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["taken_on"]
        constraints = [
            models.UniqueConstraint(fields=["key_result", "taken_on"], name="one_snapshot_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.key_result_id} {self.taken_on}: {self.value}"


class SupportRequest(models.Model):
    class Kind(models.TextChoices):
        CONNECTIVITY = "connectivity", _("Connectivity data bundle")
        CHILDCARE = "childcare", _("Childcare")
        TRAVEL = "travel", _("Travel")
        GRANT = "grant", _("Mentoring grant")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="support_requests")
    kind = models.CharField(_("support"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        validators=[validate_currency],
        help_text=_("ISO 4217 code, e.g. KES, NGN, XOF, EUR."),
    )
    reason = models.TextField(_("reason"), validators=[MaxLengthValidator(2000)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"
