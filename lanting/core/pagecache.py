"""Whole pages for guests, from the cache, dropped exactly when what they show changes.

A view wrapped in ``@cached_for_guests`` declares what its page shows with
``show_on_page(request, "thread:12", "board:3")``. The page is stored with
the version of each of those tags at render time; ``touch("thread:12")`` (called
by the services that change a thread) gives the tag a new version, and every
page that showed it is rendered afresh on its next request. Pages also carry an
ETag, so a browser asking again gets ``304 Not Modified`` and no body.

Only guests are served from here: no session cookie, no pending messages. Their
pages hold no per-visitor token (the language switch is a plain link), so one
copy per URL, host and language serves them all.
"""

import hashlib
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.template.response import SimpleTemplateResponse
from django.utils.http import http_date, quote_etag

from lanting.core import counters
from lanting.core.pagetags import touch, versions

CHROME = "chrome"  # site name, navigation, footer: on every page
PAGE_SECONDS = 3600  # a safety net only: tags drop stale pages long before
_VIEW_COUNT = re.compile(rb'(<em id="_viewnum">)\d+(</em>)')


def show_on_page(request: HttpRequest, *tags: str) -> None:
    page_tags: list[str] = getattr(request, "_page_tags", [])
    page_tags.extend(tags)
    request._page_tags = page_tags  # type: ignore[attr-defined]


def count_on_page(request: HttpRequest, kind: str, object_id: int, stored_views: int) -> None:
    """The page shows a view counter: a cached copy still counts each view, and shows it."""
    request._page_counter = (kind, object_id, stored_views)  # type: ignore[attr-defined]


__all__ = ["cached_for_guests", "count_on_page", "show_on_page", "touch"]


def is_guest_request(request: HttpRequest) -> bool:
    return (
        settings.LANTING_GUEST_PAGE_CACHE
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request: HttpRequest) -> str:
    raw = f"{request.get_host()}|{request.LANGUAGE_CODE}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _respond(request: HttpRequest, entry: dict[str, Any], body: bytes) -> HttpResponse:
    etag = quote_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=entry["content_type"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["rendered_at"])
    response["Cache-Control"] = "no-cache"  # browsers revalidate; the 304 is cheap
    response["X-Page-Cache"] = "hit"
    return response


def cached_for_guests(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_guest_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        entry: dict[str, Any] | None = cache.get(key)
        if entry is not None and versions(entry["tags"])[0] == entry["versions"]:
            body: bytes = entry["body"]
            counter = entry.get("counter")
            if counter:
                kind, object_id, stored = counter
                pending = counters.pending_views(kind, [object_id]).get(object_id, 0)
                counters.count_view(kind, object_id)
                body = _VIEW_COUNT.sub(rb"\g<1>%d\g<2>" % (stored + pending + 1), body, count=1)
            return _respond(request, entry, body)
        started = time.time_ns()
        response = view(request, *args, **kwargs)
        tags = [CHROME, *getattr(request, "_page_tags", [])]
        current, new = versions(tags)
        if (
            # Something the page shows changed while it was being rendered (a
            # reply, a view-count flush): the copy may be stale, so keep none.
            all(version < started for tag, version in current.items() if tag not in new)
            and response.status_code == 200
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
        ):
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            entry = {
                "tags": tags,
                "versions": current,
                "body": response.content,
                "content_type": response["Content-Type"],
                "rendered_at": time.time(),
                "counter": getattr(request, "_page_counter", None),
            }
            cache.set(key, entry, PAGE_SECONDS)
            etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
            response["ETag"] = etag
            response["Cache-Control"] = "no-cache"
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
