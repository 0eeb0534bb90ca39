from django.urls import path

from lanting.reactions import views

app_name = "reactions"

urlpatterns = [
    path("post/<int:post_id>/vote/", views.post_vote, name="post-vote"),
    path("article/<int:article_id>/mood/", views.article_mood, name="article-mood"),
]
