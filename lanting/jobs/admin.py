from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_rq.models import Dashboard

from lanting.jobs.models import FailedJob, ScheduledRun

# django-rq's queue dashboard speaks English only: the failed-jobs list here is the admin's view.
if admin.site.is_registered(Dashboard):
    admin.site.unregister(Dashboard)


@admin.register(FailedJob)
class FailedJobAdmin(admin.ModelAdmin[FailedJob]):
    list_display = ["task_path", "error", "attempts", "failed_at", "retried_at"]
    list_filter = ["task_path"]
    readonly_fields = [f.name for f in FailedJob._meta.fields]
    actions = ["run_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Run the selected jobs again"))
    def run_again(self, request: HttpRequest, queryset: QuerySet[FailedJob]) -> None:
        count = 0
        for failed in queryset:
            try:
                the_task: Any = import_string(failed.task_path)
            except ImportError:
                messages.error(request, _("%(job)s no longer exists.") % {"job": failed.task_path})
                continue
            the_task.enqueue(*failed.args, **failed.kwargs)
            failed.retried_at = timezone.now()
            failed.save(update_fields=["retried_at"])
            count += 1
        if count:
            messages.success(
                request,
                ngettext("%(n)d job queued again.", "%(n)d jobs queued again.", count)
                % {"n": count},
            )


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin[ScheduledRun]):
    list_display = ["name", "last_run_at", "next_run_at"]
    readonly_fields = ["name", "last_run_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
