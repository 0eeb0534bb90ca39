from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanting.core.ratelimit import client_ip, hit
from lanting.search import selectors
from lanting.search.documents import board_choices_for
from lanting.search.forms import SearchForm
from lanting.search.text import MAX_QUERY_CHARS

# Searching costs the database more than any page: a generous limit per address.
SEARCHES_PER_MINUTE = 60
MAX_FILTER_CHARS = 100


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        return 1


def _run(request: HttpRequest, form: SearchForm) -> selectors.SearchResults:
    data = form.cleaned_data
    return selectors.search(
        data["q"],
        reader=request.user,
        kinds=[data["kind"]] if data["kind"] else [],
        board_id=data["board"],
        author=data["author"],
        since=data["since"],
        until=data["until"],
        page=_page_number(request),
        per_page=selectors.PER_PAGE,
    )


def _limited(request: HttpRequest) -> bool:
    return not hit(f"search:{client_ip(request)}", limit=SEARCHES_PER_MINUTE, window_seconds=60)


def _trimmed(request: HttpRequest) -> str | None:
    """The query string with over-long values cut, when some were: the URL to go to."""
    params = dict(request.GET.items())
    trimmed = {
        name: value[: MAX_QUERY_CHARS if name == "q" else MAX_FILTER_CHARS]
        for name, value in params.items()
    }
    return urlencode(trimmed) if trimmed != params else None


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    # A 10,000-character query is cut to what is searched and shown in a short
    # URL: the page's QR code and every link on it stay within their limits.
    if (short := _trimmed(request)) is not None:
        return redirect(f"{request.path}?{short}")
    form = SearchForm(request.GET, boards=board_choices_for(request.user))
    context: dict[str, Any] = {"form": form, "results": None, "suggestions": []}
    if form.is_valid() and form.cleaned_data["q"]:
        if _limited(request):
            context["message"] = _("You searched very often just now. Wait a minute, please.")
            return render(request, "search/results.html", context, status=429)
        found = _run(request, form)
        context["results"] = found
        if found.query.is_empty:
            context["message"] = _("Type a word to search for: letters or Chinese characters.")
        elif not found.total:
            context["suggestions"] = _suggestions(form, found)
        params = {k: v for k, v in request.GET.items() if k != "page" and v}
        context["page_query"] = urlencode(params)
    return render(request, "search/results.html", context)


def _suggestions(form: SearchForm, found: selectors.SearchResults) -> list[tuple[str, str]]:
    """Links that might find something: the same words anywhere, or fewer words."""
    q = form.cleaned_data["q"]
    links: list[tuple[str, str]] = []
    if form.has_filters:
        links.append((_("Search everywhere for “%(q)s”") % {"q": q}, urlencode({"q": q})))
    words = found.query.words
    if len(words) > 1:
        for word in words[:5]:
            links.append((_("Search for “%(q)s” alone") % {"q": word}, urlencode({"q": word})))
    return links


@require_GET
def api(request: HttpRequest) -> JsonResponse:
    form = SearchForm(request.GET, boards=board_choices_for(request.user))
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse({"error": _("Check the search filters."), "errors": errors}, status=400)
    if _limited(request):
        return JsonResponse(
            {"error": _("You searched very often just now. Wait a minute, please.")}, status=429
        )
    found = _run(request, form)
    body: dict[str, Any] = {
        "query": form.cleaned_data["q"],
        "total": found.total,
        "total_is_capped": found.capped,
        "page": found.page,
        "pages": found.pages,
        "results": [
            {
                "kind": h.kind,
                "id": h.object_id,
                "url": request.build_absolute_uri(h.url),
                "title_html": str(h.title),
                "snippet_html": str(h.snippet),
                "author": h.author_name,
                "context": h.context,
                "board_id": h.board_id,
                "created_at": h.created_at.isoformat(),
            }
            for h in found.hits
        ],
    }
    if found.query.is_empty:
        body["message"] = _("Type a word to search for: letters or Chinese characters.")
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
