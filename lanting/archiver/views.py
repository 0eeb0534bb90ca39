"""The Archiver: plain, fast pages of the forum and the portal, for crawlers and weak devices.

Each page links to its full version, which is also its canonical address.
"""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from lanting.archiver import selectors

# Discuz!'s Archiver addressed its pages as /archiver/?tid-7.html (also fid-,
# and aid- here). Whoever answers the path form /archiver/tid-7.html (the old-URL
# redirects, once a Discuz! site has been imported) answers this form too.
OLD_SHAPE = re.compile(r"[a-z]+-[^&=]*\.html")
OLD_QUERY = re.compile(r"(?:tid|fid|aid)-[0-9]+\.html")

CACHE_SECONDS = 300


def _old_address(request: HttpRequest) -> HttpResponse | None:
    query = request.META.get("QUERY_STRING", "").split("&", 1)[0]
    if not OLD_SHAPE.fullmatch(query):
        return None  # the index, perhaps with some tracking parameter
    if not OLD_QUERY.fullmatch(query):
        raise Http404  # ?uid-3.html, ?tid-abc.html: an old address of nothing
    try:
        match = resolve(f"/archiver/{query}")
    except Resolver404:
        raise Http404 from None
    if match.func is index:
        raise Http404
    response: HttpResponse = match.func(request, *match.args, **match.kwargs)
    return response


def _page_number(raw: str | None) -> int:
    if not raw:
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise Http404
    return int(raw)


@require_safe
@cache_control(max_age=CACHE_SECONDS, public=True)
def index(request: HttpRequest) -> HttpResponse:
    old = _old_address(request)
    if old is not None:
        return old
    sections, categories = selectors.index()
    return render(
        request,
        "archiver/index.html",
        {"sections": sections, "categories": categories, "full_url": reverse("forum:index")},
    )


@require_safe
@cache_control(max_age=CACHE_SECONDS, public=True)
def board(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.board(slug)
    return render(
        request,
        "archiver/board.html",
        {
            "board": current,
            "full_url": current.get_absolute_url(),
            "sub_boards": selectors.sub_boards(current),
            "listing": selectors.board_threads(current, request.GET.get("before")),
            "is_first_page": not request.GET.get("before"),
        },
    )


@require_safe
@cache_control(max_age=CACHE_SECONDS, public=True)
def thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    current = selectors.thread(thread_id)
    page = _page_number(request.GET.get("page"))
    return render(
        request,
        "archiver/thread.html",
        {
            "thread": current,
            "full_url": current.get_absolute_url() + (f"?page={page}" if page > 1 else ""),
            "posts": selectors.thread_posts(current, page),
            "page": page,
            "last_page": current.last_page,
        },
    )


@require_safe
@cache_control(max_age=CACHE_SECONDS, public=True)
def category(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.category(slug)
    return render(
        request,
        "archiver/category.html",
        {
            "category": current,
            "full_url": current.get_absolute_url(),
            "listing": selectors.category_articles(current, request.GET.get("before")),
            "is_first_page": not request.GET.get("before"),
        },
    )


@require_safe
@cache_control(max_age=CACHE_SECONDS, public=True)
def article(request: HttpRequest, article_id: int) -> HttpResponse:
    current = selectors.article(article_id)
    return render(
        request,
        "archiver/article.html",
        {"article": current, "full_url": current.get_absolute_url()},
    )
