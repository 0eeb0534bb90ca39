"""Members who see a thread page alike share one copy of it, yet each page is theirs."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lanting.accounts.models import User
from lanting.forum.models import Thread
from lanting.moderation.services import ban_member

pytestmark = pytest.mark.django_db


def _page(client: Client, member: User, thread: Thread, url: str = "") -> str:
    client.force_login(member)
    html: str = client.get(url or thread.get_absolute_url()).content.decode()
    client.logout()
    return html


def _account(html: str) -> str:
    found = re.search(r'<div class="account">(.*?)<span class="lang-switch">', html, re.DOTALL)
    assert found, "no account box"
    return found[1]


def test_the_second_member_gets_the_copy_with_their_own_name(client, thread, make_member):
    alice, bob = make_member("alice"), make_member("bob")
    assert "alice" in _account(_page(client, alice, thread))
    client.force_login(bob)
    client.get("/")  # bob's session settles (last visit written)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(thread.get_absolute_url()).content.decode()
    read = [q["sql"] for q in queries.captured_queries]
    # Page and thread come from the cache; what bob's first reading writes is his read position.
    forum = [sql for sql in read if "forum_" in sql]
    assert [sql for sql in forum if "forum_readmark" not in sql] == [], read
    assert len(forum) <= 2, forum
    account = _account(html)
    assert "bob" in account and "alice" not in account
    assert "周末去哪儿玩" in html and "大家推荐一下" in html


def test_the_reply_form_on_a_shared_copy_is_the_readers_own(thread, make_member):
    first, second = make_member("first"), make_member("second")
    _page(Client(), first, thread)  # the copy is made for someone else
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(second)
    html = browser.get(thread.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    answer = browser.post(
        f"/thread/{thread.pk}/reply/",
        {"csrfmiddlewaretoken": token[1], "body": "用共享页上的表单回复", "markup": "bbcode"},
    )
    assert answer.status_code == 302
    assert thread.posts.filter(author=second, body="用共享页上的表单回复").exists()


def test_the_logout_button_on_a_shared_copy_works(thread, make_member):
    _page(Client(), make_member("first"), thread)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_member("second"))
    account = _account(browser.get(thread.get_absolute_url()).content.decode())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', account)
    assert token
    assert browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token[1]}).status_code == 302
    assert "_auth_user_id" not in browser.session


def test_view_counter_moves_on_with_every_member(client, thread, make_member):
    shown = []
    for name in ("one", "two", "three"):
        html = _page(client, make_member(name), thread)
        found = re.search(r'<em id="_viewnum">(\d+)</em>', html)
        assert found
        shown.append(int(found[1]))
    assert shown == [shown[0], shown[0] + 1, shown[0] + 2]


def test_a_member_who_may_not_reply_sees_why_not_the_form(client, thread, make_member):
    reader, muted = make_member("reader"), make_member("muted")
    ban_member(
        member=muted, moderator=make_member("admin", is_superuser=True, is_staff=True),
        kind="post", reason="刷屏", until=None,
    )  # fmt: skip
    assert 'class="reply-form"' in _page(client, reader, thread)
    muted_page = _page(client, muted, thread)
    assert 'class="reply-form"' not in muted_page
    assert 'role="alert"' in muted_page
    assert 'class="reply-form"' in _page(client, make_member("later"), thread)


def test_hidden_parts_are_never_shared(client, make_thread, board, make_member, make_reply):
    thread = make_thread(board, body="公开的部分[hide]回复可见的秘密[/hide]")
    replier, reader = make_member("replier"), make_member("reader")
    make_reply(thread, replier, "看看")
    assert "回复可见的秘密" in _page(client, replier, thread)
    assert "回复可见的秘密" not in _page(client, reader, thread)
    assert "回复可见的秘密" in _page(client, replier, thread)


def test_a_thread_saved_whole_shows_at_once(client, thread, make_member):
    reader = make_member("reader")
    _page(client, reader, thread)
    thread.title = "管理员改过的标题"
    thread.save()  # as the admin does
    assert "管理员改过的标题" in _page(client, make_member("next"), thread)
    assert "管理员改过的标题" in client.get(thread.get_absolute_url()).content.decode()


def test_quoting_is_the_readers_own(client, thread, make_member):
    first = thread.posts.get(position=1)
    _page(client, make_member("reader"), thread)
    html = _page(
        client, make_member("quoter"), thread, f"{thread.get_absolute_url()}?quote={first.pk}"
    )
    assert "[quote]" in html
    assert "[quote]" not in _page(client, make_member("plain"), thread)


def test_every_members_view_reaches_the_database(client, thread, make_member):
    from lanting.forum.services import THREAD_VIEWS
    from lanting.pagecache.counters import flush

    for n in range(6):
        _page(client, make_member(f"reader{n}"), thread)
    assert flush(THREAD_VIEWS) == 6
    thread.refresh_from_db()
    assert thread.views == 6


def test_every_form_on_a_members_thread_page_carries_one_working_token(make_member, thread):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_member("reader"))
    url = thread.get_absolute_url()
    client.get(url)
    html = client.get(url).content.decode()  # the second: from the members' shared copy
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    reply = client.post(
        f"{url}reply/", {"csrfmiddlewaretoken": tokens.pop(), "markup": "bbcode", "body": "回复"}
    )
    assert reply.status_code == 302
