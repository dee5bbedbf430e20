"""Mentorship requests, mentorships with check-ins and feedback, rounds, notifications, swaps.

State machines (enforced in `services`, never by editing fields directly):

- MentorshipRequest: open -> proposed (a mentor was asked) -> matched (the mentor accepted);
  back to open when the mentor declines or the mentorship is cancelled before it starts;
  closed when the learner withdraws it.
- Mentorship: requested -> active -> completed; requested -> declined; requested or active ->
  cancelled.
- MentorshipRound: open (collecting requests) -> computed (assignment ready, can be recomputed)
  -> sent (each assignment became a requested mentorship).
- SwapExchange: proposed -> confirmed (everyone said yes) or dissolved (someone said no; the
  others go back to the pool).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DEFAULT_CAPACITY = 2
MAX_CAPACITY = 20
TEXT_LIMIT = 2000


class MentorSettings(models.Model):
    """How many people someone is willing to mentor at once (0 pauses new requests)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_settings"
    )
    capacity = models.PositiveSmallIntegerField(
        _("how many people I can mentor at once"),
        default=DEFAULT_CAPACITY,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text=_("0 pauses new requests; your current mentorships go on."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mentor settings")
        verbose_name_plural = _("mentor settings")

    def __str__(self) -> str:
        return f"{self.user} ({self.capacity})"


class Format(models.TextChoices):
    CHAT = "chat", _("Chat messages")
    CALLS = "calls", _("Video or phone calls")
    ON_WIKI = "on_wiki", _("On the wiki (talk pages)")


class TimeFrame(models.TextChoices):
    ONE_MONTH = "1m", _("About a month")
    THREE_MONTHS = "3m", _("About three months")
    SIX_MONTHS = "6m", _("About six months")


class MentorshipRound(models.Model):
    """An organisation's round: learners submit requests, organisers assign them all at once."""

    class Status(models.TextChoices):
        OPEN = "open", _("Collecting requests")
        COMPUTED = "computed", _("Assignment computed")
        SENT = "sent", _("Proposals sent")

    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.CASCADE,
        related_name="mentorship_rounds",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=150)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    request_count = models.PositiveIntegerField(_("requests"), default=0)
    served_count = models.PositiveIntegerField(_("learners served"), default=0)
    total_score = models.FloatField(_("total match score"), default=0.0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mentorship round")
        verbose_name_plural = _("mentorship rounds")

    def __str__(self) -> str:
        return self.title


class MentorshipRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Looking for a mentor")
        PROPOSED = "proposed", _("Waiting for the mentor's answer")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorship_requests"
    )
    skill = models.ForeignKey(
        "skills.Skill", on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    goals = models.TextField(_("goals"), validators=[MaxLengthValidator(TEXT_LIMIT)])
    # Normalised language tags, in order of preference.
    languages = models.JSONField(_("preferred languages"), default=list, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    time_frame = models.CharField(_("time frame"), max_length=4, choices=TimeFrame.choices)
    round = models.ForeignKey(
        MentorshipRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("round"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["learner", "status"], name="mentorship_request_learner")]
        verbose_name = _("mentorship request")
        verbose_name_plural = _("mentorship requests")

    def __str__(self) -> str:
        return f"{self.learner} – {self.skill}"


class Mentorship(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the mentor")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.REQUESTED, Status.ACTIVE)

    request = models.ForeignKey(
        MentorshipRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    round = models.ForeignKey(
        MentorshipRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_learner"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    skill = models.ForeignKey(
        "skills.Skill", on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    goals = models.TextField(
        _("agreed goals"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(learner=models.F("mentor")), name="mentorship_not_self"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["requested", "active"]),
                name="one_open_mentorship_per_request",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="mentorship_mentor_status"),
            models.Index(fields=["learner", "status"], name="mentorship_learner_status"),
        ]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")

    def __str__(self) -> str:
        return f"{self.mentor} → {self.learner} ({self.skill})"

    def is_party(self, user) -> bool:
        return user is not None and user.pk in (self.learner_id, self.mentor_id)


class CheckIn(models.Model):
    """A dated note in a mentorship; only its two people ever see it."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="checkins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), validators=[MaxLengthValidator(TEXT_LIMIT)])
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.mentorship_id} {self.date}"


class Feedback(models.Model):
    """One side's view of a completed mentorship; ratings of mentors feed suggestions."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(
        _("comment"), blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "author"], name="one_feedback_per_side"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.mentorship_id} by {self.author_id}: {self.rating}"


class RoundAssignment(models.Model):
    """One learner-mentor pair of a computed round, with the reasons behind its score."""

    round = models.ForeignKey(MentorshipRound, on_delete=models.CASCADE, related_name="assignments")
    request = models.ForeignKey(MentorshipRequest, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    # [[code, detail], ...] as given by kuza.mentorship.matching.
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "request"], name="one_assignment_per_request")
        ]
        verbose_name = _("round assignment")
        verbose_name_plural = _("round assignments")

    def __str__(self) -> str:
        return f"{self.round_id}: {self.request_id} → {self.mentor_id}"


class Notification(models.Model):
    """An in-app notice; the text is written from `kind` and `params` in the reader's language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorship_notifications"
    )
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="mentorship_notice_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


# --- Swaps -----------------------------------------------------------------------------------


class SwapPoolEntry(models.Model):
    """A person's place in the swap pool: what they can teach, what they want to learn."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the next run")
        PROPOSED = "proposed", _("In a proposed exchange")
        MATCHED = "matched", _("In a confirmed exchange")
        LEFT = "left", _("Left the pool")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="swap_entry"
    )
    offers = models.ManyToManyField(
        "skills.Skill", related_name="+", verbose_name=_("skills I can teach")
    )
    wants = models.ManyToManyField(
        "skills.Skill", related_name="+", verbose_name=_("skills I want to learn")
    )
    languages = models.JSONField(_("languages"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"], name="swap_entry_status")]
        verbose_name = _("swap pool entry")
        verbose_name_plural = _("swap pool entries")

    def __str__(self) -> str:
        return f"{self.user} ({self.status})"


class SwapRound(models.Model):
    """One run of the swap planner over everyone waiting in the pool."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    pool_size = models.PositiveIntegerField(_("people in the pool"), default=0)
    people_served = models.PositiveIntegerField(_("people served"), default=0)
    people_upper_bound = models.PositiveIntegerField(null=True, blank=True)
    method = models.CharField(_("method"), max_length=30, blank=True)
    proven_optimal = models.BooleanField(_("proven optimal"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("swap round")
        verbose_name_plural = _("swap rounds")

    def __str__(self) -> str:
        return f"Swap round {self.pk}"


class SwapExchange(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for everyone to confirm")
        CONFIRMED = "confirmed", _("Confirmed")
        DISSOLVED = "dissolved", _("Dissolved")

    round = models.ForeignKey(SwapRound, on_delete=models.CASCADE, related_name="exchanges")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("swap exchange")
        verbose_name_plural = _("swap exchanges")

    def __str__(self) -> str:
        return f"Exchange {self.pk} ({self.status})"


class SwapMember(models.Model):
    """One step of an exchange: `user` teaches `receiver` one of `skill_ids`."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    exchange = models.ForeignKey(SwapExchange, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="swap_memberships"
    )
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField()
    skill_ids = models.JSONField(default=list)
    shared_languages = models.JSONField(default=list)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["exchange", "position"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "user"], name="one_step_per_member"),
        ]
        verbose_name = _("exchange member")
        verbose_name_plural = _("exchange members")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.receiver_id}"


