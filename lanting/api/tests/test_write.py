"""Writing through the API: the pages' services, their rules, their refusals."""

import pytest
from django.test import Client

from lanting.accounts.models import MemberGroup
from lanting.forum.models import Post, Thread
from lanting.notifications.models import Notification
from lanting.portal.models import Comment

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_thread_with_a_token(as_member, member, forum):
    response = as_member(member).post(
        "/api/boards/life/threads",
        {"title": "  周末  去哪儿 ", "body": "推荐一下"},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    thread = Thread.objects.get(pk=data["id"])
    assert thread.title == "周末 去哪儿"  # cleaned by the service, as on the page
    assert thread.author == member
    member.refresh_from_db()
    assert member.post_count == 1  # credits and counts, as the page's thread


def test_a_reply_notifies_the_threads_author_and_is_searchable(
    as_member, member, forum, client, django_capture_on_commit_callbacks
):
    thread = forum["thread"]
    with django_capture_on_commit_callbacks(execute=True):
        response = as_member(member).post(
            f"/api/threads/{thread.pk}/posts",
            {"body": "楼主好，伦敦的押金一般多少？"},
            content_type="application/json",
        )
    assert response.status_code == 201
    assert response.json()["position"] == 3
    assert Notification.objects.filter(recipient=forum["author"], kind="reply").exists()
    found = client.get("/api/search/results", {"q": "押金"}).json()
    assert found["total"] == 1


def test_guests_get_401_and_the_one_error_shape(client, forum):
    response = client.post(
        f"/api/threads/{forum['thread'].pk}/posts", {"body": "hi"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert forum["thread"].posts.count() == 2


def test_a_read_token_may_not_write(as_member, member, forum):
    response = as_member(member, "read").post(
        f"/api/threads/{forum['thread'].pk}/posts", {"body": "hi"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


def test_the_hidden_board_is_404_to_writers_who_may_not_read_it(as_member, member, forum):
    reader = as_member(member)
    secret = forum["secret"]
    reply = reader.post(
        f"/api/threads/{secret.pk}/posts", {"body": "进来了"}, content_type="application/json"
    )
    assert reply.status_code == 404
    new = reader.post(
        "/api/boards/office/threads", {"title": "x", "body": "y"}, content_type="application/json"
    )
    assert new.status_code == 404
    assert secret.posts.count() == 1


def test_a_banned_member_is_refused_with_the_reason_and_nothing_is_written(
    as_member, member, forum
):
    member.group = MemberGroup.objects.get(code=MemberGroup.Code.BANNED_POST)
    member.group_reason = "发广告"
    member.save()
    response = as_member(member).post(
        f"/api/threads/{forum['thread'].pk}/posts", {"body": "hi"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "发广告" in response.json()["error"]["message"]
    assert forum["thread"].posts.count() == 2


def test_a_closed_thread_refuses_replies_in_the_members_language(as_member, member, forum):
    Thread.objects.filter(pk=forum["thread"].pk).update(is_closed=True)
    member.language = "en"
    member.save()
    response = as_member(member).post(
        f"/api/threads/{forum['thread'].pk}/posts", {"body": "hi"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "This thread is closed: no more replies."


def test_service_validation_errors_are_400s_with_fields(as_member, member, forum):
    from lanting.forum.models import ThreadField

    ThreadField.objects.create(board=forum["public"], name="rent", label="租金", kind="number")
    response = as_member(member).post(
        "/api/boards/life/threads",
        {"title": "出租", "body": "好房", "fields": {"rent": "很便宜"}},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"rent": ["租金 must be a number."]}
    empty = as_member(member).post(
        f"/api/threads/{forum['thread'].pk}/posts",
        {"body": "   "},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",
    )
    assert empty.status_code == 400
    assert (
        empty.json()["error"]["message"] == "写点什么再发表。" or empty.json()["error"]["message"]
    )


def test_a_malformed_body_is_a_400_naming_the_field(as_member, member, forum):
    response = as_member(member).post(
        f"/api/threads/{forum['thread'].pk}/posts",
        {"markup": "html"},
        content_type="application/json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"body", "markup"}


def test_members_edit_their_own_posts_and_not_others(as_member, member, forum):
    own = as_member(forum["author"])
    first = forum["thread"].posts.get(position=1)
    response = own.patch(
        f"/api/posts/{first.pk}",
        {"body": "改过了", "title": "新标题"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["body"] == "改过了"
    assert Thread.objects.get(pk=forum["thread"].pk).title == "新标题"
    other = as_member(member).patch(
        f"/api/posts/{first.pk}", {"body": "我来改"}, content_type="application/json"
    )
    assert other.status_code == 403
    assert Post.objects.get(pk=first.pk).body == "改过了"


def test_delete_own_reply_yes_anothers_only_as_moderator_with_a_reason(as_member, member, forum):
    thread = forum["thread"]
    reader, staff = as_member(member), as_member(forum["staff"])
    url = f"/api/threads/{thread.pk}/posts"
    own = reader.post(url, {"body": "删我"}, content_type="application/json").json()
    others = (
        as_member(forum["author"])
        .post(url, {"body": "楼主的回复"}, content_type="application/json")
        .json()
    )
    assert reader.delete(f"/api/posts/{others['id']}").status_code == 403
    assert reader.delete(f"/api/posts/{own['id']}").status_code == 204
    assert Post.objects.get(pk=own["id"]).is_deleted
    no_reason = staff.delete(f"/api/posts/{others['id']}")
    assert no_reason.status_code == 400  # another's post: the author is told why
    assert "reason" in no_reason.json()["error"]["fields"]
    assert staff.delete(f"/api/posts/{others['id']}?reason=灌水").status_code == 204
    assert Post.objects.get(pk=others["id"]).is_deleted
    assert staff.delete(f"/api/threads/{thread.pk}").status_code == 400
    assert reader.delete(f"/api/threads/{thread.pk}?reason=x").status_code == 403
    assert staff.delete(f"/api/threads/{thread.pk}?reason=重复").status_code == 204
    assert Thread.objects.get(pk=thread.pk).is_deleted
    assert reader.get(f"/api/threads/{thread.pk}").status_code == 404


def test_an_article_comment(as_member, member, article, client):
    response = as_member(member).post(
        f"/api/articles/{article.pk}/comments", {"body": "好文章"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Comment.objects.get().author == member
    closed = article.__class__.objects.filter(pk=article.pk).update(allow_comments=False)
    assert closed
    refused = as_member(member).post(
        f"/api/articles/{article.pk}/comments", {"body": "再来"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert Comment.objects.count() == 1


def test_the_sites_own_scripts_post_with_the_session_and_its_csrf_token(member, forum):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    url = f"/api/threads/{forum['thread'].pk}/posts"
    refused = browser.post(url, {"body": "没有令牌"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf_failed"
    browser.get("/accounts/settings/")  # sets the CSRF cookie, as any page with a form does
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        url, {"body": "带着令牌"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201
    assert browser.get(f"/api/posts/{accepted.json()['id']}").status_code == 200
