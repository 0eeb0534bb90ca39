from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lanting.accounts.selectors import member_of
from lanting.notifications import mailing, selectors, services
from lanting.notifications import watching as watches
from lanting.notifications.forms import MailPreferenceForm
from lanting.notifications.models import Notification, Watch
from lanting.pagecache.members import personal_page


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    member = member_of(request)

    def page() -> HttpResponse:
        groups = selectors.grouped(member.pk)
        unread = sum(1 for group in groups if group.unread)
        context = {"groups": groups, "unread_groups": unread}
        return render(request, "notifications/list.html", context)

    # Kept for this member until a notice of theirs comes, is read, or a watch changes.
    return personal_page(request, "notifications", [selectors.notices_tag(member.pk)], page)


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


@login_required
def mail_settings(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    form = MailPreferenceForm(mailing.preference_for(member.pk), request.POST or None)
    if request.method == "POST" and form.is_valid():
        mailing.save_preferences(
            member_id=member.pk,
            kinds=form.kinds(),
            digest=form.cleaned_data["digest"],
            watch_started=form.cleaned_data["watch_started"],
            watch_replied=form.cleaned_data["watch_replied"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def watching(request: HttpRequest) -> HttpResponse:
    rows = list(watches.watches_of(member_of(request).pk))
    return render(
        request,
        "notifications/watching.html",
        {
            "threads": [row for row in rows if row.thread_id],
            "boards": [row for row in rows if row.board_id],
            "modes": Watch.Mode.choices,
        },
    )


def _back(request: HttpRequest) -> HttpResponse:
    """To the page the button was on (``next``), else the watching list."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:watching")


def _target(request: HttpRequest) -> tuple[str, int]:
    target, raw = request.POST.get("target", ""), request.POST.get("id", "")
    if target not in watches.TARGETS or not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ValidationError(_("There is nothing like that to watch."))
    return target, int(raw)


@require_POST
@login_required
def watch(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    try:
        target, target_id = _target(request)
        row = watches.watch(
            member=member,
            target=target,
            target_id=target_id,
            mode=request.POST.get("mode", Watch.Mode.INSTANT),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if row.mode == Watch.Mode.DIGEST:
            messages.success(request, _("Watching: new posts come to you in the daily digest."))
        else:
            messages.success(request, _("Watching: you will be told of each new post at once."))
    return _back(request)


@require_POST
@login_required
def unwatch(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    try:
        target, target_id = _target(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request)
    if watches.unwatch(member_id=member.pk, target=target, target_id=target_id):
        messages.success(request, _("You no longer watch it."))
    else:
        messages.info(request, _("You were not watching it."))
    return _back(request)


def _scope_words(scope: str) -> dict[str, Any]:
    """What an unsubscribe link stops, for its page."""
    from lanting.forum.models import Board, Thread

    prefix, _sep, rest = scope.partition(":")
    if prefix == "thread":
        thread = Thread.objects.filter(pk=int(rest)).first()
        return {"what": "thread", "name": thread.title if thread else ""}
    if prefix == "board":
        board = Board.objects.filter(pk=int(rest)).first()
        return {"what": "board", "name": board.name if board else ""}
    if prefix == "kind":
        return {"what": "kind", "name": Notification.Kind(rest).label}
    return {"what": "digest", "name": ""}


@csrf_exempt  # the signed link is the proof; mail programs POST it without a form (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        member_id, scope = mailing.read_token(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"token": token, **_scope_words(scope)}
    if request.method == "POST":
        mailing.unsubscribe(member_id=member_id, scope=scope)
        return render(request, "notifications/unsubscribe.html", {**context, "done": True})
    return render(request, "notifications/unsubscribe.html", context)
