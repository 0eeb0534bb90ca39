"""The member floor: a bare Django view behind the session, authentication and CSRF middleware.

It reads the logged-in member's session from the same session store Lanting uses
(Redis via ``cached_db`` in production, the database in the embedded default),
loads the member as ``request.user`` does, and returns the saved page. That is
what a logged-in page cannot beat. Everything else is Lanting's own settings
(database, cache, secret, user model), so the benchmark's member cookie is valid
here; only the middleware, the URLs and the templates are taken away.
BENCH_FLOOR_PAGE names the saved page.
"""

import os
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "member_floor_settings"

from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

PAGE = Path(os.environ["BENCH_FLOOR_PAGE"]).read_bytes()


def page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:  # loads the session and the member
        return HttpResponse(b"not logged in", status=403)
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page), path("thread.html", page)]

application = get_wsgi_application()
