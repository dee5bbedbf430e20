from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """When a periodic job was last enqueued; shared by every scheduler so a job runs once."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name
