"""Misago's URLs for the benchmark, with the django-i18n JavaScript catalogue its pages need.

Without the ``django-i18n`` URL every Misago page answers 500: its base
template reverses it for the JavaScript translations.
"""

from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("misago.urls", namespace="misago")),
    path(
        "django-i18n.js",
        cache_page(86400 * 21)(JavaScriptCatalog.as_view(packages=["misago"])),
        name="django-i18n",
    ),
]

handler403 = "misago.core.errorpages.permission_denied"
handler404 = "misago.core.errorpages.page_not_found"
