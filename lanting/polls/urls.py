from django.urls import path

from lanting.polls import views

app_name = "polls"
urlpatterns = [
    path("thread/<int:thread_id>/poll/vote/", views.vote, name="vote"),
    path("thread/<int:thread_id>/poll/close/", views.close, name="close"),
]
