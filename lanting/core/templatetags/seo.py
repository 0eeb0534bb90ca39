"""Tags for what search engines and link previews read (see lanting.core.seo)."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from lanting.core.seo import OG_LOCALES, page_addresses, share_image_url
from lanting.markup import summary

register = template.Library()

DESCRIPTION_WIDTH = 300  # display width: a CJK character counts 2


@register.simple_tag(takes_context=True)
def seo_links(context: template.Context, path: str | None = None, **params: Any) -> SafeString:
    """<link> elements for the canonical address and each language's address.

    Without a path, the page's own path and the query parameters that select
    content; with one, that path and exactly the parameters given.
    """
    request = context.get("request")
    if request is None:  # the bare 500 page has no request
        return SafeString("")
    addresses = page_addresses(request, path, params if path is not None else None)
    return format_html(
        '<link rel="canonical" href="{}">\n{}',
        addresses.canonical,
        format_html_join(
            "\n", '<link rel="alternate" hreflang="{}" href="{}">', addresses.alternates
        ),
    )


@register.inclusion_tag("core/_social.html", takes_context=True)
def social_meta(
    context: template.Context,
    title: str,
    description: str = "",
    kind: str = "website",
    image: Any = "",
) -> dict[str, Any]:
    """Open Graph and Twitter card tags: how a shared link previews in apps and chats.

    ``image`` is a path or a file field (an empty one means none).
    """
    request = context["request"]
    image = str(getattr(image, "url", image)) if image else ""
    site = context.get("chrome") or {}
    return {
        "title": title,
        "description": description,
        "kind": kind,
        "url": page_addresses(request).canonical,
        "image": request.build_absolute_uri(image) if image else share_image_url(request),
        "card": "summary_large_image" if image else "summary",
        "site_name": site.get("name", ""),
        "locale": OG_LOCALES.get(getattr(request, "LANGUAGE_CODE", ""), ""),
    }


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.filter
def description_from_html(source: str) -> str:
    """A meta description from stored HTML: its text, cut to about 150 characters."""
    return summary(source, DESCRIPTION_WIDTH)
