"""The spam wave of issue #17: 20 accounts registered through the form post fast, with links
and banned words. Nothing banned is saved, what waits is on no public page, feed or search
result, flood control holds, purging a spammer takes all of theirs off pages and search,
and the counters are exact afterwards."""

import re

import pytest
from django.core import mail
from django.db.models import Count

from lanting.accounts.models import MemberGroup, User
from lanting.conftest import PASSWORD
from lanting.forum import services
from lanting.forum.models import Board, Post, Section, Thread
from lanting.moderation import queue
from lanting.moderation.models import CensorWord, QueueEntry
from lanting.moderation.purge import purge_member

pytestmark = pytest.mark.django_db
SPAMMERS = 20


@pytest.fixture
def site(settings, make_member):
    settings.LANTING_FLOOD_CONTROL = True
    newcomers = MemberGroup.objects.get(kind=MemberGroup.Kind.RANK, min_credits=0)
    newcomers.flood_seconds = 15
    newcomers.newcomer_posts, newcomers.newcomer_links_reviewed = 5, True
    newcomers.save()
    CensorWord.objects.create(find="发票", action="banned")
    CensorWord.objects.create(find="代办", action="mod")
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="杂谈", slug="chat"
    )
    regular = make_member("laoyonghu", post_count=100)
    honest = services.create_thread(board=board, author=regular, title="周末聚会", body="谁来？")
    moderator = make_member("chaoban", group=MemberGroup.objects.get(code="super_moderator"))
    return board, honest, moderator


def _register(client, n):
    name = f"spam{n:02d}"
    client.logout()
    response = client.post(
        "/accounts/register/",
        {"username": name, "email": f"{name}@example.com", "password1": PASSWORD,
         "password2": PASSWORD},
        REMOTE_ADDR=f"198.51.100.{n + 1}",
    )  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:500]
    link = re.search(r"https?://[^/\s]+(/accounts/register/verify/\S+/)", mail.outbox[-1].body)
    client.get(link[1])
    assert (
        client.post("/accounts/login/", {"username": name, "password": PASSWORD}).status_code == 302
    )
    return User.objects.get(username=name)


def _public_text(client, board, honest):
    client.logout()
    pages = ["/", "/forum/", f"/forum/{board.slug}/", honest.get_absolute_url(),
             f"/forum/{board.slug}/feed/", f"/thread/{honest.pk}/feed/"]  # fmt: skip
    return "".join(client.get(url).content.decode() for url in pages)


def _search_hits(client, word):
    return client.get("/search/", {"q": word}).content.decode().count('class="search-hit"')


def _assert_counters_exact(board):
    board.refresh_from_db()
    live_threads = Thread.objects.filter(board=board, is_deleted=False)
    live_posts = Post.objects.filter(thread__in=live_threads, is_deleted=False)
    assert board.thread_count == live_threads.count()
    assert board.post_count == live_posts.count()
    live = dict(live_posts.values_list("thread").annotate(n=Count("pk")).order_by())
    for thread in live_threads:
        assert thread.reply_count == live[thread.pk] - 1, thread


def test_a_spam_wave(client, site, django_capture_on_commit_callbacks):
    board, honest, moderator = site
    refused_fast = 0
    for n in range(SPAMMERS):
        spammer = _register(client, n)
        assert spammer.current_group.min_credits == 0  # a new member's real rights
        with django_capture_on_commit_callbacks(execute=True):
            if n % 2:
                first = client.post(
                    f"/forum/{board.slug}/new/",
                    {
                        "title": f"便宜机票{n}",
                        "body": "订票 https://spam.example/t",
                        "markup": "bbcode",
                    },
                )
            else:
                first = client.post(
                    f"/thread/{honest.pk}/reply/",
                    {"body": f"代办签证{n} 请私信", "markup": "bbcode"},
                )
        assert first.status_code == 302
        banned = client.post(
            f"/thread/{honest.pk}/reply/",
            {"body": "代开发票 https://spam.example/f", "markup": "bbcode"},
        )
        assert banned.status_code == 400 and "含有禁止的词语" in banned.content.decode()
        fast = client.post(f"/thread/{honest.pk}/reply/", {"body": "再顶一下", "markup": "bbcode"})
        assert fast.status_code == 400
        page = fast.content.decode()
        assert "发帖太快" in page and "再顶一下" in page
        refused_fast += 1
    # Nothing banned is saved; the rest waits.
    assert not Post.objects.filter(body__contains="发票").exists()
    assert not Post.objects.filter(body="再顶一下").exists()
    assert refused_fast == SPAMMERS
    assert QueueEntry.objects.filter(kind="pending", state="open").count() == SPAMMERS
    assert Post.objects.filter(awaiting_review=True).count() == SPAMMERS // 2
    assert Thread.objects.filter(awaiting_review=True).count() == SPAMMERS // 2
    # On no public page, feed or search result; the counters count none of it.
    text = _public_text(client, board, honest)
    for word in ("便宜机票", "代办签证", "spam.example"):
        assert word not in text, word
        assert _search_hits(client, word) == 0, word
    assert _search_hits(client, "周末聚会") == 1  # search itself works
    _assert_counters_exact(board)
    assert board.thread_count == 1 and board.post_count == 1
    # A moderator approves one of each and rejects the rest: counters stay exact.
    entries = list(QueueEntry.objects.filter(state="open").order_by("pk"))
    for number, entry in enumerate(entries):
        action, reason = ("approve", "") if number < 2 else ("remove", "广告")
        with django_capture_on_commit_callbacks(execute=True):
            queue.resolve_entry(entry=entry, moderator=moderator, action=action, reason=reason)
    _assert_counters_exact(board)
    board.refresh_from_db()
    assert board.thread_count == 2 and board.post_count == 3
    # One approved spammer turns out bad: purged in one action, gone from pages and search.
    approved = Thread.objects.get(title__startswith="便宜机票", is_deleted=False)
    assert _search_hits(client, approved.title) == 1
    purge_member(member=approved.author, moderator=moderator, reason="广告机", ban_addresses=False)
    assert approved.title not in _public_text(client, board, honest)
    assert _search_hits(client, approved.title) == 0
    _assert_counters_exact(board)
    board.refresh_from_db()
    assert board.thread_count == 1 and board.post_count == 2
