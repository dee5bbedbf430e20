"""Needs assessment surveys: sections of questions, responses page by page, invitations.

Privacy of anonymous surveys: a response never holds the respondent's account. It holds a
`respondent_key`, a keyed hash (see `kuza.surveys.keys`) of the survey and either the account
id or the single-use invitation token, which is enough to find one's own response again (to
resume it from another device, and to refuse a second one) and nothing more. Invitation
tokens are stored hashed, so a database copy gives no way to answer in someone's name.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    class Audience(models.TextChoices):
        LINK = "link", _("Anyone with the link")
        MEMBERS = "members", _("Members of Kuza")
        ORGANISATION = "organisation", _("Members of an organisation")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(5000)],
        help_text=_("Why you ask and what you will do with the answers. Markdown is allowed."),
    )
    language = models.CharField(
        _("language of the texts"),
        max_length=10,
        default="en",
        help_text=_("The language you write the survey in; translators add the others."),
    )
    audience = models.CharField(
        _("who may answer"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("organisation"),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers are never linked to an account, not even for the organisers."),
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    published = models.BooleanField(_("published"), default=False)
    results_public = models.BooleanField(
        _("share the results once closed"),
        default=False,
        help_text=_(
            "Everyone who may see the survey then sees its charts; free-text answers and the "
            "CSV file stay with the organisers."
        ),
    )
    feeds_capacity_map = models.BooleanField(
        _("show skill needs on the capacity map once closed"), default=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="surveys_created"
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="surveys_organised", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=~Q(audience="organisation") | Q(organisation__isnull=False),
                name="survey_organisation_audience_names_one",
            ),
        ]
        indexes = [models.Index(fields=["published", "closes_at"], name="survey_open")]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return self.published and self.closes_at <= (now or timezone.now())


class Section(models.Model):
    """A group of questions shown on one page."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("Scale from 1 to 5")
        SKILLS = "skills", _("Skills needed and offered")
        COUNTRY = "country", _("Country")
        LANGUAGE = "language", _("Language")
        ORGANISATION = "organisation", _("Organisation")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"))
    scale_low_label = models.CharField(
        _("label of 1"), max_length=60, blank=True, help_text=_("For a scale, e.g. “not at all”.")
    )
    scale_high_label = models.CharField(
        _("label of 5"), max_length=60, blank=True, help_text=_("For a scale, e.g. “very much”.")
    )
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)
    skills = models.ManyToManyField(
        "skills.Skill", blank=True, related_name="survey_questions", verbose_name=_("skills")
    )

    class Meta:
        ordering = ["section__position", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in {self.Kind.SINGLE, self.Kind.MULTIPLE}


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One person's (or one invitation's) answers to a survey, filled in page by page.

    `user` is set only in identified surveys. `country`, `language` and `organisation` are
    the breakdowns of the results, taken at submission from the answers (and, in identified
    surveys only, from the profile when the survey does not ask).
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    next_section = models.PositiveIntegerField(default=0)  # index among the sections
    submitted = models.BooleanField(default=False)
    submitted_on = models.DateField(null=True, blank=True)  # a day, not a time: see keys.py
    country = models.CharField(max_length=2, blank=True)
    language = models.CharField(max_length=35, blank=True)
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="one_response_per_respondent"
            ),
        ]
        indexes = [models.Index(fields=["survey", "submitted"], name="response_submitted")]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One value of an answer: a multiple choice or a skill list is several rows."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, null=True, related_name="+")
    number = models.IntegerField(null=True)  # scale or number
    code = models.CharField(max_length=35, blank=True)  # country code or language tag
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    skill = models.ForeignKey("skills.Skill", on_delete=models.CASCADE, null=True, related_name="+")
    skill_need = models.BooleanField(null=True)  # True: needs it, False: can offer it
    text = models.TextField(blank=True, validators=[MaxLengthValidator(4000)])

    class Meta:
        indexes = [
            models.Index(fields=["question", "option"], name="answer_question_option"),
            models.Index(fields=["skill", "skill_need"], name="answer_skill_need"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class Invitation(models.Model):
    """A member invited by email; remembered so that no one is invited twice."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_invitation_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} → {self.user_id}"


class InvitationToken(models.Model):
    """A single-use link to an anonymous survey, for people without an account.

    Only the SHA-256 of the token is stored; the organiser sees the links once, at creation.
    No time of use is kept, so that a token cannot be matched with a response by time.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.token_hash[:8]}…"
