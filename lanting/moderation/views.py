import ipaddress
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts import permissions
from lanting.accounts.selectors import member_by_username, member_of
from lanting.forum import permissions as forum_permissions
from lanting.moderation import purge as purge_service
from lanting.moderation import queue, selectors, services, targets
from lanting.moderation.forms import BanForm, ReportForm
from lanting.moderation.models import Ban, Purge, QueueEntry
from lanting.pagecache.guests import cached_for_guests, show_on_page


@cached_for_guests
def darkroom(request: HttpRequest) -> HttpResponse:
    show_on_page(request, "bans")
    return render(
        request,
        "moderation/darkroom.html",
        {"page": selectors.darkroom_page(request.GET.get("page"))},
    )


@require_POST
@login_required
def ban(request: HttpRequest, username: str) -> HttpResponse:
    member = member_by_username(username)
    moderator = member_of(request)
    form = BanForm(request.POST, allow_visit=permissions.is_moderator(moderator))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(member)
    try:
        services.ban_member(
            member=member,
            moderator=moderator,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            until=form.until(),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as error:
        raise PermissionDenied(str(error)) from None
    else:
        messages.success(request, _("%(name)s is banned.") % {"name": member.username})
    return redirect(member)


@require_POST
@login_required
def lift(request: HttpRequest, ban_id: int) -> HttpResponse:
    current = get_object_or_404(Ban, pk=ban_id)
    moderator = member_of(request)
    services.lift_ban(ban=current, moderator=moderator)
    messages.success(request, _("The ban is lifted."))
    return redirect(current.member if current.member else "moderation:darkroom")


def _target(label: str, object_id: int) -> tuple[Any, targets.TargetKind]:
    kind = targets.kind_for_label(label)
    model = apps.get_model(label) if kind is not None and "." in label else None
    if kind is None or model is None:
        raise Http404
    target = model._default_manager.filter(pk=object_id).first()
    if target is None:
        raise Http404
    return target, kind


def report(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    """举报: a member says what is wrong with a post, comment or profile."""
    target, kind = _target(label, object_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    member = member_of(request)
    if not kind.visible_to(target, member):
        raise Http404
    described = kind.describe(target)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                queue.report_content(
                    target=target,
                    reporter=member,
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Thank you. Your report went to the moderators; you will hear the outcome."),
                )
                return redirect(described.url or "/")
    context = {"form": form, "described": described}
    return render(request, "moderation/report.html", context, status=status)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request)


def _queue_page(
    request: HttpRequest,
    *,
    kind: str = "",
    errors: dict[int, str] | None = None,
    typed: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    member = member_of(request)
    if not selectors.may_see_queue(member):
        raise PermissionDenied(
            _("The review queue is for moderators. To tell them about a post, use its Report link.")
        )
    kind = kind or request.GET.get("kind", QueueEntry.Kind.PENDING)
    if kind not in QueueEntry.Kind.values:
        kind = QueueEntry.Kind.PENDING
    page = selectors.queue_entries(member, kind=kind, page_number=request.GET.get("page"))
    for entry in page.object_list:  # a refused action's answer, by its entry, reason kept
        entry.error = (errors or {}).get(entry.pk, "")
        entry.typed = (typed or {}).get(entry.pk, "")
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "kind": kind,
            "counts": selectors.queue_counts(member),
            "can_purge": permissions.is_moderator(member),
        },
        status=status,
    )


@require_POST
@login_required
def queue_act(request: HttpRequest, entry_id: int) -> HttpResponse:
    member = member_of(request)
    if not selectors.may_see_queue(member):
        raise PermissionDenied(_("The review queue is for moderators."))
    entry = get_object_or_404(QueueEntry, pk=entry_id)
    action, reason = request.POST.get("action", ""), request.POST.get("reason", "")
    try:
        queue.resolve_entry(entry=entry, moderator=member, action=action, reason=reason)
    except ValidationError as error:
        return _queue_page(
            request,
            kind=entry.kind,
            errors={entry.pk: " ".join(error.messages)},
            typed={entry.pk: reason},
            status=400,
        )
    messages.success(request, _("Done: %(title)s") % {"title": entry.title or entry.excerpt[:40]})
    back = reverse("moderation:queue")
    return redirect(f"{back}?kind={entry.kind}")


@login_required
def purge(request: HttpRequest, username: str) -> HttpResponse:
    """Preview everything of a member's that a purge takes away; confirm to do it."""
    member = member_by_username(username)
    moderator = member_of(request)
    preview = purge_service.preview_purge(member=member, moderator=moderator)
    reason, status = request.POST.get("reason", ""), 200
    if request.method == "POST":
        try:
            purge_service.purge_member(
                member=member,
                moderator=moderator,
                reason=reason,
                ban_addresses=request.POST.get("ban_addresses") == "on",
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            status = 400
        else:
            messages.success(
                request,
                _("%(name)s is purged: banned, and %(n)d items went to the recycle bin.")
                % {"name": member.username, "n": preview.total},
            )
            return redirect("moderation:purges")
    context = {"preview": preview, "reason": reason}
    return render(request, "moderation/purge.html", context, status=status)


@login_required
def purges(request: HttpRequest) -> HttpResponse:
    moderator = member_of(request)
    if not permissions.is_moderator(moderator):
        raise PermissionDenied(_("Only super moderators and the staff may see purges."))
    return render(
        request,
        "moderation/purges.html",
        {"purges": purge_service.recent_purges(), "days": purge_service.UNDO_DAYS},
    )


@require_POST
@login_required
def purge_undo(request: HttpRequest, purge_id: int) -> HttpResponse:
    record = get_object_or_404(Purge, pk=purge_id)
    try:
        purge_service.undo_purge(record=record, moderator=member_of(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The purge of %(name)s is undone.") % {"name": record.member})
    return redirect("moderation:purges")


@login_required
def address(request: HttpRequest, address: str) -> HttpResponse:
    """An IP address a post came from, and every account that wrote from it (moderators)."""
    try:
        ip = str(ipaddress.ip_address(address))
    except ValueError:
        raise Http404 from None
    boards = forum_permissions.moderated_board_ids(request.user)
    if boards is not None and not boards:
        raise PermissionDenied(_("Only moderators may see where posts were written from."))
    return render(
        request,
        "moderation/address.html",
        {
            "address": ip,
            "accounts": selectors.accounts_at_address(ip, boards),
            "everywhere": boards is None,
            "may_ban": request.user.is_staff,
        },
    )
