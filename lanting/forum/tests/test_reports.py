"""举报: members report posts, comments and profiles; moderators act from the queue."""

import pytest
from django.core.exceptions import ValidationError

from lanting.forum import services
from lanting.moderation import queue
from lanting.moderation.models import Ban, QueueEntry, Report
from lanting.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(thread, make_member):
    return services.reply_to_thread(thread=thread, author=make_member("spammer"), body="便宜手表")


def _report_url(post):
    return f"/report/forum.post/{post.pk}/"


def test_every_post_has_a_report_link(client, thread, reply):
    html = client.get(thread.get_absolute_url()).content.decode()
    assert _report_url(reply) in html and "举报" in html


def test_a_guest_is_asked_to_log_in_first(client, reply):
    response = client.get(_report_url(reply))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_repeated_reports_collapse_into_one_entry_with_a_count(client, reply, make_member):
    for name in ("a1", "a2", "a3"):
        client.force_login(make_member(name))
        response = client.post(_report_url(reply), {"reason": "spam", "text": "广告"})
        assert response.status_code == 302
    entry = QueueEntry.objects.get(kind="report")
    assert entry.report_count == 3 and entry.reports.count() == 3


def test_the_same_member_cannot_report_twice_and_is_told(client, reply, member):
    client.force_login(member)
    client.post(_report_url(reply), {"reason": "spam"})
    again = client.post(_report_url(reply), {"reason": "abuse", "text": "又来"})
    assert again.status_code == 400
    html = again.content.decode()
    assert "您已经举报过此内容" in html and "又来" in html
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({}, "必填"),
        ({"reason": "nonsense"}, "选择一个有效的选项"),
        ({"reason": "other"}, "请说明问题所在"),
        ({"reason": "spam", "text": "x" * 501}, "500"),
    ],
)
def test_bad_report_input_is_answered_on_the_page(client, reply, member, data, says):
    client.force_login(member)
    response = client.post(_report_url(reply), data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Report.objects.exists()


def test_own_post_cannot_be_reported(reply):
    with pytest.raises(ValidationError):
        queue.report_content(target=reply, reporter=reply.author, reason="spam")


def test_unknown_or_deleted_targets_are_404(client, member, reply, moderator):
    client.force_login(member)
    assert client.get("/report/forum.nothing/1/").status_code == 404
    assert client.get("/report/forum.post/999999/").status_code == 404
    services.delete_post(post=reply, actor=moderator)
    assert client.get(_report_url(reply)).status_code == 404


def test_members_get_a_clear_403_in_the_site_layout(client, member):
    client.force_login(member)
    response = client.get("/moderation/queue/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "审核队列仅供版主使用" in html and "<footer" in html


def test_a_board_moderator_sees_their_boards_items_only(
    client, reply, moderator, other_board, make_thread, make_member, super_moderator
):
    elsewhere = make_thread(other_board, title="别处的帖子")
    far = services.reply_to_thread(thread=elsewhere, author=make_member("far"), body="别处广告")
    reporter = make_member("reporter")
    queue.report_content(target=reply, reporter=reporter, reason="spam")
    queue.report_content(target=far, reporter=reporter, reason="spam")
    client.force_login(moderator)
    html = client.get("/moderation/queue/?kind=report").content.decode()
    assert "便宜手表" in html and "别处广告" not in html
    client.force_login(super_moderator)
    html = client.get("/moderation/queue/?kind=report").content.decode()
    assert "便宜手表" in html and "别处广告" in html


def test_delete_from_the_queue_tells_the_reporters(
    client, reply, moderator, make_member, django_capture_on_commit_callbacks
):
    reporters = [make_member(f"r{n}") for n in range(2)]
    for person in reporters:
        queue.report_content(target=reply, reporter=person, reason="spam")
    entry = QueueEntry.objects.get()
    client.force_login(moderator)
    # No reason: refused on the queue page, what was typed kept.
    refused = client.post(f"/moderation/queue/{entry.pk}/", {"action": "remove", "reason": " "})
    assert refused.status_code == 400 and "请填写理由" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/moderation/queue/{entry.pk}/", {"action": "remove", "reason": "广告"})
    assert done.status_code == 302
    reply.refresh_from_db()
    assert reply.is_deleted
    told = Notification.objects.filter(kind="report_done", recipient__in=reporters)
    assert told.count() == 2 and "广告" in told.first().text


def test_dismiss_keeps_the_post_and_tells_the_reporter(
    reply, moderator, member, django_capture_on_commit_callbacks
):
    entry = queue.report_content(target=reply, reporter=member, reason="abuse", text="?")
    with django_capture_on_commit_callbacks(execute=True):
        queue.resolve_entry(entry=entry, moderator=moderator, action="dismiss")
    reply.refresh_from_db()
    assert not reply.is_deleted
    assert Notification.objects.filter(kind="report_done", recipient=member).exists()
    # A new report of the same post opens a new entry.
    again = queue.report_content(target=reply, reporter=moderator, reason="spam")
    assert again.pk != entry.pk


def test_ban_the_author_from_the_queue(reply, moderator, member):
    entry = queue.report_content(target=reply, reporter=member, reason="spam")
    queue.resolve_entry(entry=entry, moderator=moderator, action="ban", reason="广告机")
    assert Ban.objects.get(member=reply.author).reason == "广告机"
    reply.refresh_from_db()
    assert reply.is_deleted


def test_a_comment_and_a_profile_can_be_reported(client, article, make_member, super_moderator):
    from lanting.portal.services import comment_on_article

    author = make_member("commenter", signature="加我微信")
    comment = comment_on_article(article=article, author=author, body="不错")
    reporter = make_member("reporter")
    client.force_login(reporter)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"/report/portal.comment/{comment.pk}/" in html
    assert (
        client.post(f"/report/portal.comment/{comment.pk}/", {"reason": "spam"}).status_code == 302
    )
    profile = client.get(author.get_absolute_url()).content.decode()
    assert f"/report/accounts.user/{author.pk}/" in profile
    assert client.post(f"/report/accounts.user/{author.pk}/", {"reason": "spam"}).status_code == 302
    entry = QueueEntry.objects.get(content_type__model="user")
    queue.resolve_entry(entry=entry, moderator=super_moderator, action="remove", reason="广告签名")
    author.refresh_from_db()
    assert author.signature == ""


def test_a_held_comment_shows_to_its_author_alone_until_approved(
    client, article, make_member, super_moderator
):
    from lanting.moderation.models import CensorWord

    CensorWord.objects.create(find="代办", action="mod")
    author, other = make_member("commenter"), make_member("other")
    client.force_login(author)
    response = client.post(f"/article/{article.pk}/comment/", {"body": "专业代办签证"}, follow=True)
    html = response.content.decode()
    assert "专业代办签证" in html and "等待审核" in html
    article.refresh_from_db()
    assert article.comment_count == 0
    client.force_login(other)
    assert "专业代办签证" not in client.get(article.get_absolute_url()).content.decode()
    entry = QueueEntry.objects.get(kind="pending")
    queue.resolve_entry(entry=entry, moderator=super_moderator, action="approve")
    article.refresh_from_db()
    assert article.comment_count == 1
    html = client.get(article.get_absolute_url()).content.decode()
    assert "专业代办签证" in html and "等待审核" not in html
