"""The framework floor: a bare Django view returning a saved page, nothing else.

Served by the same app server as Lanting, it shows what Django and the server
cost by themselves. Its settings are its own and minimal: no database, no
middleware, no templates. BENCH_FLOOR_PAGE names the saved page.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1"],
    SECRET_KEY=os.environ.get("SECRET_KEY", "bench-floor-" + "x" * 40),
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)

PAGE = Path(os.environ["BENCH_FLOOR_PAGE"]).read_bytes()


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("article.html", page)]

application = get_wsgi_application()
