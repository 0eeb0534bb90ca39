import ipaddress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts import permissions
from lanting.accounts.selectors import member_by_username, member_of
from lanting.forum import permissions as forum_permissions
from lanting.moderation import selectors, services
from lanting.moderation.forms import BanForm
from lanting.moderation.models import Ban
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
