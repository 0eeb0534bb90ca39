"""Whole pages for guests, from the cache, dropped exactly when what they show changes.

A view wrapped in ``@cached_for_guests`` declares what its page shows with
``show_on_page(request, "thread:12", "board:3")``. The page is stored with
the version of each of those tags at render time; ``touch("thread:12")`` (called
by the services that change a thread) gives the tag a new version, and every
page that showed it is rendered afresh on its next request. Pages also carry an
ETag, so a browser asking again gets ``304 Not Modified`` and no body.

A hit costs two or three cache round trips and no Django at all: the WSGI
entry point (``lanting.wsgi``) answers it from the WSGI environ before a
request object exists; ``GuestPageMiddleware`` does the same for other entry
points (the test client) and stores each page with the headers the whole
middleware stack gave it. Other apps may add a gate (``add_gate``): a cache
key read with the page and a check of the visitor (the IP-ban list, say)
that sends them down the normal path when it says no.

Only guests are served from here: no session cookie, no pending messages, no
``Authorization`` header. Their
pages hold no per-visitor token (the language switch is a plain link), so one
copy per URL, host and language serves them all.
"""

import hashlib
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from functools import cache as once
from functools import wraps
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag

from lanting.pagecache import counters, requestmemo
from lanting.pagecache.changes import catch_up
from lanting.pagecache.compress import (
    compress_response,
    gzip_body,
    gzip_etag,
    keep_gzip,
    wants_gzip,
)
from lanting.pagecache.headers import POLICY_HEADERS, policy_headers
from lanting.pagecache.language import choose_language
from lanting.pagecache.redispages import RedisPages, redis_pages, track_key
from lanting.pagecache.shared import shared_cache
from lanting.pagecache.tags import render_started, touch, versions

CHROME = "chrome"  # site name, navigation, footer: on every page
PAGE_SECONDS = 3600  # a safety net only: tags drop stale pages long before
VIEW_MARK = b'<em id="_viewnum">'
KEPT_TYPES = ("text/html", "application/json")  # pages, and the API's guest reads
_OWN_HEADERS = {
    "content-length",
    "etag",
    "last-modified",
    "cache-control",
    "x-page-cache",
    "date",
    "content-encoding",
    *POLICY_HEADERS,  # added at each hit (pagecache.headers): a changed policy applies at once
}

_FILE_PREFIXES = (str(settings.STATIC_URL), str(settings.MEDIA_URL))
Meta = MutableMapping[str, Any]
Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class Gate:
    cache_key: str
    admits: Callable[[Any, Meta], bool]  # (cached value or None, WSGI environ) -> serve?


_gates: list[Gate] = []


def add_gate(cache_key: str, admits: Callable[[Any, Meta], bool]) -> None:
    """Before a cached page is served, ``admits(cache.get(cache_key), environ)`` must be true."""
    if all(g.cache_key != cache_key for g in _gates):
        _gates.append(Gate(cache_key, admits))
        track_key(cache_key)


def show_on_page(request: HttpRequest, *tags: str) -> None:
    page_tags: list[str] = getattr(request, "_page_tags", [])
    page_tags.extend(tags)
    request._page_tags = page_tags  # type: ignore[attr-defined]


def count_on_page(
    request: HttpRequest, kind: str, object_id: int, *, shown: int, seen: int
) -> None:
    """The page shows a view counter (``shown``, right after the view that made ``seen``)."""
    request._page_counter = (kind, object_id, shown - seen, seen)  # type: ignore[attr-defined]


__all__ = [
    "add_gate",
    "cached_for_guests",
    "count_on_page",
    "keep_for_guests",
    "show_on_page",
    "touch",
]


def _cookies(meta: Meta) -> dict[str, str]:
    raw = meta.get("HTTP_COOKIE", "")
    return parse_cookie(raw) if raw else {}


def _scheme(meta: Meta) -> str:
    """http or https, as Django's ``request.scheme`` tells it (an http copy never serves https)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure = settings.SECURE_PROXY_SSL_HEADER
        if header in meta:
            return "https" if meta[header].split(",")[0].strip() == secure else "http"
    return str(meta.get("wsgi.url_scheme", "http"))


_KEY = "lanting.page_key"  # where the environ keeps the key once it is worked out


def guest_key(meta: Meta) -> str | None:
    """The cache key of this request's page, or None when it is not a guest's GET or HEAD.

    Worked out once per request: kept in the environ (``request.META``) it came from.
    """
    if _KEY not in meta:
        meta[_KEY] = _page_key(meta)
    key: str | None = meta[_KEY]
    return key


def _page_key(meta: Meta) -> str | None:
    if not settings.LANTING_GUEST_PAGE_CACHE or meta.get("REQUEST_METHOD") not in {"GET", "HEAD"}:
        return None
    if str(meta.get("PATH_INFO", "")).startswith(_FILE_PREFIXES):
        return None  # static files and uploads are never pages: no cache look-up for them
    if "HTTP_AUTHORIZATION" in meta:
        return None  # credentials (an API token) speak for someone: never a guest
    cookies = _cookies(meta)
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    query = str(meta.get("QUERY_STRING", ""))
    asked = dict(parse_qsl(query)).get("lang", "") if "lang=" in query else ""
    language = choose_language(asked, cookies.get(settings.LANGUAGE_COOKIE_NAME, ""))
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    else:
        host = meta.get("HTTP_HOST") or f"{meta.get('SERVER_NAME')}:{meta.get('SERVER_PORT')}"
    path = f"{meta.get('SCRIPT_NAME', '')}{meta.get('PATH_INFO', '')}"
    raw = f"{_scheme(meta)}|{host}|{language}|{path}?{query}"
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _count_at(body: bytes) -> tuple[int, int] | None:
    """Where the page's view count stands in it (start, end), or None."""
    at = body.find(VIEW_MARK)
    if at < 0:
        return None
    start = at + len(VIEW_MARK)
    return start, body.find(b"<", start)


