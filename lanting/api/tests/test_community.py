"""Likes, favourites, private messages and reports through the API: the pages' rules."""

import pytest
from django.test import Client
from django.utils import timezone

from lanting.accounts.models import MemberGroup
from lanting.api.models import ApiToken
from lanting.api.tests.conftest import new_member
from lanting.favorites.models import Favorite
from lanting.messages.models import Block, Conversation, Message
from lanting.messages.services import start_conversation
from lanting.moderation.models import QueueEntry, Report
from lanting.portal.services import comment_on_article
from lanting.reactions.models import PostVote

pytestmark = pytest.mark.django_db
JSON = "application/json"


def first_post(thread):
    return thread.posts.get(position=1)


# ------------------------------------------------------------------ likes


def test_a_member_supports_a_post_and_takes_it_back(as_member, member, forum):
    bot = as_member(member)
    post = first_post(forum["thread"])
    made = bot.post(f"/api/posts/{post.pk}/vote", {"attitude": "support"}, content_type=JSON)
    assert made.status_code == 201
    assert made.json() == {"post_id": post.pk, "support": 1, "against": 0, "voted": "support"}
    forum["thread"].refresh_from_db()
    assert forum["thread"].recommend_add == 1  # the first post's vote counts for the thread
    undone = bot.delete(f"/api/posts/{post.pk}/vote")
    assert undone.status_code == 200
    assert undone.json()["support"] == 0 and undone.json()["voted"] is None
    assert not PostVote.objects.exists()


def test_a_member_cannot_vote_on_their_own_post(as_member, forum):
    post = first_post(forum["thread"])
    response = as_member(forum["author"]).post(
        f"/api/posts/{post.pk}/vote", {"attitude": "support"}, content_type=JSON
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "own"
    assert error["message"] == "您不能评价自己的帖子。"
    assert not PostVote.objects.exists()


def test_voting_twice_is_a_conflict_and_counts_once(as_member, member, forum):
    bot = as_member(member)
    post = first_post(forum["thread"])
    bot.post(f"/api/posts/{post.pk}/vote", {"attitude": "against"}, content_type=JSON)
    again = bot.post(
        f"/api/posts/{post.pk}/vote",
        {"attitude": "support"},
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "You have already voted on this post."
    post.refresh_from_db()
    assert (post.support, post.against) == (0, 1)
    assert bot.delete(f"/api/posts/{post.pk}/vote").status_code == 200
    assert bot.delete(f"/api/posts/{post.pk}/vote").status_code == 409  # nothing to take back


def test_a_banned_member_may_not_vote(as_member, member, forum):
    member.group = MemberGroup.objects.get(code=MemberGroup.Code.BANNED_POST)
    member.save()
    post = first_post(forum["thread"])
    response = as_member(member).post(
        f"/api/posts/{post.pk}/vote", {"attitude": "support"}, content_type=JSON
    )
    assert response.status_code == 403
    assert not PostVote.objects.exists()


def test_a_post_in_a_hidden_board_is_404_to_voters(as_member, member, forum):
    post = first_post(forum["secret"])
    response = as_member(member).post(
        f"/api/posts/{post.pk}/vote", {"attitude": "support"}, content_type=JSON
    )
    assert response.status_code == 404
    assert not PostVote.objects.exists()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/posts/{post}/vote", {"attitude": "support"}),
        ("post", "/api/threads/{thread}/favorite", None),
        ("post", "/api/conversations", {"to": ["louzhu"], "body": "你好"}),
        ("post", "/api/reports", {"target": "post", "id": "{post}", "reason": "spam"}),
    ],
)
def test_writes_need_a_live_read_and_write_token(
    as_member, token_for, member, forum, client, method, path, body
):
    post = first_post(forum["thread"])
    url = path.format(post=post.pk, thread=forum["thread"].pk)
    if body and body.get("id") == "{post}":
        body = {**body, "id": post.pk}
    kwargs = {"content_type": JSON} if body else {}
    data = [body] if body else []

    guest = getattr(client, method)(url, *data, **kwargs)
    assert guest.status_code == 401
    reader = getattr(as_member(member, "read"), method)(url, *data, **kwargs)
    assert reader.status_code == 403
    assert reader.json()["error"]["code"] == "insufficient_scope"
    plain = token_for(member)
    ApiToken.objects.filter(member=member).update(revoked_at=timezone.now())
    revoked = getattr(Client(HTTP_AUTHORIZATION=f"Bearer {plain}"), method)(url, *data, **kwargs)
    assert revoked.status_code == 401
    assert revoked.json()["error"]["code"] == "invalid_token"
    assert not PostVote.objects.exists()
    assert not Favorite.objects.exists()
    assert not Conversation.objects.exists()
    assert not Report.objects.exists()


