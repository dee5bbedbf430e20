"""A learner's enrolment in a course, the lessons they read and their quiz attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuza.learning.models.courses import Course, Lesson
from kuza.learning.models.quizzes import Quiz


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(
        "learning.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # "Continue where you left off": the last lesson or quiz page the learner opened.
    last_lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_one_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class LessonRead(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reads")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(_("read"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson read")
        verbose_name_plural = _("lessons read")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} read {self.lesson}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField(_("attempt"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    score = models.FloatField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    # {question position: response} and what grading said, to show the results page again.
    responses = models.JSONField(_("responses"), default=dict)
    results = models.JSONField(_("results"), default=list)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="learning_attempt_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.quiz} #{self.number}"
