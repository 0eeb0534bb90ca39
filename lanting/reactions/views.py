from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts.selectors import member_of
from lanting.forum.models import Post
from lanting.portal import selectors as portal_selectors
from lanting.portal.models import Article
from lanting.reactions import services
from lanting.reactions.models import ArticleMood, PostVote
from lanting.reactions.services import Refused

ATTITUDES = {"support": PostVote.Attitude.SUPPORT, "against": PostVote.Attitude.AGAINST}


def wants_json(request: HttpRequest) -> bool:
    """The page's script asked (it answers in place); a plain form gets the page back."""
    return "application/json" in request.headers.get("Accept", "")


def _refused(request: HttpRequest, refusal: Refused, back: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"ok": False, "message": refusal.message}, status=400)
    if not refusal.visible:
        raise PermissionDenied(refusal.message)  # the 403 page says why
    messages.error(request, refusal.message)
    return redirect(back)


@require_POST
def post_vote(request: HttpRequest, post_id: int) -> HttpResponse:
    post = Post.objects.select_related("thread", "thread__board").filter(pk=post_id).first()
    if post is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(post.get_absolute_url())
    member = member_of(request)
    choice = request.POST.get("attitude", "")
    try:
        if choice == "undo":
            taken = services.undo_post_vote(member=member, post=post)
            said = (
                _("Your support has been taken back.")
                if taken == PostVote.Attitude.SUPPORT
                else _("Your vote against has been taken back.")
            )
        elif choice in ATTITUDES:
            services.vote_on_post(member=member, post=post, attitude=ATTITUDES[choice])
            said = (
                _("You support this post.")
                if choice == "support"
                else _("You voted against this post.")
            )
        else:
            raise Refused(_("Choose Support or Against."))
    except Refused as refusal:
        return _refused(request, refusal, post.get_absolute_url())
    post.refresh_from_db(fields=["support", "against"])
    if wants_json(request):
        counts = {"support": post.support, "against": post.against}
        return JsonResponse({"ok": True, "message": said, "counts": counts, "voted": choice})
    messages.success(request, said)
    return redirect(post.get_absolute_url())


@require_POST
def article_mood(request: HttpRequest, article_id: int) -> HttpResponse:
    article = portal_selectors.article_for_reader(article_id, request.user)
    back = f"{article.get_absolute_url()}#mood"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    raw = request.POST.get("mood", "")
    try:
        mood = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 3 else 0
        chosen = services.react_to_article(member=member_of(request), article=article, mood=mood)
    except Refused as refusal:
        return _refused(request, refusal, back)
    said = _("Your mood “%(mood)s” is counted.") % {"mood": chosen.get_mood_display()}
    if wants_json(request):
        fresh = Article.objects.get(pk=article.pk)
        counts = {f"click{n}": getattr(fresh, f"click{n}") for n in ArticleMood.Mood.values}
        return JsonResponse({"ok": True, "message": said, "counts": counts})
    messages.success(request, said)
    return redirect(back)