def test_the_sites_own_scripts_vote_with_the_session_and_its_csrf_token(member, forum):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    url = f"/api/posts/{first_post(forum['thread']).pk}/vote"
    refused = browser.post(url, {"attitude": "support"}, content_type=JSON)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf_failed"
    browser.get("/accounts/settings/")
    token = browser.cookies["csrftoken"].value
    made = browser.post(url, {"attitude": "support"}, content_type=JSON, HTTP_X_CSRFTOKEN=token)
    assert made.status_code == 201


# ------------------------------------------------------------------ favourites


def test_a_member_keeps_a_thread_and_an_article_and_lets_them_go(as_member, member, forum, article):
    bot = as_member(member)
    thread = forum["thread"]
    kept = bot.post(f"/api/threads/{thread.pk}/favorite")
    assert kept.status_code == 201
    assert kept.json()["kind"] == "thread" and kept.json()["item_id"] == thread.pk
    assert bot.post(f"/api/articles/{article.pk}/favorite").status_code == 201
    thread.refresh_from_db()
    assert thread.favorite_count == 1
    listed = bot.get("/api/favorites").json()
    assert [f["kind"] for f in listed["items"]] == ["article", "thread"]
    twice = bot.post(f"/api/threads/{thread.pk}/favorite")
    assert twice.status_code == 409
    assert twice.json()["error"]["message"] == "已经在您的收藏中了。"
    assert bot.delete(f"/api/threads/{thread.pk}/favorite").status_code == 204
    assert bot.delete(f"/api/threads/{thread.pk}/favorite").status_code == 404
    thread.refresh_from_db()
    assert thread.favorite_count == 0
    assert list(Favorite.objects.values_list("kind", flat=True)) == ["article"]


def test_a_hidden_thread_cannot_be_kept(as_member, member, forum):
    response = as_member(member).post(f"/api/threads/{forum['secret'].pk}/favorite")
    assert response.status_code == 404
    assert not Favorite.objects.exists()


def test_favourites_are_read_with_a_read_token_and_only_ones_own(as_member, member, forum):
    as_member(forum["author"]).post(f"/api/threads/{forum['thread'].pk}/favorite")
    mine = as_member(member, "read").get("/api/favorites")
    assert mine.status_code == 200
    assert mine.json()["items"] == []


# ------------------------------------------------------------------ private messages


def test_a_member_starts_a_conversation_and_the_other_answers(as_member, member, forum):
    started = as_member(member).post(
        "/api/conversations",
        {"to": ["louzhu"], "subject": "租房", "body": "你好，房子还在吗？"},
        content_type=JSON,
    )
    assert started.status_code == 201
    data = started.json()
    assert data["participants"] == ["reader", "louzhu"]
    assert [m["body"] for m in data["messages"]] == ["你好，房子还在吗？"]
    other = as_member(forum["author"])
    inbox = other.get("/api/conversations").json()
    assert [(c["id"], c["unread"]) for c in inbox["items"]] == [(data["id"], 1)]
    read = other.get(f"/api/conversations/{data['id']}").json()
    assert read["messages"][0]["author"] == "reader"
    assert other.get("/api/conversations").json()["items"][0]["unread"] == 0  # read now
    answered = other.post(
        f"/api/conversations/{data['id']}/messages", {"body": "还在。"}, content_type=JSON
    )
    assert answered.status_code == 201
    assert Message.objects.filter(conversation_id=data["id"]).count() == 2


def test_only_the_conversations_members_may_read_or_answer_it(
    as_member, member, forum, make_member_with_rank
):
    conversation = start_conversation(author=forum["author"], to="zhanzhang", body="私事")
    outsider = as_member(member)
    assert outsider.get(f"/api/conversations/{conversation.pk}").status_code == 404
    answer = outsider.post(
        f"/api/conversations/{conversation.pk}/messages", {"body": "插一句"}, content_type=JSON
    )
    assert answer.status_code == 404
    assert outsider.get("/api/conversations").json()["items"] == []
    assert outsider.get(f"/api/conversations/{2**70}").status_code == 404  # past any id
    assert Message.objects.count() == 1


