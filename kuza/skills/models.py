"""The skill taxonomy: five categories, skills with optional parents, names in every language."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _interface_languages() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]{0,11}$",
    _("Enter a Wikidata item ID such as Q2013: a capital Q followed by digits."),
)


class SkillCategory(models.Model):
    """One of the community's own families of skills (e.g. Technical: tools)."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name (English)"), max_length=100)
    description = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    category = models.ForeignKey(
        SkillCategory, on_delete=models.PROTECT, related_name="skills", verbose_name=_("category")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader skill"),
    )
    name = models.CharField(_("name (English)"), max_length=120)
    description = models.TextField(_("description (English)"), blank=True)
    wikidata_id = models.CharField(
        _("Wikidata item"),
        max_length=13,
        blank=True,
        validators=[wikidata_id_validator],
        help_text=_("Optional, e.g. Q2013 for Wikidata itself."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A skill cannot be inside itself.")})
            ancestor = ancestor.parent


class SkillCategoryTranslation(models.Model):
    category = models.ForeignKey(
        SkillCategory, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10, choices=_interface_languages)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="one_category_name_per_language"
            )
        ]
        verbose_name = _("skill category translation")
        verbose_name_plural = _("skill category translations")

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class SkillTranslation(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=_interface_languages)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "language"], name="one_skill_name_per_language"
            )
        ]
        verbose_name = _("skill translation")
        verbose_name_plural = _("skill translations")

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"
