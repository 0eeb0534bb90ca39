"""Watching (关注) threads and boards: who is told of what, once, and how to stop."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction

from lanting.accounts.models import MemberGroup
from lanting.forum import services as forum
from lanting.forum.models import Board, BoardPermission, Section
from lanting.notifications import selectors, watching
from lanting.notifications.models import MailPreference, Notification, Watch
from lanting.portal import services as portal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board(db):
    section = Section.objects.create(name="生活")
    return Board.objects.create(section=section, name="杂谈", slug="talk")


@pytest.fixture
def people(make_member):
    return {name: make_member(name) for name in ["louzhu", "huitie", "amy", "bob"]}


def notices(member, kind="watched"):
    return list(Notification.objects.filter(recipient=member, kind=kind))


def test_a_reply_in_a_watched_thread_tells_the_watcher_not_the_author(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="找室友", body="一楼")
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk)
    watching.watch(member=people["huitie"], target="thread", target_id=thread.pk)
    post = forum.reply_to_thread(
        thread=thread, author=people["huitie"], body="我有兴趣，租金多少？"
    )
    [notice] = notices(people["amy"])
    assert notice.actor_name == "huitie" and notice.subject == "找室友"
    assert notice.url == post.get_absolute_url()
    assert notice.group_key == f"watched:thread:{thread.pk}"
    assert notice.text == "我有兴趣，租金多少？"
    assert notices(people["huitie"]) == []  # the author of the reply
    # The thread's author watches it (started it) but hears of it once, as a reply.
    assert Watch.objects.filter(member=people["louzhu"], thread=thread).exists()
    assert [n.kind for n in Notification.objects.filter(recipient=people["louzhu"])] == ["reply"]


def test_a_watcher_mentioned_in_the_reply_is_told_once(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk)
    forum.reply_to_thread(thread=thread, author=people["bob"], body="@amy 你看")
    kinds = [n.kind for n in Notification.objects.filter(recipient=people["amy"])]
    assert kinds == ["mention"]


def test_watched_notices_group_per_thread_and_offer_unwatch(client, board, people):
    thread = forum.create_thread(
        board=board, author=people["louzhu"], title="周末爬山", body="一楼"
    )
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk)
    for name in ["huitie", "bob", "huitie"]:
        forum.reply_to_thread(thread=thread, author=people[name], body=f"{name} 来了")
    client.force_login(people["amy"])
    page = client.get("/notifications/")
    [group] = page.context["groups"]
    assert group.kind == "watched" and group.actors == ["huitie", "bob"]
    assert group.watch_target == ("thread", thread.pk)
    html = page.content.decode()
    assert "huitie 和另外 1 人在你关注的《周末爬山》中回复" in html
    assert "取消关注此主题" in html
    response = client.post(
        "/notifications/unwatch/",
        {"target": "thread", "id": thread.pk, "next": "/notifications/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/notifications/"
    assert "你已不再关注" in response.content.decode()
    assert not Watch.objects.filter(member=people["amy"]).exists()
    forum.reply_to_thread(thread=thread, author=people["bob"], body="还有人吗")
    assert len(notices(people["amy"])) == 3  # nothing new


def test_a_new_thread_in_a_watched_board_tells_its_watchers(client, board, people):
    watching.watch(member=people["amy"], target="board", target_id=board.pk, mode="digest")
    thread = forum.create_thread(
        board=board, author=people["bob"], title="出二手自行车", body="九成新"
    )
    [notice] = notices(people["amy"])
    assert notice.group_key == f"watched:board:{board.pk}" and notice.subject == "杂谈"
    assert notice.text == "出二手自行车" and notice.url == thread.posts.get().get_absolute_url()
    forum.reply_to_thread(thread=thread, author=people["huitie"], body="多少钱")
    assert len(notices(people["amy"])) == 1  # a board watch hears of threads, not replies
    client.force_login(people["amy"])
    html = client.get("/notifications/").content.decode()
    assert "bob 在你关注的版块《杂谈》发表了新主题" in html and "取消关注此版块" in html


def test_a_watcher_who_may_no_longer_read_the_board_is_not_told(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk)
    insiders = MemberGroup.objects.create(name="内部", kind=MemberGroup.Kind.SPECIAL)
    others = MemberGroup.objects.create(name="外部", kind=MemberGroup.Kind.SPECIAL)
    BoardPermission.objects.create(board=board, group=insiders)
    BoardPermission.objects.create(board=board, group=others, can_view=False)
    cache.clear()
    staff = people["bob"]
    staff.is_staff = staff.is_superuser = True
    staff.save()
    forum.reply_to_thread(thread=thread, author=staff, body="内部消息")
    assert notices(people["amy"]) == []


def test_threads_you_start_are_watched_and_replies_as_you_choose(board, people):
    louzhu, amy = people["louzhu"], people["amy"]
    thread = forum.create_thread(board=board, author=louzhu, title="t", body="一楼")
    assert Watch.objects.get(member=louzhu).thread_id == thread.pk
    forum.reply_to_thread(thread=thread, author=amy, body="二楼")
    assert not Watch.objects.filter(member=amy).exists()  # replying watches only when asked
    MailPreference.objects.create(member=amy, watch_replied=True)
    MailPreference.objects.create(member=people["bob"], watch_started=False)
    forum.reply_to_thread(thread=thread, author=amy, body="三楼")
    assert Watch.objects.filter(member=amy, thread=thread).exists()
    forum.create_thread(board=board, author=people["bob"], title="不关注", body="一楼")
    assert not Watch.objects.filter(member=people["bob"]).exists()


def test_one_watch_per_member_and_thing_whatever_the_race(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk)
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk, mode="digest")
    assert Watch.objects.get(member=people["amy"]).mode == "digest"
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(member=people["amy"], thread=thread)
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(member=people["amy"], thread=thread, board=board)


def test_the_button_on_the_shared_thread_page_is_each_reader_s_own(client, board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    cache.clear()
    client.force_login(people["amy"])
    html = client.get(thread.get_absolute_url()).content.decode()
    assert ">关注</button>" in html and "<!--watch:" not in html
    response = client.post(
        "/notifications/watch/",
        {"target": "thread", "id": thread.pk, "mode": "instant", "next": thread.get_absolute_url()},
        follow=True,
    )
    assert "关注成功" in response.content.decode()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "已关注" in html and ">取消关注</button>" in html
    client.force_login(people["bob"])  # the same kept copy, another reader
    html = client.get(thread.get_absolute_url()).content.decode()
    assert ">关注</button>" in html and "已关注" not in html
    client.logout()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "登录后关注" in html and ">关注</button>" not in html


def test_the_board_page_has_its_button(client, board, people):
    client.force_login(people["amy"])
    assert ">关注</button>" in client.get("/forum/talk/").content.decode()
    client.post("/notifications/watch/", {"target": "board", "id": board.pk, "mode": "digest"})
    html = client.get("/forum/talk/").content.decode()
    assert "已关注（每日摘要）" in html


def test_bad_watch_requests_say_why_on_the_page(client, board, people):
    client.force_login(people["amy"])
    for data in [
        {"target": "user", "id": "1"},
        {"target": "thread", "id": "x"},
        {"target": "thread", "id": "999999"},
        {"target": "board", "id": str(board.pk), "mode": "weekly"},
    ]:
        response = client.post("/notifications/watch/", {**data, "next": "/forum/"}, follow=True)
        assert response.redirect_chain[-1][0] == "/forum/"
        assert 'class="messages"' in response.content.decode()
        assert "error" in response.content.decode()
    assert not Watch.objects.exists()
    assert client.get("/notifications/watch/").status_code == 405


def test_a_board_you_may_not_read_cannot_be_watched(client, board, people):
    others = MemberGroup.objects.create(name="外部", kind=MemberGroup.Kind.SPECIAL)
    insiders = MemberGroup.objects.create(name="内部", kind=MemberGroup.Kind.SPECIAL)
    BoardPermission.objects.create(board=board, group=insiders)
    BoardPermission.objects.create(board=board, group=others, can_view=False)
    cache.clear()
    client.force_login(people["amy"])
    response = client.post(
        "/notifications/watch/", {"target": "board", "id": board.pk, "next": "/forum/"}, follow=True
    )
    assert "不能关注" in response.content.decode()
    assert not Watch.objects.exists()


def test_the_watching_page_lists_and_changes_watches(client, board, people):
    thread = forum.create_thread(board=board, author=people["amy"], title="我的帖子", body="一楼")
    watching.watch(member=people["amy"], target="board", target_id=board.pk)
    client.force_login(people["amy"])
    html = client.get("/notifications/watching/").content.decode()
    assert "我的帖子" in html and "杂谈" in html
    client.post(
        "/notifications/watch/",
        {"target": "thread", "id": thread.pk, "mode": "digest", "next": "/notifications/watching/"},
    )
    assert Watch.objects.get(thread=thread).mode == "digest"
    assert [w.target for w in watching.watches_of(people["amy"].pk)] == ["board", "thread"]
    client.logout()
    assert client.get("/notifications/watching/").status_code == 302


def test_a_comment_on_my_article_tells_me(client, make_article, people, publisher):
    article = make_article("伦敦春节活动")
    comment = portal.comment_on_article(article=article, author=people["amy"], body="去年很热闹")
    [notice] = Notification.objects.filter(recipient=publisher)
    assert notice.kind == "comment" and notice.subject == "伦敦春节活动"
    assert notice.url == comment.get_absolute_url() and notice.text == "去年很热闹"
    portal.comment_on_article(article=article, author=people["bob"], body="今年去")
    portal.comment_on_article(article=article, author=publisher, body="欢迎")  # not to oneself
    assert Notification.objects.filter(recipient=publisher).count() == 2
    client.force_login(publisher)
    [group] = client.get("/notifications/").context["groups"]
    assert group.actors == ["bob", "amy"]


def test_watch_state_is_cached_and_forgotten_on_change(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    amy = people["amy"].pk
    assert watching.watch_mode(amy, "thread", thread.pk) == ""
    watching.watch(member=people["amy"], target="thread", target_id=thread.pk)
    assert watching.watch_mode(amy, "thread", thread.pk) == "instant"
    watching.unwatch(member_id=amy, target="thread", target_id=thread.pk)
    assert watching.watch_mode(amy, "thread", thread.pk) == ""


def test_group_watch_target_reads_the_key():
    group = selectors.Group(
        kind="watched", subject="s", url="/", latest=None, unread=True, key="watched:board:3"
    )
    assert group.watch_target == ("board", 3)
    group.kind = "reply"
    assert group.watch_target is None


def test_the_watching_page_costs_the_same_for_few_or_many(client, board, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    amy = people["amy"]
    client.force_login(amy)
    counts = []
    for size in (1, 20):
        for n in range(size):
            thread = forum.create_thread(board=board, author=people["bob"], title=f"t{n}", body="b")
            watching.watch(member=amy, target="thread", target_id=thread.pk)
        client.get("/notifications/watching/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/notifications/watching/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    deleted = Watch.objects.filter(member=amy).first().thread
    deleted.is_deleted = True
    deleted.save()
    assert len(client.get("/notifications/watching/").context["threads"]) == 20
