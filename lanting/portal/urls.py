from django.urls import path

from lanting.portal import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("category/<str:slug>/", views.category, name="category"),
    path("article/<int:article_id>/", views.article, name="article"),
    path("article/<int:article_id>/comments/", views.article_comments, name="article-comments"),
    path("article/<int:article_id>/comment/", views.article_comment, name="article-comment"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("category/<str:slug>/feed/", feeds.CategoryArticlesFeed(), name="category-feed"),
    path(
        "category/<str:slug>/feed/atom/",
        feeds.CategoryArticlesAtomFeed(),
        name="category-feed-atom",
    ),
]
