from django.urls import URLPattern, URLResolver, path

from lanting.archiver import views

app_name = "archiver"
urlpatterns: list[URLPattern | URLResolver] = [
    path("archiver/", views.index, name="index"),
    path("archiver/forum/<str:slug>/", views.board, name="board"),
    path("archiver/thread/<int:thread_id>/", views.thread, name="thread"),
    path("archiver/category/<str:slug>/", views.category, name="category"),
    path("archiver/article/<int:article_id>/", views.article, name="article"),
]