def test_writing_to_someone_who_blocks_you_is_refused_naming_to(as_member, member, forum):
    Block.objects.create(member=forum["author"], blocked=member)
    response = as_member(member).post(
        "/api/conversations",
        {"to": ["louzhu"], "body": "在吗"},
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "to_blocked"
    assert error["fields"]["to"] == ["louzhu does not accept private messages from you."]
    assert not Conversation.objects.exists()


def test_answering_someone_who_has_since_blocked_you_is_refused(as_member, member, forum):
    conversation = start_conversation(author=member, to="louzhu", body="你好")
    Block.objects.create(member=forum["author"], blocked=member)
    response = as_member(member).post(
        f"/api/conversations/{conversation.pk}/messages", {"body": "再问一下"}, content_type=JSON
    )
    assert response.status_code == 403
    assert "to" in response.json()["error"]["fields"]
    assert Message.objects.count() == 1


def test_a_group_that_may_not_message_is_refused(as_member, member, forum):
    group = member.current_group
    group.can_message = False
    group.save()
    response = as_member(member).post(
        "/api/conversations", {"to": ["louzhu"], "body": "你好"}, content_type=JSON
    )
    assert response.status_code == 403
    assert not Conversation.objects.exists()


def test_an_unknown_name_is_a_404_and_oneself_a_403_naming_to(as_member, member, forum):
    bot = as_member(member)
    response = bot.post(
        "/api/conversations", {"to": ["nobody-here"], "body": "你好"}, content_type=JSON
    )
    assert response.status_code == 404
    assert "to" in response.json()["error"]["fields"]
    response = bot.post("/api/conversations", {"to": ["reader"], "body": "你好"}, content_type=JSON)
    assert response.status_code == 403
    assert "to" in response.json()["error"]["fields"]


# ------------------------------------------------------------------ reports


def test_reporting_a_post_reaches_the_queue_and_twice_is_a_conflict(as_member, member, forum):
    bot = as_member(member)
    post = first_post(forum["thread"])
    body = {"target": "post", "id": post.pk, "reason": "spam", "text": "广告"}
    made = bot.post("/api/reports", body, content_type=JSON)
    assert made.status_code == 201
    assert made.json()["reason"] == "spam"
    again = bot.post("/api/reports", body, content_type=JSON)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_reported"
    # Another member's report of the same post joins the same queue entry.
    other = new_member("another")
    assert as_member(other).post("/api/reports", body, content_type=JSON).status_code == 201
    entry = QueueEntry.objects.get()
    assert entry.report_count == 2
    assert entry.reports.count() == 2


def test_comments_messages_and_profiles_can_be_reported(as_member, member, forum, article):
    comment = comment_on_article(article=article, author=forum["author"], body="评论内容")
    conversation = start_conversation(author=forum["author"], to="reader", body="骚扰信息")
    message = conversation.messages.get()
    bot = as_member(member)
    for target, object_id in [
        ("comment", comment.pk),
        ("message", message.pk),
        ("member", forum["author"].pk),
    ]:
        response = bot.post(
            "/api/reports",
            {"target": target, "id": object_id, "reason": "abuse"},
            content_type=JSON,
        )
        assert response.status_code == 201, response.json()
    assert QueueEntry.objects.count() == 3


def test_what_the_member_may_not_see_cannot_be_reported(as_member, member, forum):
    conversation = start_conversation(author=forum["author"], to="zhanzhang", body="私事")
    bot = as_member(member)
    for target, object_id in [
        ("message", conversation.messages.get().pk),
        ("post", first_post(forum["secret"]).pk),
    ]:
        response = bot.post(
            "/api/reports", {"target": target, "id": object_id, "reason": "spam"}, content_type=JSON
        )
        assert response.status_code == 404
    assert not Report.objects.exists()


def test_own_content_and_a_bare_something_else_are_refused(as_member, forum):
    bot = as_member(forum["author"])
    post = first_post(forum["thread"])
    own = bot.post(
        "/api/reports", {"target": "post", "id": post.pk, "reason": "spam"}, content_type=JSON
    )
    assert own.status_code == 403
    assert own.json()["error"]["message"] == "您不能举报自己的内容。"
    reply = forum["thread"].posts.get(position=2)
    bare = bot.post(
        "/api/reports", {"target": "post", "id": reply.pk, "reason": "other"}, content_type=JSON
    )
    assert bare.status_code == 400
    assert not Report.objects.exists()


def test_the_word_filter_refuses_a_message_naming_its_body(as_member, member, forum):
    from lanting.moderation.models import CensorWord

    CensorWord.objects.create(find="发票", action="banned")
    response = as_member(member).post(
        "/api/conversations", {"to": ["louzhu"], "body": "代开发票"}, content_type=JSON
    )
    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]
    assert not Conversation.objects.exists()
