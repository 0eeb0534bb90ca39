from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts.selectors import member_of
from lanting.favorites import selectors, services
from lanting.favorites.models import Favorite
from lanting.forum.models import Board, Thread
from lanting.portal.models import Article

MODELS: dict[str, type[Thread] | type[Article] | type[Board]] = {
    Favorite.Kind.THREAD: Thread,
    Favorite.Kind.ARTICLE: Article,
    Favorite.Kind.BOARD: Board,
}


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
def favorite_list(request: HttpRequest) -> HttpResponse:
    """我的收藏: the member's favourites, newest first, one kind at a time or all."""
    kind = request.GET.get("kind")
    kind = kind if kind in Favorite.Kind.values else None
    page = selectors.favorites_page(member_of(request), kind, request.GET.get("page"))
    return render(
        request,
        "favorites/list.html",
        {"page": page, "kind": kind, "kinds": Favorite.Kind.choices},
    )


@require_POST
def add(request: HttpRequest, kind: str, object_id: int) -> HttpResponse:
    model = MODELS.get(kind)
    item = model.objects.filter(pk=object_id).first() if model is not None else None
    if item is None:
        raise Http404
    back = item.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        services.add_favorite(member=member_of(request), item=item)
    except services.Refused as refusal:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": refusal.message}, status=400)
        if services.favorite_refusal(member_of(request), item):
            raise PermissionDenied(refusal.message) from None  # not theirs to see: the 403 page
        messages.info(request, refusal.message)
        return redirect(back)
    count = type(item).objects.values_list("favorite_count", flat=True).get(pk=item.pk)
    said = _("Added to your favourites.")
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": said, "counts": {"favorites": count}})
    messages.success(request, said)
    return redirect(back)


@require_POST
@login_required
def remove(request: HttpRequest, favorite_id: int) -> HttpResponse:
    back = request.POST.get("next", "")
    if not back.startswith(reverse("favorites:list")):
        back = reverse("favorites:list")
    try:
        services.remove_favorite(member=member_of(request), favorite_id=favorite_id)
    except services.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Removed from your favourites."))
    return redirect(back)
