from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FailedJob(models.Model):
    """A job that failed its last attempt: what it was, why, and a way to run it again."""

    task_path = models.CharField(_("job"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    kwargs = models.JSONField(_("keyword arguments"), default=dict)
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    error = models.TextField(_("error"))
    traceback = models.TextField(_("traceback"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True)
    retried_at = models.DateTimeField(_("run again at"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = pgettext_lazy("model", "failed job")
        verbose_name_plural = pgettext_lazy("model", "failed jobs")

    def __str__(self) -> str:
        return self.task_path


class ScheduledRun(models.Model):
    """When a periodic job is next due. Claimed with one UPDATE, so one node enqueues it."""

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = pgettext_lazy("model", "periodic job")
        verbose_name_plural = pgettext_lazy("model", "periodic jobs")

    def __str__(self) -> str:
        return self.name
