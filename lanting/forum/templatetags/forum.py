from typing import Any

from django import template
from django.http import HttpRequest

from lanting.forum.markup import placed_numbers

register = template.Library()


@register.filter
def get_field(mapping: Any, key: str) -> Any:
    """``mapping[key]`` in a template, or "" when absent."""
    try:
        value = mapping.get(key, "")
    except AttributeError:
        return ""
    return "" if value is None else value


@register.filter
def unplaced(files: Any, body: str) -> list[Any]:
    """A post's files less those its text places itself (they show there, not twice)."""
    placed = placed_numbers(body)
    return [file for file in files if file.pk not in placed]


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


def composer_words() -> str:
    """The toolbar's words in the reader's language, for composer.js (a data attribute)."""
    import json

    from django.urls import reverse
    from django.utils.translation import gettext as _

    return json.dumps(
        {
            "toolbar": _("Formatting"),
            "bold": _("Bold"),
            "italic": _("Italic"),
            "link": _("Link"),
            "link_prompt": _("Address of the link"),
            "image": _("Picture from the web"),
            "image_prompt": _("Address of the picture"),
            "quote": _("Quote"),
            "code": _("Code"),
            "list": _("List"),
            "attach": _("Place an attachment"),
            "attach_prompt": _("Number of the attachment"),
            "mentions": reverse("notifications:names"),
            "mentions_label": _("Members whose names begin so"),
        },
        ensure_ascii=False,
    )


register.simple_tag(composer_words, name="composer_words")
