from django.urls import path

from lanting.messages import views

app_name = "pm"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/new/", views.new_conversation, name="new"),
    path("messages/blocked/", views.blocked, name="blocked"),
    path("messages/blocked/<int:member_id>/remove/", views.unblock, name="unblock"),
    path("messages/<int:conversation_id>/", views.conversation, name="conversation"),
    path("messages/<int:conversation_id>/leave/", views.leave, name="leave"),
    path("messages/<int:conversation_id>/block/", views.block_in_conversation, name="block"),
]
