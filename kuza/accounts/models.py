from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Kuza's user; the person behind it is described by people.Profile."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Every list of people leaves out the few inactive (suspended, deleted) accounts: this
        # index holds only them, so that subquery never reads every account.
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(is_active=False), name="accounts_user_inactive"
            )
        ]


class CodeOfConduct(models.Model):
    """One published version of the code of conduct; the highest version is current."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("code of conduct version")
        verbose_name_plural = _("code of conduct versions")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class ConductAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conduct_acceptances"
    )
    conduct = models.ForeignKey(CodeOfConduct, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("accepted at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "conduct"], name="one_acceptance_per_version"),
        ]
        verbose_name = _("code of conduct acceptance")
        verbose_name_plural = _("code of conduct acceptances")

    def __str__(self) -> str:
        return f"{self.user} accepted v{self.conduct.version}"


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the secret is shown once, at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
