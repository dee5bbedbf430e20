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


class DeferredTask(models.Model):
    """A task enqueued while the task queue was unreachable, waiting to be handed to it.

    See kuza/core/taskqueue.py: the scheduler enqueues it on its first pass after the queue is
    back, then deletes the row.
    """

    task_path = models.CharField(_("task"), max_length=255)
    queue_name = models.CharField(_("queue"), max_length=100)
    priority = models.IntegerField(_("priority"), default=0)
    run_after = models.DateTimeField(_("run after"), null=True, blank=True)
    args = models.JSONField(_("arguments"), default=list)
    kwargs = models.JSONField(_("keyword arguments"), default=dict)
    deferred_at = models.DateTimeField(_("deferred at"), auto_now_add=True)
    # Set by the one scheduler that is handing the task over; a claim older than
    # taskqueue.CLAIM_TIMEOUT is taken to belong to a scheduler that died.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("deferred task")
        verbose_name_plural = _("deferred tasks")

    def __str__(self) -> str:
        return self.task_path
