from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

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