def _with_views(body: bytes, count: int) -> bytes:
    at = _count_at(body)
    if at is None:
        return body
    return b"%s%d%s" % (body[: at[0]], count, body[at[1] :])


class CachePages:
    """Pages through Django's cache API: the page from this worker's memory, its tags' versions
    and the gates from the shared cache (``shared``), which every worker sees changed."""

    def lookup(
        self, key: str, gate_keys: list[str]
    ) -> tuple[dict[str, Any], int, int, list[Any]] | None:
        """(entry, views pending of its kind, its seen count, gate values), or None."""
        entry: dict[str, Any] | None = cache.get(key)
        if entry is None:
            return None
        shown: dict[str, int] = entry["versions"]
        found = shared_cache().get_many([*shown, *gate_keys])
        current = found
        if any(current.get(tag_key) != version for tag_key, version in shown.items()):
            return None
        seen = pending = 0
        if entry["counter"]:
            seen, pending = counters.add_view(*entry["counter"][:2])
        return entry, pending, seen, [found.get(k) for k in gate_keys]

    def store(self, key: str, entry: dict[str, Any], seconds: int) -> None:
        cache.set(key, entry, seconds)

    def forget(self, key: str) -> None:
        cache.delete(key)


def _pages() -> RedisPages | CachePages:
    return redis_pages() or CachePages()


def cached_page(meta: Meta) -> tuple[HTTPStatus, Headers, bytes] | None:
    """(status, headers, body) of this guest's page from the cache, or None to render it."""
    key = guest_key(meta)
    if key is None:
        return None
    pages = _pages()
    found = pages.lookup(key, [g.cache_key for g in _gates])  # a hit is counted as a view
    if found is None:
        return None
    entry, pending, seen, gate_values = found
    if not all(g.admits(v, meta) for g, v in zip(_gates, gate_values, strict=True)):
        return None
    views: int | None = None
    if entry["counter"]:
        kind, _id, offset, seen_then = entry["counter"]
        counters.after_count(kind, pending)
        if seen > seen_then:
            views = offset + seen
        else:  # the seen count was reset: show the old figure once, render afresh next time
            views = offset + seen_then
            pages.forget(key)
    gzipped = entry.get("gzip")  # none in a page kept before pages were compressed
    headers: Headers = [*entry["headers"], *policy_headers()]
    compressed = None
    if gzipped is not None and wants_gzip(meta):
        compressed = gzip_body(gzipped, None if views is None else b"%d" % views)
        if compressed is None:  # the count grew a digit: render the page afresh next time
            pages.forget(key)
    if compressed is not None:
        body = compressed
        etag = gzip_etag(entry["etag"])
        headers.append(("Content-Encoding", "gzip"))
    else:
        body = entry["body"] if views is None else _with_views(entry["body"], views)
        etag = entry["etag"]
    headers += [
        ("ETag", etag),
        ("Last-Modified", entry["last_modified"]),
        ("Cache-Control", guest_cache_control()),
        ("X-Page-Cache", "hit"),
    ]
    if not_modified(meta, etag, entry["last_modified"]):
        return HTTPStatus.NOT_MODIFIED, headers, b""
    headers.append(("Content-Length", str(len(body))))
    return HTTPStatus.OK, headers, b"" if meta.get("REQUEST_METHOD") == "HEAD" else body


def guest_cache_control() -> str:
    """What a guest's page tells caches: browsers ask again every time (the 304 is cheap);
    a shared cache in front of the nodes (nginx's micro-cache, ``deploy/``) may answer
    from its copy for ``LANTING_PROXY_CACHE_SECONDS``, so a change reaches guests behind
    it at most that late. ``no-cache`` would keep nginx from keeping the page at all.
    """
    seconds = settings.LANTING_PROXY_CACHE_SECONDS
    if seconds <= 0:
        return "no-cache"
    return f"max-age=0, s-maxage={seconds}, must-revalidate"


