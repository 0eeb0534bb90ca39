import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from lanting.core import selectors
from lanting.core.models import Page
from lanting.core.qr import qr_svg
from lanting.core.seo import HREFLANGS, without_language_param

ICON_SIZES = (192, 512)
THEME_COLOR = "#f5f6f7"  # --bg-soft in site.css: the header's colour


def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = selectors.page_by_slug(slug)
    except Page.DoesNotExist:
        raise Http404 from None
    return render(request, "core/page.html", {"page": page})


def mobile(request: HttpRequest) -> HttpResponse:
    """Discuz!'s 手机版 landing page: the site is responsive, so scan and read."""
    home_url = request.build_absolute_uri("/")
    return render(request, "core/mobile.html", {"home_url": home_url, "home_qr": qr_svg(home_url)})


def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch: a plain link, so it works without scripts or forms.

    Only a preference cookie changes, so a GET is safe; pages stay free of
    per-visitor CSRF tokens and can be cached whole for anonymous readers.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    target = without_language_param(target)  # else ?lang= would outrank the new choice
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


# "Sitemap: /sitemap.xml": the address is stored without the host, which the
# site learns only from the requests it serves.
RELATIVE_SITEMAP = re.compile(r"^(sitemap:[ \t]*)(/\S*)", re.IGNORECASE | re.MULTILINE)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    text = selectors.site_settings().robots_txt.replace("\r\n", "\n").rstrip("\n") + "\n"
    text = RELATIVE_SITEMAP.sub(
        lambda match: match.group(1) + request.build_absolute_uri(match.group(2)), text
    )
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=3600, public=True)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, so "add to home screen" shows the site's own name and icon."""
    chrome = selectors.site_chrome()
    name = str(chrome["name"])
    data = {
        "name": name,
        "short_name": str(chrome["short_name"] or name),
        "description": str(chrome["slogan"]),
        "lang": HREFLANGS.get(request.LANGUAGE_CODE, request.LANGUAGE_CODE),
        "id": "/",  # the app's identity: stays when the start page or the name change
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static(f"core/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ]
        + [
            {
                # Padded so the pavilion stays inside the safe zone (the central circle of
                # 80 %) whatever shape the device cuts the icon to.
                "src": static("core/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            }
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 400 page; for a host we do not serve, a plain one that needs no host.

    The site's pages build absolute addresses from the host, which is what was refused.
    """
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest(
            render_to_string("400_host.html"), content_type="text/html; charset=utf-8"
        )
    return defaults.bad_request(request, exception)


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico whatever the page links: the site's icon, by its hashed name."""
    return HttpResponsePermanentRedirect(static("core/icon-192.png"))
