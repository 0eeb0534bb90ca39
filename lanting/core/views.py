from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from lanting.core import selectors
from lanting.core.models import Page
from lanting.core.qr import qr_svg


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
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
