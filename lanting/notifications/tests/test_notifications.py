"""Who hears of a post, once each; the bell; the grouped page; reading; moderators' notices."""

import pytest
from django.core.cache import cache

from lanting.forum import services as forum
from lanting.forum.models import Board, BoardPermission, Section
from lanting.notifications import selectors
from lanting.notifications.mentions import link_mentions, members_named, names_in
from lanting.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board(db):
    section = Section.objects.create(name="生活")
    return Board.objects.create(section=section, name="杂谈", slug="talk")


@pytest.fixture
def people(make_member):
    return {name: make_member(name) for name in ["louzhu", "huitie", "amy", "bob"]}


def kinds(member):
    return sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def test_a_reply_tells_the_thread_s_author_and_not_the_replier(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="求推荐", body="一楼")
    forum.reply_to_thread(thread=thread, author=people["huitie"], body="二楼")
    forum.reply_to_thread(thread=thread, author=people["louzhu"], body="楼主自己回")
    assert kinds(people["louzhu"]) == ["reply"]
    assert kinds(people["huitie"]) == []
    notice = Notification.objects.get()
    assert notice.actor_name == "huitie" and notice.subject == "求推荐"
    assert notice.url == thread.posts.get(position=2).get_absolute_url()


def test_each_person_hears_once_the_strongest_way(board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    first = thread.posts.get(position=1)
    body = forum.quote_source(first) + "@louzhu @Amy 你们怎么看？@nobody"
    post = forum.reply_to_thread(thread=thread, author=people["huitie"], body=body, quoted=first)
    assert kinds(people["louzhu"]) == ["mention"]  # mentioned, quoted and replied to: once
    assert kinds(people["amy"]) == ["mention"]  # case-blind
    assert '<a class="mention" href="/u/amy/">@amy</a>' in post.body_html
    assert "@nobody" in post.body_html and 'href="/u/nobody/"' not in post.body_html


def test_a_quote_without_a_mention_is_a_quote(board, people):
    thread = forum.create_thread(board=board, author=people["amy"], title="t", body="一楼")
    second = forum.reply_to_thread(thread=thread, author=people["louzhu"], body="二楼")
    forum.reply_to_thread(
        thread=thread, author=people["bob"], body=forum.quote_source(second), quoted=second
    )
    assert kinds(people["louzhu"]) == ["quote"]
    assert kinds(people["amy"]) == ["reply", "reply"]


def test_mentions_in_a_quote_or_code_or_of_oneself_tell_nobody(board, people):
    thread = forum.create_thread(board=board, author=people["bob"], title="t", body="一楼")
    body = "[quote]@amy 说过[/quote][code]@amy[/code] @huitie"
    post = forum.reply_to_thread(thread=thread, author=people["huitie"], body=body)
    assert kinds(people["amy"]) == [] and kinds(people["huitie"]) == []
    assert post.body_html.count('class="mention"') == 2  # linked in the quote, not in code


def test_at_most_ten_names_are_told(board, make_member):
    author = make_member("writer")
    names = [f"m{n:02d}" for n in range(12)]
    for name in names:
        make_member(name)
    thread = forum.create_thread(
        board=board, author=author, title="t", body=" ".join(f"@{n}" for n in names)
    )
    assert Notification.objects.filter(kind="mention").count() == 10
    assert thread.posts.get().body_html.count('class="mention"') == 12  # all still links


def test_a_member_who_cannot_read_the_board_is_not_told(board, people):
    from lanting.accounts.models import MemberGroup

    insiders = MemberGroup.objects.create(name="内部", kind=MemberGroup.Kind.SPECIAL)
    others = MemberGroup.objects.create(name="外部", kind=MemberGroup.Kind.SPECIAL)
    BoardPermission.objects.create(board=board, group=insiders)
    BoardPermission.objects.create(board=board, group=others, can_view=False)  # insiders only
    staff = people["bob"]
    staff.is_staff = staff.is_superuser = True
    staff.save()
    forum.create_thread(board=board, author=staff, title="t", body="@amy 看看")
    assert kinds(people["amy"]) == []  # a staff-only board: amy may not read it


def test_the_bell_counts_unread_and_the_page_groups_them(client, board, people):
    louzhu = people["louzhu"]
    thread = forum.create_thread(board=board, author=louzhu, title="周末爬山", body="一楼")
    for name in ["huitie", "amy", "bob", "huitie"]:
        forum.reply_to_thread(thread=thread, author=people[name], body=f"{name} 来了")
    client.force_login(people["louzhu"])
    home = client.get("/forum/").content.decode()
    assert 'class="bell unread"' in home and 'class="count" aria-hidden="true">4<' in home
    page = client.get("/notifications/")
    html = page.content.decode()
    groups = page.context["groups"]
    assert len(groups) == 1 and groups[0].actors == ["huitie", "bob", "amy"]
    assert "huitie 和另外 2 人回复了“周末爬山”" in html
    # Opening the line reads the four and lands on the first reply.
    opened = client.get(f"/notifications/{groups[0].first_id}/")
    assert opened.status_code == 302
    assert opened["Location"] == thread.posts.get(position=2).get_absolute_url()
    assert selectors.unread_count(people["louzhu"].pk) == 0
    assert 'class="bell"' in client.get("/forum/").content.decode()


def test_read_all_and_nobody_else_s_notices(client, board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    forum.reply_to_thread(thread=thread, author=people["amy"], body="二楼")
    notice = Notification.objects.get()
    client.force_login(people["bob"])
    assert client.get(f"/notifications/{notice.pk}/").status_code == 404
    client.force_login(people["louzhu"])
    assert client.post("/notifications/read-all/").status_code == 302
    assert Notification.objects.get().read_at is not None
    assert selectors.unread_count(people["louzhu"].pk) == 0


def test_guests_are_sent_to_log_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_moderator_s_removal_is_told_with_its_reason(client, board, people):
    louzhu = people["louzhu"]
    thread = forum.create_thread(board=board, author=louzhu, title="广告帖", body="买买买")
    moderator = people["bob"]
    moderator.is_staff = moderator.is_superuser = True
    moderator.save()
    forum.delete_thread(thread=thread, moderator=moderator, reason="广告")
    notice = Notification.objects.get(recipient=people["louzhu"])
    assert notice.kind == "thread_removed" and notice.text == "广告"
    client.force_login(people["louzhu"])
    html = client.get("/notifications/").content.decode()
    assert "版主 bob 将你的主题“广告帖”移到了回收站" in html and "理由：广告" in html


def test_the_bell_on_members_shared_pages_is_each_reader_s_own(client, board, people):
    thread = forum.create_thread(board=board, author=people["louzhu"], title="t", body="一楼")
    forum.reply_to_thread(thread=thread, author=people["amy"], body="二楼")
    cache.clear()
    client.force_login(people["bob"])
    assert 'class="count"' not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(people["louzhu"])  # the same shared copy, another reader's bell
    assert (
        'class="count" aria-hidden="true">1<'
        in client.get(thread.get_absolute_url()).content.decode()
    )


def test_mention_parsing_and_linking():
    assert names_in("hi @Amy, @amy and @王小明。mail a@b.com") == ["Amy", "王小明"]
    members = {"amy": type("M", (), {"username": "amy", "get_absolute_url": lambda s: "/u/amy/"})()}
    html = '<p>@amy <a href="/x">@amy</a> <code>@amy</code></p>'
    assert link_mentions(html, members) == (
        '<p><a class="mention" href="/u/amy/">@amy</a> <a href="/x">@amy</a> <code>@amy</code></p>'
    )
    assert members_named([]) == {}


def test_every_kind_has_its_line_and_text_template() -> None:
    from django.template.loader import get_template

    for kind in Notification.Kind.values:
        get_template(f"notifications/line/{kind}.html")
        get_template(f"notifications/text/{kind}.html")


def test_names_for_the_at_autocomplete(client, make_member):
    for name in ("amy", "Amelia", "amy_long", "bob"):
        make_member(name)
    make_member("amanda", is_active=False)
    assert selectors.names_starting("am") == ["amy", "Amelia", "amy_long"]
    assert selectors.names_starting("@AM")[0] == "amy"
    assert selectors.names_starting("") == [] and selectors.names_starting("x" * 40) == []
    assert client.get("/notifications/names/?q=am").status_code == 302  # members only
    client.force_login(make_member("reader"))
    assert client.get("/notifications/names/?q=bo").json() == {"names": ["bob"]}


def test_mentioning_nobody_or_someone_who_blocks_you_is_said_and_tells_nobody(
    client, make_member, django_capture_on_commit_callbacks
):
    from lanting.messages.models import Block

    board = Board.objects.create(section=Section.objects.create(name="生活"), name="杂谈", slug="z")
    author, friend, foe = make_member("louzhu"), make_member("pengyou"), make_member("duishou")
    thread = forum.create_thread(board=board, author=author, title="周末", body="去哪儿")
    Block.objects.create(member=foe, blocked=author)
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/thread/{thread.pk}/reply/",
            {"body": "@pengyou @duishou @nobody_here 一起吗", "markup": "bbcode"},
            follow=True,
        )
    page = response.content.decode()
    assert "@nobody_here" in page and ("没有" in page or "No member is called" in page)
    assert "@duishou" in page
    assert Notification.objects.filter(recipient=friend, kind="mention").exists()
    assert not Notification.objects.filter(recipient=foe).exists()