def not_modified(meta: Meta, etag: str, last_modified: str) -> bool:
    """The browser's copy is this page (RFC 9110 §13.2.2: If-None-Match rules when present)."""
    asked = meta.get("HTTP_IF_NONE_MATCH")
    if asked:
        tags = parse_etags(asked)
        return "*" in tags or etag in tags or f"W/{etag}" in tags
    asked_since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if not asked_since:
        return False  # the usual hit: nothing to parse
    since = parse_http_date_safe(asked_since)
    modified = parse_http_date_safe(last_modified)
    return since is not None and modified is not None and modified <= since


@once
def release() -> str:
    """What this build renders pages with: a new deploy makes every page's ETag new.

    Made from the package's templates, translations and code, and the static files'
    manifest (pages name the CSS by its hash), so every worker and every node of one
    deploy agree without being told. Worked out when a worker starts (``wsgi``).
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".html", ".mo", ".py"} and "tests" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or ".") / "staticfiles.json"
    if settings.STATIC_ROOT and manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def page_etag(key: str, shown: dict[str, int]) -> str:
    """One ETag for one page and the versions of what it shows, whichever worker renders it.

    The view counter is left out: it rises with every request, and a browser
    that shows a count one view behind is the price of a 304.
    """
    raw = "|".join([release(), key, *(f"{t}={v}" for t, v in sorted(shown.items()))])
    return quote_etag(hashlib.sha256(raw.encode()).hexdigest()[:32])


def keep_for_guests(request: HttpRequest) -> None:
    """A guest's answer to this request is kept (by ``GuestPageMiddleware``), with the tags
    the view names (``show_on_page``). Called before the view reads anything: a change
    made while it renders leaves no copy."""
    if guest_key(request.META) is not None:
        request._page_started = render_started()  # type: ignore[attr-defined]


def cached_for_guests(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guests' copies of this view's pages are kept (by ``GuestPageMiddleware``)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        keep_for_guests(request)
        return view(request, *args, **kwargs)

    return wrapper


def _keep(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Keep a guest's page; the response to send (a 304 when the browser has this page)."""
    started: int | None = getattr(request, "_page_started", None)
    key = guest_key(request.META)
    if started is None or key is None:
        return response
    if (
        response.status_code != 200
        or response.cookies
        or getattr(response, "streaming", False)
        or not response.get("Content-Type", "").startswith(KEPT_TYPES)
    ):
        return response
    tags = [CHROME, *getattr(request, "_page_tags", [])]
    current, new = versions(tags)
    # Something the page shows changed while it was being rendered (a reply, an
    # edit): the copy may be stale, so keep none.
    if any(version >= started for tag, version in current.items() if tag not in new):
        return response
    etag = page_etag(key, current)
    # Changed no later than its newest tag; rounded up, as HTTP dates have whole seconds.
    last_modified = http_date(-(-max(current.values()) // 1_000_000_000))
    counter = getattr(request, "_page_counter", None)
    body = response.content
    gzipped = None
    if settings.LANTING_COMPRESS:
        patch_vary_headers(response, ("Accept-Encoding",))
        gzipped = keep_gzip(body, _count_at(body) if counter else None)
    entry = {
        "versions": {f"tag:{t}": v for t, v in current.items()},
        "body": body,
        "gzip": gzipped,
        "etag": etag,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in _OWN_HEADERS],
        "last_modified": last_modified,
        "counter": counter,
    }
    _pages().store(key, entry, PAGE_SECONDS)
    compressed = gzip_body(gzipped) if gzipped is not None and wants_gzip(request.META) else None
    if compressed is not None:
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = "gzip"
        etag = gzip_etag(etag)
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = guest_cache_control()
    response["X-Page-Cache"] = "miss"
    # Another worker gave this browser the same page: it needs no body from this one either.
    if not_modified(request.META, etag, last_modified):
        since = parse_http_date_safe(last_modified)
        unchanged = get_conditional_response(
            request, etag=etag, last_modified=since, response=response
        )
        if unchanged is not None:
            unchanged["X-Page-Cache"] = "miss"
            return unchanged
    return response


class GuestPageMiddleware:
    """First in the stack: serves guests' cached pages and keeps the ones views mark."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        catch_up()  # what other workers changed (embedded default): before any look-up
        hit = cached_page(request.META)
        if hit is not None:
            status, headers, body = hit
            response = HttpResponse(body, status=status)
            for name, value in headers:
                response[name] = value
            return response
        requestmemo.prefetch()
        return compress_response(request, _keep(request, self.get_response(request)))


def wsgi_hit(meta: Meta, start_response: Callable[..., Any]) -> Iterable[bytes] | None:
    """Answer a WSGI request from the guest page cache, or return None."""
    catch_up()
    hit = cached_page(meta)
    if hit is None:
        return None
    status, headers, body = hit
    start_response(f"{status.value} {status.phrase}", headers)
    return [body]
