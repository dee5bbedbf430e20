"""Source units of translatable content and their translations, per language.

Any registered model instance (see registry.py) has one TranslatableObject, with one
TranslatableField per declared field. A field's units carry stable keys (keys.py); a
translation stores the hash of the source it was made from, so it becomes outdated, not
lost, when its unit's source changes.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuza.translation.units import UnitKind


class TranslatableObject(models.Model):
    """One instance of a registered model, found by content type and primary key."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    source_language = models.CharField(_("source language"), max_length=20)
    synced_at = models.DateTimeField(_("synced at"))

    class Meta:
        ordering = ["content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_translatable_object"
            ),
        ]
        verbose_name = _("translatable object")
        verbose_name_plural = _("translatable objects")

    def __str__(self) -> str:
        return self.title

    @property
    def model_label(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}"


class TranslatableField(models.Model):
    """One declared field of an object, and what its keys were assigned from."""

    class Format(models.TextChoices):
        MARKDOWN = "markdown", _("Markdown")
        PLAIN = "plain", _("Plain text")
        NAMED = "named", _("Named parts")

    translatable = models.ForeignKey(
        TranslatableObject, on_delete=models.CASCADE, related_name="fields"
    )
    field_name = models.CharField(_("field"), max_length=100)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    last_minted = models.PositiveIntegerField(
        _("last minted key"),
        default=0,
        help_text=_("Highest unit key ever given in this field; deleted keys are never reused."),
    )
    source_fingerprint = models.CharField(
        _("source fingerprint"),
        max_length=64,
        blank=True,
        help_text=_("Digest of the exact source last synced, to skip unchanged saves."),
    )

    class Meta:
        ordering = ["translatable", "field_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["translatable", "field_name"], name="one_field_per_object"
            ),
        ]
        verbose_name = _("translatable field")
        verbose_name_plural = _("translatable fields")

    def __str__(self) -> str:
        return f"{self.translatable} · {self.field_name}"


class SourceUnit(models.Model):
    """A unit of source text with its stable key; removed units keep their translations."""

    field = models.ForeignKey(TranslatableField, on_delete=models.CASCADE, related_name="units")
    key = models.CharField(_("key"), max_length=64)
    text = models.TextField(_("source text"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=[(kind.value, kind.value) for kind in UnitKind]
    )
    source_hash = models.CharField(_("source hash"), max_length=32)
    position = models.PositiveIntegerField(_("position"), default=0)
    removed = models.BooleanField(_("removed"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["field", "position"]
        constraints = [
            models.UniqueConstraint(fields=["field", "key"], name="one_unit_per_key"),
        ]
        indexes = [models.Index(fields=["field", "removed", "position"])]
        verbose_name = _("source unit")
        verbose_name_plural = _("source units")

    def __str__(self) -> str:
        return f"{self.field} #{self.key}"

    @property
    def context(self) -> str:
        """The unit's id in exported PO and XLIFF files: label:object id:field:key."""
        translatable = self.field.translatable
        parts = (translatable.model_label, translatable.object_id, self.field.field_name, self.key)
        return ":".join(str(part) for part in parts)


class UnitTranslation(models.Model):
    """A unit's text in one language, and the hash of the source it was made from."""

    unit = models.ForeignKey(SourceUnit, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=20)
    text = models.TextField(_("translation"))
    source_hash_at_translation = models.CharField(
        _("source hash when translated"), max_length=32, blank=True
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unit_translations",
        verbose_name=_("translator"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "language"], name="one_translation_per_unit"),
        ]
        indexes = [models.Index(fields=["language", "unit"])]
        verbose_name = _("unit translation")
        verbose_name_plural = _("unit translations")

    def __str__(self) -> str:
        return f"{self.unit} [{self.language}]"

    @property
    def is_outdated(self) -> bool:
        return self.source_hash_at_translation != self.unit.source_hash


class TranslatorRole(models.Model):
    """Permission to translate content into one language, granted by an organiser or staff."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_roles"
    )
    language = models.CharField(_("language"), max_length=20)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["language", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "language"], name="one_role_per_language"),
        ]
        verbose_name = _("translator role")
        verbose_name_plural = _("translator roles")

    def __str__(self) -> str:
        return f"{self.user} [{self.language}]"


class InterfaceCorrection(models.Model):
    """A translator's reviewed entry of Kuza's interface catalogs, applied over the shipped one.

    Stored in the database because a release replaces the shipped catalogs: corrections made
    on the site survive every deploy, and each machine writes them out as the first gettext
    catalog it reads (kuza.translation.interface_corrections). Ask a translator to send the
    ones worth keeping upstream: the status page lists them for each language.
    """

    language = models.CharField(_("language"), max_length=20)
    key = models.CharField(
        _("key"), max_length=64, help_text=_("Digest of the entry's context and message id.")
    )
    context = models.TextField(_("context"), blank=True)
    msgid = models.TextField(_("message id"))
    msgid_plural = models.TextField(_("plural message id"), blank=True)
    strings = models.JSONField(_("translation"), help_text=_("One string per plural form."))
    reviewed = models.BooleanField(
        _("reviewed"), default=False, help_text=_("Confirmed by a translator for the language.")
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interface_corrections",
        verbose_name=_("translator"),
    )
    revision = models.PositiveIntegerField(
        _("revision"), help_text=_("The upload that last changed it, counted per language.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["language", "msgid"]
        constraints = [
            models.UniqueConstraint(fields=["language", "key"], name="one_correction_per_entry"),
        ]
        verbose_name = _("interface correction")
        verbose_name_plural = _("interface corrections")

    def __str__(self) -> str:
        return f"{self.msgid[:60]} [{self.language}]"
