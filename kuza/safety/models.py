"""Personal safety and moderation: blocks, preferences, reports, actions and their audit log.

Confidentiality: a report's `reporter` is read only by moderators who may handle the report
(see `kuza.safety.permissions`); nothing shown to the reported person or to other members
carries it, and moderators' replies to the reporter are signed "the moderators".
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Block(models.Model):
    """`blocker` never wants to hear from, find, or be matched with `blocked` again."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="no_self_block"
            ),
        ]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self) -> str:
        return f"{self.blocker} blocks {self.blocked}"


class SafetyPreferences(models.Model):
    """What a member keeps out of public view; read by leaderboards and the map."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_preferences"
    )
    hide_from_leaderboards = models.BooleanField(
        _("leave me out of leaderboards"),
        default=False,
        help_text=_("Campaign and learning rankings will not show your name."),
    )
    hide_from_map = models.BooleanField(
        _("leave me out of the map"),
        default=False,
        help_text=_("You will not be counted on the capacity map."),
    )

    class Meta:
        verbose_name = _("safety preferences")
        verbose_name_plural = _("safety preferences")
        # The capacity map leaves out the few who chose to: read from an index of them alone.
        indexes = [
            models.Index(
                fields=["user"], condition=models.Q(hide_from_map=True), name="safety_off_the_map"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} safety preferences"


class ModeratorRole(models.Model):
    """A moderator for one organisation's members, or for the whole platform (no organisation)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_roles"
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderator_roles",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for a moderator of the whole platform."),
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="one_moderator_role_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(organisation__isnull=True),
                name="one_platform_moderator_role",
            ),
        ]
        verbose_name = _("moderator role")
        verbose_name_plural = _("moderator roles")

    def __str__(self) -> str:
        return f"{self.user} moderates {self.organisation or 'the platform'}"


class Report(models.Model):
    """A confidential report about a person, a piece of content, a mentorship or an event."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        ACTION_TAKEN = "action_taken", _("Action taken")
        CLOSED = "closed", _("Closed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_made",
    )
    kind = models.CharField(_("kind"), max_length=30)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_snapshot = models.TextField(
        _("what was reported"), help_text=_("Kept as it was when reported.")
    )
    reported_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person concerned"),
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation concerned"),
    )
    description = models.TextField(_("what happened"))
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="report_queue"),
            models.Index(fields=["target_type", "target_id"], name="report_target"),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"Report #{self.pk} ({self.kind})"


class ReportNote(models.Model):
    """An internal note between moderators; never shown to the reporter or the reported."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return f"Note on report #{self.report_id}"


class ReportReply(models.Model):
    """A message from the moderators to the reporter, shown as coming from "the moderators"."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("message to the reporter")
        verbose_name_plural = _("messages to the reporter")

    def __str__(self) -> str:
        return f"Reply on report #{self.report_id}"


class MemberNotice(models.Model):
    """A message from the moderators to a member: a warning or a suspension notice."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        SUSPENSION = "suspension", _("Suspension")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice to a member")
        verbose_name_plural = _("notices to members")

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}"


class HiddenContent(models.Model):
    """Content moderators have hidden; apps ask `selectors.is_hidden` before showing any."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reason = models.TextField(_("reason"))
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("hidden at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="hide_once"),
        ]
        verbose_name = _("hidden content")
        verbose_name_plural = _("hidden content")

    def __str__(self) -> str:
        return f"Hidden {self.content_type_id}:{self.object_id}"


class Suspension(models.Model):
    """A member's account is switched off (`is_active=False`) until lifted or `until` passes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    reason = models.TextField(_("reason"))
    until = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: until a moderator lifts it.")
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("suspended at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["lifted_at", "until"], name="suspension_open")]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self) -> str:
        return f"Suspension of {self.user}"


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a moderation log entry."""


class ModerationLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Moderation log entries cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Moderation log entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly("Moderation log entries cannot be changed.")


class ModerationLogEntry(models.Model):
    """One moderator action, written once and never changed (append-only audit log)."""

    class Action(models.TextChoices):
        STATUS_CHANGED = "status_changed", _("Status changed")
        NOTE_ADDED = "note_added", _("Internal note added")
        REPLY_SENT = "reply_sent", _("Message sent to the reporter")
        WARNED = "warned", _("Member warned")
        CONTENT_HIDDEN = "content_hidden", _("Content hidden")
        CONTENT_SHOWN = "content_shown", _("Content shown again")
        SUSPENDED = "suspended", _("Member suspended")
        SUSPENSION_LIFTED = "suspension_lifted", _("Suspension lifted")
        CONDUCT_PUBLISHED = "conduct_published", _("Code of conduct published")

    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    # The log outlives accounts: ids stay as written (no cascade may rewrite a row), and
    # names are copied so an entry still reads right after an account is deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(_("moderator"), max_length=150)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="log_entries"
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    subject_name = models.CharField(_("member"), max_length=150, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    objects = ModerationLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        base_manager_name = "objects"
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Moderation log entries cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Moderation log entries cannot be deleted.")
