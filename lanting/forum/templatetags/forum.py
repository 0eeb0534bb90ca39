from typing import Any

from django import template
from django.http import HttpRequest

register = template.Library()


@register.filter
def get_field(mapping: Any, key: str) -> Any:
    """``mapping[key]`` in a template, or "" when absent."""
    try:
        value = mapping.get(key, "")
    except AttributeError:
        return ""
    return "" if value is None else value


@register.simple_tag
def param(request: HttpRequest, name: str, suffix: str = "") -> str:
    return request.GET.get(name + suffix, "")


@register.simple_tag
def query_with(request: HttpRequest, **changes: Any) -> str:
    """The current query string with some parameters replaced."""
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
