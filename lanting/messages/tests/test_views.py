"""The pages: the inbox, writing, answering, refusals said with the text kept, blocking."""

import pytest
from django.conf import settings

from lanting.messages import services
from lanting.messages.models import Block, Conversation, Message, Participant
from lanting.messages.selectors import inbox_tag
from lanting.pagecache.tags import touch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def send(client, **fields):
    data = {"to": "", "subject": "", "body": "", "markup": "bbcode", **fields}
    return client.post("/messages/new/", data)


def test_guests_are_sent_to_log_in(client):
    response = client.get("/messages/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_writing_from_a_profile_to_an_answer(english, people):
    amy, bob = people["amy"], people["bob"]
    english.force_login(amy)
    profile = english.get("/u/bob/").content.decode()
    assert 'href="/messages/new/?to=bob"' in profile and "Send message" in profile
    assert "Send message" not in english.get("/u/amy/").content.decode()  # not to oneself
    form = english.get("/messages/new/?to=bob").content.decode()
    assert 'value="bob"' in form
    response = send(english, to="bob", subject="周末", body="[b]去爬山吗[/b]")
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/messages/{conversation.pk}/"
    english.force_login(bob)
    home = english.get("/").content.decode()
    assert 'class="inbox unread"' in home and 'aria-label="Messages, 1 unread"' in home
    inbox = english.get("/messages/").content.decode()
    assert "周末" in inbox and "1 unread" in inbox and "amy" in inbox
    page = english.get(f"/messages/{conversation.pk}/").content.decode()
    assert "<strong>去爬山吗</strong>" in page
    assert 'class="inbox"' in english.get("/").content.decode()  # read now
    response = english.post(f"/messages/{conversation.pk}/", {"body": "好呀", "markup": "bbcode"})
    assert response.status_code == 302
    assert Message.objects.filter(conversation=conversation).count() == 2


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"to": "", "body": "我的长消息"}, "Write the name of the member you are writing to."),
        ({"to": "amy", "body": "我的长消息"}, "You cannot write to yourself."),
        ({"to": "nobody", "body": "我的长消息"}, "There is no member called nobody."),
        ({"to": "bob", "body": ""}, "Write something before you send."),
        ({"to": "bob", "body": "长" * 10001}, "at most 10000 characters"),
        ({"to": "bob", "body": "我的长消息", "markup": "evil"}, "evil"),
    ],
)
def test_refusals_are_said_on_the_page_with_the_text_kept(english, people, fields, said):
    english.force_login(people["amy"])
    response = send(english, subject="我的主题", **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert said in html and 'role="alert"' in html
    assert "我的主题" in html
    if fields["body"]:
        assert fields["body"][:100] in html
    assert fields["to"] in html
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_a_blocked_member_is_told_and_keeps_the_text(english, people):
    amy, bob = people["amy"], people["bob"]
    conversation = services.start_conversation(author=amy, to="bob", body="你好")
    english.force_login(bob)
    english.post(f"/messages/{conversation.pk}/block/", {"member": str(amy.pk)})
    assert Block.objects.filter(member=bob, blocked=amy).exists()
    assert "Unblock amy" in english.get(f"/messages/{conversation.pk}/").content.decode()
    english.force_login(amy)
    response = english.post(
        f"/messages/{conversation.pk}/", {"body": "为什么不理我", "markup": "bbcode"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "bob does not accept private messages from you." in html and "为什么不理我" in html
    response = send(english, to="bob", body="新开一个")
    assert response.status_code == 400
    assert "bob does not accept private messages from you." in response.content.decode()
    assert Message.objects.count() == 1


def test_the_blocked_list_page(english, people):
    english.force_login(people["amy"])
    response = english.post("/messages/blocked/", {"name": "nobody"})
    assert response.status_code == 400 and "There is no member called nobody." in (
        response.content.decode()
    )
    response = english.post("/messages/blocked/", {"name": "amy"})
    assert "You cannot block yourself." in response.content.decode()
    assert english.post("/messages/blocked/", {"name": "bob"}).status_code == 302
    page = english.get("/messages/blocked/").content.decode()
    assert "bob" in page and "Unblock" in page
    english.post(f"/messages/blocked/{people['bob'].pk}/remove/")
    assert not Block.objects.exists()


def test_leaving_takes_it_out_of_the_inbox(english, people):
    amy = people["amy"]
    conversation = services.start_conversation(author=amy, to="bob, carol", body="开会")
    english.force_login(people["bob"])
    response = english.post(f"/messages/{conversation.pk}/leave/")
    assert response.status_code == 302 and response["Location"] == "/messages/"
    assert f'href="/messages/{conversation.pk}/"' not in english.get("/messages/").content.decode()
    assert english.get(f"/messages/{conversation.pk}/").status_code == 404
    assert Participant.objects.get(member=people["bob"]).left_at is not None


def test_outsiders_cannot_read_a_conversation(english, people):
    conversation = services.start_conversation(author=people["amy"], to="bob", body="私事")
    english.force_login(people["carol"])
    assert english.get(f"/messages/{conversation.pk}/").status_code == 404
    response = english.post(f"/messages/{conversation.pk}/", {"body": "x", "markup": "bbcode"})
    assert response.status_code == 404
    assert english.post(f"/messages/{conversation.pk}/leave/").status_code == 404


def test_the_inbox_is_paged_and_its_queries_do_not_grow(
    english, people, django_assert_max_num_queries
):
    amy = people["amy"]
    for n in range(25):
        services.start_conversation(author=people["bob"], to="amy, carol", body=f"第{n}条")
    english.force_login(amy)
    english.get("/messages/?page=2")  # the site's settings, menus and counts: kept after this
    with django_assert_max_num_queries(10):
        first = english.get("/messages/").content.decode()
    assert "第24条" in first and "第4条" not in first
    assert "第4条" in english.get("/messages/?page=2").content.decode()


def test_old_discuz_pm_addresses_answer_301_to_the_inbox(client):
    for query in ["mod=space&do=pm", "mod=space&do=pm&subop=view&plid=3", "mod=spacecp&ac=pm"]:
        response = client.get(f"/home.php?{query}")
        assert response.status_code == 301 and response["Location"] == "/messages/"


def test_a_group_that_may_not_write_is_told_before_typing(english, people, newcomer_rank):
    newcomer_rank.can_message = False
    newcomer_rank.save()
    amy = people["amy"]
    amy.rank = newcomer_rank
    amy.save()
    english.force_login(amy)
    page = english.get("/messages/new/?to=bob").content.decode()
    assert "Your member group may not start private conversations." in page


def test_the_account_box_reads_both_counts_in_one_cache_read(people, monkeypatch):
    from django.core.cache import cache

    from lanting.accounts.models import User

    services.start_conversation(author=people["amy"], to="bob", body="你好")
    User.objects.get(pk=people["bob"].pk).account_counts  # noqa: B018  (fills the cache)
    reads, inside = [], []
    real_get, real_many = cache.get, cache.get_many

    def get(*args, **kwargs):
        if not inside:  # the local-memory backend's get_many calls get for each key
            reads.append(args)
        return real_get(*args, **kwargs)

    def get_many(keys):
        reads.append(keys)
        inside.append(True)
        try:
            return real_many(keys)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    bob = User.objects.get(pk=people["bob"].pk)
    assert (bob.unread_notifications, bob.unread_messages) == (1, 1)
    assert len(reads) == 1


def test_notices_of_a_conversation_gather_in_one_line(english, people):
    amy, bob, carol = people["amy"], people["bob"], people["carol"]
    conversation = services.start_conversation(author=amy, to="bob, carol", body="开会")
    services.reply(conversation=conversation, author=carol, body="好")
    services.reply(conversation=conversation, author=amy, body="三点")
    english.force_login(bob)
    page = english.get("/notifications/").content.decode()
    assert page.count('class="notification unread"') == 1
    assert "amy and 1 other wrote to you in “开会”" in page


def test_the_inbox_and_a_conversation_cost_a_fixed_number_of_queries(
    english, people, django_assert_num_queries
):
    amy, bob = people["amy"], people["bob"]
    english.force_login(amy)

    def fill(n):
        for k in range(n):
            c = services.start_conversation(author=bob, to="amy, carol", body=f"第{k}条")
            services.reply(conversation=c, author=amy, body="收到")
            services.reply(conversation=c, author=bob, body="好")
        return c

    def rendered_inbox() -> None:
        # The inbox is kept per member until it changes; here it is drawn, and counted, afresh.
        touch(inbox_tag(amy.pk))
        with django_assert_num_queries(QUERIES_INBOX):
            english.get("/messages/")

    few = fill(2)
    english.get("/messages/")  # the site's settings, menus and counts: kept after this
    english.get(f"/messages/{few.pk}/")
    rendered_inbox()
    with django_assert_num_queries(QUERIES_CONVERSATION):
        english.get(f"/messages/{few.pk}/")
    many = fill(8)
    english.get(f"/messages/{many.pk}/")  # reads it: the count changes once
    rendered_inbox()
    with django_assert_num_queries(QUERIES_CONVERSATION):
        english.get(f"/messages/{many.pk}/")


# The session is a query where sessions live in the database (not in Redis).
_SESSION = int(settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")
QUERIES_INBOX = 4 + _SESSION  # member, count, lines, the people in them
QUERIES_CONVERSATION = 6 + _SESSION  # member, line and people, blocks, page count, page


@pytest.mark.parametrize(
    ("body", "said"),
    [("  ", "Write something before you send."), ("长" * 10001, "at most 10000 characters")],
)
def test_a_refused_reply_is_said_on_the_conversation_with_the_text_kept(
    english, people, body, said
):
    conversation = services.start_conversation(author=people["amy"], to="bob", body="你好")
    english.force_login(people["bob"])
    response = english.post(f"/messages/{conversation.pk}/", {"body": body, "markup": "bbcode"})
    assert response.status_code == 400
    html = response.content.decode()
    assert said in html and 'role="alert"' in html and body.strip()[:50] in html
    assert "你好" in html  # the conversation is still shown above the form
    assert Message.objects.count() == 1


def test_over_the_daily_limit_is_said_with_the_text_kept(english, people, newcomer_rank):
    newcomer_rank.conversations_per_day = 1
    newcomer_rank.save()
    amy = people["amy"]
    amy.rank = newcomer_rank
    amy.save()
    english.force_login(amy)
    assert send(english, to="bob", body="第一条").status_code == 302
    response = send(english, to="carol", subject="第二个", body="第二条 **Markdown**")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your member group may start 1 conversation in 24 hours" in html
    assert "第二条 **Markdown**" in html and "第二个" in html and 'value="carol"' in html
    assert Conversation.objects.count() == 1
