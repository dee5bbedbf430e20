"""Quizzes: questions of four kinds, options with feedback; graded by kuza.learning.grading."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuza.learning.models.courses import ArchivableContent, Course, Lesson


class Quiz(ArchivableContent):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="quizzes")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Markdown, shown once the quiz is passed.")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 for no limit.")
    )
    # Hints (Markdown), revealed one at a time on request: Open edX demand hints.
    hints = models.JSONField(_("hints"), default=list, blank=True)
    olx_key = models.CharField(_("Open edX key"), max_length=300, blank=True, default="")
    # The Open edX response type(s) an imported quiz came from, e.g. "optionresponse".
    source_type = models.CharField(_("imported type"), max_length=60, blank=True, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "olx_key"],
                condition=~Q(olx_key=""),
                name="learning_quiz_olx_key",
            ),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="learning_pass_mark"),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Short text")
        NUMERIC = "numeric", _("Number")

    class ToleranceKind(models.TextChoices):
        ABSOLUTE = "absolute", _("Absolute")
        PERCENT = "percent", _("Percent")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"), default=0)
    # Names the question's texts for translators ("q<unit_key>"); unlike the position it stays
    # when questions are moved or removed, so each translation stays with its question.
    unit_key = models.PositiveIntegerField(_("translation key"), default=0, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    prompt = models.TextField(_("question"), help_text=_("Markdown."), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    # Short text: accepted answers, and feedback for anticipated wrong ones {answer: feedback}.
    accepted_answers = models.JSONField(_("accepted answers"), default=list, blank=True)
    wrong_answer_feedback = models.JSONField(
        _("feedback on wrong answers"), default=dict, blank=True
    )
    case_sensitive = models.BooleanField(_("case-sensitive"), default=False)
    accent_insensitive = models.BooleanField(_("ignore accents"), default=False)
    regex = models.BooleanField(_("answers are regular expressions"), default=False)
    # Numeric
    numeric_answer = models.FloatField(_("answer"), null=True, blank=True)
    tolerance = models.FloatField(_("tolerance"), default=0)
    tolerance_kind = models.CharField(
        _("tolerance kind"), max_length=10, choices=ToleranceKind.choices, default="absolute"
    )
    # Multiple choice: [{"options": [positions], "feedback": text}] for exact tick sets.
    combination_feedback = models.JSONField(_("feedback on combinations"), default=list, blank=True)
    correct_feedback = models.TextField(_("feedback when right"), blank=True)
    # Text and number questions: shown right after the answer box, e.g. "%" or "kg".
    answer_unit = models.CharField(_("text after the answer box"), max_length=100, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="numeric") | Q(numeric_answer__isnull=False),
                name="learning_numeric_question_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.prompt[:80] or self.get_kind_display()

    @property
    def field_name(self) -> str:
        return f"q{self.position}"

    @property
    def unit_prefix(self) -> str:
        """The start of the translation unit keys of this question's texts."""
        return f"q{self.unit_key or self.position}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(_("position"), default=0)
    unit_key = models.PositiveIntegerField(_("translation key"), default=0, editable=False)
    text = models.CharField(_("text"), max_length=1000)
    correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback when chosen"), blank=True)
    feedback_unselected = models.TextField(_("feedback when not chosen"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return str(self.position)

    @property
    def unit_suffix(self) -> str:
        return f"o{self.unit_key or self.position}"
