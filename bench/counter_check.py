"""Counters against the rows they count; run inside ``lanting shell -c``; prints one JSON line.

Every thread, board, article and member is checked (by grouped counts, a few
seconds even at a million posts), so a counter that drifted anywhere shows.
"""

import json

from django.db.models import Count, Max, Sum

from lanting.accounts.models import CreditEntry, User
from lanting.forum.models import Board, Post, Thread
from lanting.portal.models import Article, Comment

live = dict(
    Post.objects.filter(is_deleted=False).values_list("thread").annotate(n=Count("pk")).order_by()
)
top = dict(Post.objects.values_list("thread").annotate(m=Max("position")).order_by())
bad_threads = [
    {"thread": pk, "reply_count": replies, "live_posts": live.get(pk, 0),
     "last_position": last, "max_position": top.get(pk, 0)}
    for pk, replies, last in Thread.objects.values_list("pk", "reply_count", "last_position")
    if replies != live.get(pk, 0) - 1 or last != top.get(pk, 0)
]  # fmt: skip
board_threads = dict(
    Thread.objects.filter(is_deleted=False).values_list("board").annotate(n=Count("pk")).order_by()
)
board_posts = dict(
    Post.objects.filter(is_deleted=False, thread__is_deleted=False)
    .values_list("thread__board")
    .annotate(n=Count("pk"))
    .order_by()
)
bad_boards = [
    {"board": pk, "thread_count": threads, "threads": board_threads.get(pk, 0),
     "post_count": posts, "posts": board_posts.get(pk, 0)}
    for pk, threads, posts in Board.objects.values_list("pk", "thread_count", "post_count")
    if threads != board_threads.get(pk, 0) or posts != board_posts.get(pk, 0)
]  # fmt: skip
comments = dict(
    Comment.objects.filter(is_public=True).values_list("article").annotate(n=Count("pk")).order_by()
)
bad_articles = sum(
    1
    for pk, count in Article.objects.values_list("pk", "comment_count")
    if count != comments.get(pk, 0)
)
ledger = dict(CreditEntry.objects.values_list("member").annotate(t=Sum("amount")).order_by())
authored = dict(Post.objects.values_list("author").annotate(n=Count("pk")).order_by())
bad_credits = bad_post_counts = 0
for pk, credits, posts in User.objects.values_list("pk", "credits", "post_count"):
    bad_credits += credits != ledger.get(pk, 0)
    bad_post_counts += posts != authored.get(pk, 0)
print(
    json.dumps(
        {
            "threads_checked": Thread.objects.count(),
            "posts_checked": sum(top.values()) and Post.objects.count(),
            "wrong_threads": bad_threads[:20],
            "wrong_thread_count": len(bad_threads),
            "wrong_boards": bad_boards,
            "wrong_article_comment_counts": bad_articles,
            "wrong_member_post_counts": bad_post_counts,
            "wrong_member_credits": bad_credits,
            "ok": not (bad_threads or bad_boards or bad_articles or bad_credits or bad_post_counts),
        }
    )
)
