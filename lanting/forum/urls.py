from django.urls import path

from lanting.forum import feeds, views

app_name = "forum"
urlpatterns = [
    path("forum/", views.index, name="index"),
    path("forum/recycle-bin/", views.recycle_bin, name="recycle-bin"),
    path("forum/<str:slug>/", views.board, name="board"),
    path("forum/<str:slug>/new/", views.new_thread, name="thread-new"),
    path("forum/<str:slug>/moderate/", views.board_moderate, name="board-moderate"),
    path("thread/<int:thread_id>/", views.thread, name="thread"),
    path("thread/<int:thread_id>/unread/", views.first_unread, name="thread-unread"),
    path("thread/<int:thread_id>/reply/", views.reply, name="thread-reply"),
    path("thread/<int:thread_id>/moderate/", views.moderate, name="thread-moderate"),
    path("thread/<int:thread_id>/delete/", views.delete_thread, name="thread-delete"),
    path("post/<int:post_id>/edit/", views.edit_post, name="post-edit"),
    path("post/<int:post_id>/delete/", views.delete_post, name="post-delete"),
    path("post/<int:post_id>/restore/", views.restore_post, name="post-restore"),
    path("attachment/<int:attachment_id>/", views.attachment, name="attachment"),
    path("forum/<str:slug>/feed/", feeds.BoardThreadsFeed(), name="board-feed"),
    path("forum/<str:slug>/feed/atom/", feeds.BoardThreadsAtomFeed(), name="board-feed-atom"),
    path("thread/<int:thread_id>/feed/", feeds.ThreadPostsFeed(), name="thread-feed"),
    path("thread/<int:thread_id>/feed/atom/", feeds.ThreadPostsAtomFeed(), name="thread-feed-atom"),
]
