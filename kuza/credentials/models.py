"""Open Badges 2.0: issuers, badge classes, award rules and assertions (hosted verification).

Every public document is addressed by a random UUID, never by a database id, so that URLs stay
stable across database moves and cannot be enumerated.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuza.core import achievements


class Issuer(models.Model):
    """Who stands behind a badge: the platform itself, or one organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    is_platform = models.BooleanField(_("platform issuer"), default=False)
    organisation = models.OneToOneField(
        "people.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="badge_issuer",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(
        _("web site"), blank=True, help_text=_("Empty: the issuer's page on Kuza.")
    )
    email = models.EmailField(_("contact email"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-is_platform", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_platform"], condition=Q(is_platform=True), name="one_platform_issuer"
            ),
            models.CheckConstraint(
                condition=Q(is_platform=True, organisation__isnull=True)
                | Q(is_platform=False, organisation__isnull=False),
                name="issuer_is_platform_or_organisation",
            ),
        ]
        verbose_name = _("badge issuer")
        verbose_name_plural = _("badge issuers")

    def __str__(self) -> str:
        return self.name


class BadgeClass(models.Model):
    """A kind of achievement an issuer recognises."""

    class ImageKind(models.TextChoices):
        GENERATED = "generated", _("Generated")
        PNG = "png", _("PNG")
        SVG = "svg", _("SVG")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="badge_classes")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000)
    criteria = models.TextField(
        _("criteria"), max_length=5000, help_text=_("What earns this badge. Markdown.")
    )
    image = models.FileField(_("image"), upload_to="badges/classes/", blank=True)
    image_kind = models.CharField(
        max_length=10, choices=ImageKind.choices, default=ImageKind.GENERATED
    )
    alignments = models.JSONField(
        _("aligned skills"),
        default=list,
        blank=True,
        help_text=_("Open Badges alignment objects: targetName and targetUrl."),
    )
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for badges that never expire."),
    )
    is_certificate = models.BooleanField(
        _("certificate"),
        default=False,
        help_text=_("Holders can download a PDF certificate."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("badge class")
        verbose_name_plural = _("badge classes")

    def __str__(self) -> str:
        return self.name


class AwardRule(models.Model):
    """When an achievement emitted by another app earns a badge automatically.

    `target_key` names what must be achieved in the emitting app's own terms (a course slug,
    "<course slug>/<cohort slug>", a campaign slug), picked from the targets that app
    describes (kuza.core.achievements); empty means any. `threshold` is the least value (for example
    contributions to a campaign) that earns the badge.
    """

    class Kind(models.TextChoices):
        # The kinds of the achievements event (kuza.core.achievements).
        COURSE_COMPLETED = achievements.COURSE_COMPLETED, _("Course completed")
        COHORT_COMPLETED = achievements.COHORT_COMPLETED, _("Cohort completed")
        MENTORSHIP_COMPLETED_MENTOR = (
            achievements.MENTORSHIP_COMPLETED_MENTOR,
            _("Mentorship completed as mentor"),
        )
        MENTORSHIP_COMPLETED_LEARNER = (
            achievements.MENTORSHIP_COMPLETED_LEARNER,
            _("Mentorship completed as learner"),
        )
        CAMPAIGN_PARTICIPATION = achievements.CAMPAIGN_PARTICIPATION, _("Campaign participation")

    badge_class = models.ForeignKey(BadgeClass, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    target_key = models.CharField(
        _("what must be achieved"),
        max_length=200,
        blank=True,
        help_text=_("The course, cohort or campaign identifier; empty means any."),
    )
    threshold = models.PositiveIntegerField(
        _("threshold"),
        null=True,
        blank=True,
        help_text=_("For campaigns: the least number of contributions."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["badge_class", "kind", "target_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["badge_class", "kind", "target_key"], name="one_rule_per_target"
            ),
        ]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")

    def __str__(self) -> str:
        return f"{self.badge_class}: {self.get_kind_display()} {self.target_key}".strip()


class Assertion(models.Model):
    """One badge awarded to one person for one achievement.

    The recipient is published only as a salted SHA-256 hash of their email address, so the
    hosted JSON can be fetched by anyone who holds its URL without revealing who holds it.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(BadgeClass, on_delete=models.PROTECT, related_name="assertions")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="badge_assertions",
    )
    recipient_identity = models.CharField(max_length=80)
    recipient_salt = models.CharField(max_length=40)
    achievement_key = models.CharField(_("achievement"), max_length=200)
    rule = models.ForeignKey(
        AwardRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="assertions"
    )
    issued_on = models.DateTimeField(_("issued on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence"), blank=True)
    narrative = models.TextField(_("narrative"), blank=True, max_length=2000)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_public = models.BooleanField(_("public"), default=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["badge_class", "recipient", "achievement_key"],
                name="one_assertion_per_achievement",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "-issued_on"])]
        verbose_name = _("badge assertion")
        verbose_name_plural = _("badge assertions")

    def __str__(self) -> str:
        return f"{self.badge_class} → {self.recipient_id}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())
