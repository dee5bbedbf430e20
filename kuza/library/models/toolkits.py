"""Toolkits (ordered steps with checklists) and the plans organisers start from them.

A plan copies the toolkit's steps and items when it starts, so that editing a toolkit later
never changes a plan a team is already working through.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kuza.library.models.resources import validate_language_tag


class Toolkit(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    language = models.CharField(_("language"), max_length=35, validators=[validate_language_tag])
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    licence = models.CharField(_("licence"), max_length=100, default="CC BY-SA 4.0")
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="library_one_toolkit_translation"
            ),
        ]
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:toolkit", args=[self.slug])


class ToolkitStep(models.Model):
    toolkit = models.ForeignKey(Toolkit, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("guidance"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("toolkit step")
        verbose_name_plural = _("toolkit steps")

    def __str__(self) -> str:
        return self.title


class ToolkitItem(models.Model):
    step = models.ForeignKey(ToolkitStep, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("checklist item"), max_length=300)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class Plan(models.Model):
    """A team's own copy of a toolkit, for one event or project."""

    toolkit = models.ForeignKey(
        Toolkit,
        on_delete=models.SET_NULL,
        null=True,
        related_name="plans",
        verbose_name=_("toolkit"),
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="library_plans_owned",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:plan", args=[self.pk])


class PlanMember(models.Model):
    """Someone on a plan's team; the owner is a member too. Only the team sees the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_plan_memberships"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="library_one_plan_membership"),
        ]
        verbose_name = _("plan team member")
        verbose_name_plural = _("plan team members")

    def __str__(self) -> str:
        return f"{self.user} in {self.plan_id}"


class PlanStep(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("guidance"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_plan_steps",
        verbose_name=_("assigned to"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")

    def __str__(self) -> str:
        return self.title


class PlanItem(models.Model):
    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("checklist item"), max_length=300)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("plan checklist item")
        verbose_name_plural = _("plan checklist items")

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
