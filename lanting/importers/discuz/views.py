"""Old Discuz! addresses answer 301 with the new page of the same content.

Search engines and old links know a moved site by its Discuz! addresses
(forum.php?mod=viewthread&tid=7, thread-7-2-1.html, archiver/?tid-7.html …).
Each names an old id; LegacyLink, filled by the importer, gives the new one.
An id that was never imported, or a malformed one, answers 404.
"""

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from lanting.forum import permissions
from lanting.forum.models import Board, Post, Thread
from lanting.importers.discuz.models import LegacyLink
from lanting.portal.models import Article

# The database's largest integer: a bigger number cannot be an id.
MAX_ID = 2**63 - 1
DIGITS = re.compile(r"[0-9]{1,19}")

Kind = LegacyLink.Kind
ARCHIVER_KINDS = {"tid": Kind.THREAD, "fid": Kind.BOARD, "aid": Kind.ARTICLE}


def _number(raw: str | None) -> int:
    if raw is None or not DIGITS.fullmatch(raw) or int(raw) > MAX_ID:
        raise Http404
    return int(raw)


def _page(raw: str | None) -> int:
    """A Discuz! page number: missing or 0 is the first page, garbage a 404."""
    return max(1, _number(raw)) if raw else 1


def _params(request: HttpRequest) -> dict[str, str]:
    # Links copied out of HTML often keep "&amp;" (…?mod=view&amp;aid=5), which
    # arrives as a parameter named "amp;aid".
    return {key.removeprefix("amp;"): request.GET.get(key) or "" for key in request.GET}


def _new(request: HttpRequest, kind: str, raw_old_id: str | None) -> Any:
    """The object an old id became, as this reader may see it; else 404."""
    old_id = _number(raw_old_id)
    new_id = (
        LegacyLink.objects.filter(kind=kind, old_id=old_id).values_list("new_id", flat=True).first()
    )
    if new_id is None:
        raise Http404
    models: dict[str, Any] = {
        Kind.ARTICLE: Article.objects.all(),
        Kind.BOARD: Board.objects.all(),
        Kind.THREAD: Thread.objects.select_related("board"),
        Kind.POST: Post.objects.select_related("thread__board"),
        Kind.MEMBER: get_user_model()._default_manager.all(),
    }
    found: Model | None = models[kind].filter(pk=new_id).first()
    if found is None:
        raise Http404
    board = (
        found
        if isinstance(found, Board)
        else found.board
        if isinstance(found, Thread)
        else found.thread.board
        if isinstance(found, Post)
        else None
    )
    if board is not None and not permissions.can_view_board(request.user, board):
        raise Http404  # not even the address of a hidden board (its slug) is shown
    return found


def _thread_page(url: str, thread: Thread, page: int) -> HttpResponsePermanentRedirect:
    page = min(page, thread.last_page)  # past the end: the last page, not a 404
    return HttpResponsePermanentRedirect(f"{url}?page={page}" if page > 1 else url)


@require_safe
def portal_php(request: HttpRequest) -> HttpResponsePermanentRedirect:
    params = _params(request)
    mod = params.get("mod", "index")
    if mod == "view":
        article = _new(request, Kind.ARTICLE, params.get("aid"))
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    if mod == "index":
        return HttpResponsePermanentRedirect(reverse("portal:home"))
    raise Http404


@require_safe
def forum_php(request: HttpRequest) -> HttpResponsePermanentRedirect:
    params = _params(request)
    mod = params.get("mod", "index")
    if mod == "viewthread":
        thread = _new(request, Kind.THREAD, params.get("tid"))
        return _thread_page(thread.get_absolute_url(), thread, _page(params.get("page")))
    if mod == "forumdisplay":
        board = _new(request, Kind.BOARD, params.get("fid"))
        return HttpResponsePermanentRedirect(board.get_absolute_url())
    if mod == "redirect" and params.get("goto") == "findpost":
        post = _new(request, Kind.POST, params.get("pid"))
        return HttpResponsePermanentRedirect(post.get_absolute_url())
    if mod == "index":
        return HttpResponsePermanentRedirect(reverse("forum:index"))
    raise Http404


@require_safe
def home_php(request: HttpRequest) -> HttpResponsePermanentRedirect:
    params = _params(request)
    if params.get("mod") == "space" and params.get("do") == "favorite":
        # Whoever's list it named, the member's own favourites are at /favorites/.
        return HttpResponsePermanentRedirect(reverse("favorites:list"))
    # Private messages (the list, one conversation, writing one): the inbox, or the
    # conversation an imported plid became (only its members may open it).
    if (params.get("mod") == "space" and params.get("do") == "pm") or (
        params.get("mod") == "spacecp" and params.get("ac") == "pm"
    ):
        plid = params.get("plid", "")
        new_id = (
            LegacyLink.objects.filter(kind=Kind.CONVERSATION, old_id=int(plid))
            .values_list("new_id", flat=True)
            .first()
            if DIGITS.fullmatch(plid) and int(plid) <= MAX_ID
            else None
        )
        if new_id is not None:
            return HttpResponsePermanentRedirect(
                reverse("pm:conversation", kwargs={"conversation_id": new_id})
            )
        return HttpResponsePermanentRedirect(reverse("pm:inbox"))
    if params.get("mod") == "space" and "uid" in params:
        member = _new(request, Kind.MEMBER, params["uid"])
        return HttpResponsePermanentRedirect(member.get_absolute_url())
    raise Http404


@require_safe
def article_html(request: HttpRequest, old_id: str, page: str) -> HttpResponsePermanentRedirect:
    # article-N-P.html: page P of a Discuz! article; a Lanting article is one page.
    article = _new(request, Kind.ARTICLE, old_id)
    return HttpResponsePermanentRedirect(article.get_absolute_url())


@require_safe
def thread_html(request: HttpRequest, old_id: str, page: str) -> HttpResponsePermanentRedirect:
    # thread-N-P-Q.html: page P of thread N (Q, the list page it was opened from, is dropped).
    thread = _new(request, Kind.THREAD, old_id)
    return _thread_page(thread.get_absolute_url(), thread, _page(page))


@require_safe
def forum_html(request: HttpRequest, old_id: str, page: str) -> HttpResponsePermanentRedirect:
    # forum-N-P.html: the new board lists threads by position, not by page number.
    board = _new(request, Kind.BOARD, old_id)
    return HttpResponsePermanentRedirect(board.get_absolute_url())


@require_safe
def space_html(request: HttpRequest, old_id: str) -> HttpResponsePermanentRedirect:
    member = _new(request, Kind.MEMBER, old_id)
    return HttpResponsePermanentRedirect(member.get_absolute_url())


@require_safe
def archiver_html(request: HttpRequest, kind: str, old_id: str) -> HttpResponsePermanentRedirect:
    """archiver/tid-N.html, and archiver/?tid-N.html, which the Archiver hands over."""
    found = _new(request, ARCHIVER_KINDS[kind], old_id)
    if isinstance(found, Thread):
        url = reverse("archiver:thread", kwargs={"thread_id": found.pk})
        return _thread_page(url, found, _page(request.GET.get("page")))
    if isinstance(found, Board):
        return HttpResponsePermanentRedirect(reverse("archiver:board", kwargs={"slug": found.slug}))
    return HttpResponsePermanentRedirect(
        reverse("archiver:article", kwargs={"article_id": found.pk})
    )
