from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve

from lanting.forum.sitemaps import BoardSitemap, ForumIndexSitemap, ThreadSitemap
from lanting.portal.sitemaps import ArticleSitemap, CategorySitemap, HomeSitemap

SITEMAPS: dict[str, Sitemap[Any]] = {
    "home": HomeSitemap(),
    "forum": ForumIndexSitemap(),
    "articles": ArticleSitemap(),
    "categories": CategorySitemap(),
    "boards": BoardSitemap(),
    "threads": ThreadSitemap(),
}

urlpatterns: list[URLPattern | URLResolver] = [
    # The forum's first: its thread and board pages are most of what members ask, and
    # each address is tried against the patterns in order (none of the forum's
    # forum/, thread/, post/, attachment/ addresses is another app's).
    path("", include("lanting.forum.urls")),
    path("", include("lanting.portal.urls")),
    path("", include("lanting.accounts.urls")),
    path("", include("lanting.moderation.urls")),
    path("", include("lanting.polls.urls")),
    path("", include("lanting.search.urls")),  # before the API's: /api/search is search's
    path("", include("lanting.api.urls")),
    path("", include("lanting.notifications.urls")),
    path("", include("lanting.reactions.urls")),
    path("", include("lanting.favorites.urls")),
    path("", include("lanting.messages.urls")),
    path("", include("lanting.archiver.urls")),
    path("", include("lanting.importers.discuz.urls")),
    path("", include("lanting.operations.urls")),
    path("", include("lanting.core.urls")),
    path("admin/", admin.site.urls),
    # The templates are core's: django.contrib.sitemaps is used without being
    # an installed app (it has no models, only these two templates).
    path(
        "sitemap.xml",
        sitemaps.index,
        {
            "sitemaps": SITEMAPS,
            "template_name": "core/sitemap_index.xml",
            "sitemap_url_name": "sitemap-section",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "core/sitemap.xml"},
        name="sitemap-section",
    ),
]

if settings.LANTING_SERVE_MEDIA:
    # Forum attachments (forum/…, but board icons) only through /attachment/<id>/, which
    # asks whether the reader may see the post: a guessed path into a hidden board is a 404.
    urlpatterns.append(
        re_path(
            r"^" + settings.MEDIA_URL.lstrip("/") + r"(?P<path>(?!forum/(?!icons/)).*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

handler400 = "lanting.core.views.bad_request"
