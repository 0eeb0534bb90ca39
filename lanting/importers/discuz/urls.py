from django.urls import URLPattern, URLResolver, path, re_path

from lanting.importers.discuz import views

# Old Discuz! addresses, with and without its URL rewriting; each answers 301.
# Numbers are matched as ASCII digits of any length, so a huge one reaches the
# view and gets a 404 there, not a 500 from the database.
app_name = "discuz"
urlpatterns: list[URLPattern | URLResolver] = [
    path("portal.php", views.portal_php, name="portal-php"),
    path("forum.php", views.forum_php, name="forum-php"),
    path("home.php", views.home_php, name="home-php"),
    re_path(
        r"^article-(?P<old_id>[0-9]+)-(?P<page>[0-9]+)\.html$",
        views.article_html,
        name="article-html",
    ),
    re_path(
        r"^thread-(?P<old_id>[0-9]+)-(?P<page>[0-9]+)-[0-9]+\.html$",
        views.thread_html,
        name="thread-html",
    ),
    re_path(
        r"^forum-(?P<old_id>[0-9]+)-(?P<page>[0-9]+)\.html$", views.forum_html, name="forum-html"
    ),
    re_path(r"^space-uid-(?P<old_id>[0-9]+)\.html$", views.space_html, name="space-html"),
    re_path(
        r"^archiver/(?P<kind>tid|fid|aid)-(?P<old_id>[0-9]+)\.html$",
        views.archiver_html,
        name="archiver",
    ),
]