class SwapOutcome(models.Model):
    """What one swap round did for one person of the pool, and why (shown on the pool page)."""

    class Reason(models.TextChoices):
        PROPOSED = "proposed", _("An exchange was proposed to you.")
        # The pure core's reasons (kuza.mentorship.swap_reasons.UnservedReason):
        NO_TEACHER = "no_teacher", _("Nobody in the pool offers a skill you want to learn.")
        NO_LEARNER = "no_learner", _("Nobody in the pool wants to learn a skill you offer.")
        NO_LANGUAGE = (
            "no_language",
            _("The people who could teach you, or learn from you, share no language with you."),
        )
        NO_EXCHANGE = (
            "no_exchange",
            _(
                "You could teach someone and learn from someone, but no exchange of two or three "
                "people closes around you."
            ),
        )
        OTHERS_CHOSEN = (
            "others_chosen",
            _(
                "An exchange with you was possible, but its people were placed in other exchanges "
                "that serve more people together."
            ),
        )
        POOL_CHANGED = (
            "pool_changed",
            _(
                "Someone in the exchange planned for you left the pool or became unavailable while "
                "the round ran."
            ),
        )

    round = models.ForeignKey(SwapRound, on_delete=models.CASCADE, related_name="outcomes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="swap_outcomes"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    exchange = models.ForeignKey(
        SwapExchange, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-round__created_at", "-round_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_outcome_per_round"),
        ]
        verbose_name = _("swap outcome")
        verbose_name_plural = _("swap outcomes")

    def __str__(self) -> str:
        return f"{self.round_id}: {self.user_id} {self.reason}"
