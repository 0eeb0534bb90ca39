from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

admin.site.site_header = _("Lanting administration")
admin.site.site_title = _("Lanting administration")

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("lanting.portal.urls")),
    path("", include("lanting.accounts.urls")),
    path("", include("lanting.moderation.urls")),
    path("", include("lanting.forum.urls")),
    path("", include("lanting.search.urls")),
    path("", include("lanting.archiver.urls")),
    path("", include("lanting.importers.discuz.urls")),
    path("", include("lanting.core.urls")),
    path("admin/", admin.site.urls),
]

if settings.LANTING_SERVE_MEDIA:
    urlpatterns.append(
        re_path(
            r"^" + settings.MEDIA_URL.lstrip("/") + r"(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
