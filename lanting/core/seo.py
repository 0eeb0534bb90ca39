"""What search engines and link previews read: canonical addresses, languages, JSON-LD."""

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lanting.core.middleware import LANGUAGE_PARAM

# Query parameters that select other content (a page of a list, a search); any
# others (sorting, a quoted post, tracking tags) show the same content, so the
# canonical address leaves them out.
CONTENT_PARAMS = ("page", "after", "type", "q")

# BCP 47 tags for hreflang and Open Graph locales, by Django language code.
HREFLANGS = {"zh-hans": "zh-Hans", "en": "en"}
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}

# The picture link previews show when a page has none of its own.
SHARE_IMAGE = "core/icon-512.png"

# What json_script escapes, so that no "</script>" or "<!--" inside a value can
# end the script element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class Addresses:
    canonical: str
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, address)


def without_language_param(url: str) -> str:
    parts = urlsplit(url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key != LANGUAGE_PARAM
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _content_params(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET[key] for key in CONTENT_PARAMS if request.GET.get(key)}


def page_addresses(
    request: HttpRequest, path: str | None = None, params: dict[str, Any] | None = None
) -> Addresses:
    """The page's canonical address and one address per language (?lang=xx).

    A page asked for with ?lang=en is canonical as that address, so each
    language version names itself, as hreflang clusters must; the plain address
    (the site's language, or the reader's cookie) is the x-default.
    """
    path = path or request.path
    shown = _content_params(request) if params is None else params
    query = {key: str(value) for key, value in shown.items() if value not in (None, "")}
    if query.get("page") == "1":
        del query["page"]

    def address(language: str | None = None) -> str:
        with_language = {**query, LANGUAGE_PARAM: language} if language else query
        return request.build_absolute_uri(
            path + ("?" + urlencode(with_language) if with_language else "")
        )

    requested = request.GET.get(LANGUAGE_PARAM, "")
    languages = dict(settings.LANGUAGES)
    canonical = address(requested if requested in languages else None)
    alternates = [(HREFLANGS.get(code, code), address(code)) for code in languages]
    alternates.append(("x-default", address()))
    return Addresses(canonical, alternates)


def share_image_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(static(SHARE_IMAGE))


def json_ld(data: dict[str, Any]) -> SafeString:
    """A JSON-LD script element, escaped as json_script escapes its JSON."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = text.translate(JSON_SCRIPT_ESCAPES)
    # Safe: json.dumps quoted every value and the escapes above remove "<", ">"
    # and "&", so nothing in it can close or open an element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))  # noqa: S308
