from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lanting.accounts.selectors import member_of
from lanting.notifications import selectors, services
from lanting.notifications.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.grouped(member_of(request).pk)
    unread = sum(1 for group in groups if group.unread)
    return render(request, "notifications/list.html", {"groups": groups, "unread_groups": unread})


@login_required
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Read the notice (and the unread ones gathered with it) and go to the post."""
    member = member_of(request)
    notice = get_object_or_404(Notification, pk=notification_id, recipient=member)
    services.mark_group_read(member.pk, notice)
    safe = url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None)
    return redirect(notice.url if safe else "notifications:list")


@require_POST
@login_required
def read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(member_of(request).pk)
    return redirect("notifications:list")


@login_required
def mention_names(request: HttpRequest) -> JsonResponse:
    """Names for the composer's @ autocomplete: active members whose names begin so."""
    names = selectors.names_starting(request.GET.get("q", ""))
    return JsonResponse({"names": names}, headers={"Cache-Control": "private, max-age=60"})
