"""One pager for every numbered list: a window of pages, previous and next, and a jump box."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest

register = template.Library()

WINDOW = 2  # pages shown on each side of the current one


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


def page_url(request: HttpRequest, number: int, param: str = "page") -> str:
    """The current address with another page; page 1 is the address without the parameter."""
    query = request.GET.copy()
    query.pop(param, None)
    if number > 1:
        query[param] = str(number)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


def window(page: int, last_page: int, width: int = WINDOW) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 120: the first and last pages, the current one and its neighbours."""
    shown = {1, last_page, *range(max(1, page - width), min(last_page, page + width) + 1)}
    numbers: list[int | None] = []
    for number in sorted(shown):
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None if number - (numbers[-1] or 0) > 2 else number - 1)
        numbers.append(number)
    return numbers


@register.inclusion_tag("core/_pager.html", takes_context=True)
def pager(
    context: template.Context, page: int, last_page: int, where: str = "", param: str = "page"
) -> dict[str, Any]:
    """The pager for ``page`` of ``last_page``; ``where`` ("bottom") names a second one apart."""
    request: HttpRequest = context["request"]
    links = [
        PageLink(n, page_url(request, n, param), n == page) if n else PageLink(None)
        for n in window(page, last_page)
    ]
    kept = [(k, v) for k, values in request.GET.lists() if k != param for v in values]
    return {
        "page": page,
        "last_page": last_page,
        "links": links,
        "previous_url": page_url(request, page - 1, param) if page > 1 else "",
        "next_url": page_url(request, page + 1, param) if page < last_page else "",
        "param": param,
        "kept": kept,
        "where": where,
        "action": request.path,
    }
