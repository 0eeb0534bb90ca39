"""The Archiver: what guests may read, as plain pages that link to their full versions."""

import re

import pytest

from lanting.accounts.models import MemberGroup
from lanting.forum import services
from lanting.forum.models import Board, BoardPermission, Section, Thread
from lanting.portal.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(make_member):
    section = Section.objects.create(name="社区生活")
    open_board = Board.objects.create(section=section, name="生活杂谈", slug="life")
    members_only = Board.objects.create(section=section, name="会员专区", slug="members")
    staff_only = Board.objects.create(section=section, name="版主区", slug="staff")
    author = make_member("louzhu")
    open_thread = services.create_thread(
        board=open_board,
        author=author,
        title="周末去哪儿玩",
        body="[b]推荐[/b] 一下 [img]https://example.com/a.png[/img]",
    )
    services.reply_to_thread(thread=open_thread, author=author, body="海德公园")
    services.create_thread(board=members_only, author=author, title="会员才能看", body="秘密")
    services.create_thread(board=staff_only, author=author, title="版主内部讨论", body="机密")
    deleted = services.create_thread(
        board=open_board, author=author, title="已删除的帖子", body="x"
    )
    Thread.objects.filter(pk=deleted.pk).update(is_deleted=True)
    BoardPermission.objects.create(board=members_only, group=None, can_view=False)
    for group in MemberGroup.objects.all():
        BoardPermission.objects.create(board=staff_only, group=group, can_view=False)
    BoardPermission.objects.create(board=staff_only, group=None, can_view=False)
    return {"open": open_board, "members": members_only, "staff": staff_only, "thread": open_thread}


def test_index_lists_the_boards_guests_may_view_and_the_categories(client, forum, category):
    html = client.get("/archiver/").content.decode()
    assert '<a href="/archiver/forum/life/">生活杂谈</a>' in html
    assert f'<a href="/archiver/category/{category.slug}/">{category.name}</a>' in html
    assert "会员专区" not in html
    assert "版主区" not in html
    assert html.count("<h1>") == 1


def test_archiver_shows_only_threads_guests_may_view_even_to_staff(admin_client, forum):
    board_html = admin_client.get("/archiver/forum/life/").content.decode()
    thread = forum["thread"]
    assert f'<a href="/archiver/thread/{thread.pk}/">周末去哪儿玩</a>' in board_html
    assert "已删除的帖子" not in board_html
    for slug in ["members", "staff", "nowhere"]:
        assert admin_client.get(f"/archiver/forum/{slug}/").status_code == 404
    for hidden in Thread.objects.exclude(board=forum["open"]):
        assert admin_client.get(f"/archiver/thread/{hidden.pk}/").status_code == 404
    deleted = Thread.objects.get(title="已删除的帖子")
    assert admin_client.get(f"/archiver/thread/{deleted.pk}/").status_code == 404


def test_thread_page_is_plain_text_and_links_to_its_full_version(client, forum):
    thread = forum["thread"]
    response = client.get(f"/archiver/thread/{thread.pk}/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>周末去哪儿玩</h1>" in html
    assert "<strong>推荐</strong>" in html
    assert "海德公园" in html
    assert "<img" not in html  # the Archiver shows no pictures
    assert "<script" not in html
    assert f'<a href="/thread/{thread.pk}/">' in html
    assert f'<link rel="canonical" href="http://testserver/thread/{thread.pk}/">' in html
    assert "core/site" not in html  # its own tiny template, not the site's
    assert len(response.content) < 10_000


def test_thread_pages_follow_the_forum_floors(client, forum, make_member):
    thread = forum["thread"]
    replier = make_member("huitie")
    for n in range(3, 23):  # floors 3 to 22: page 2 holds 21 and 22
        services.reply_to_thread(thread=thread, author=replier, body=f"第{n}楼")
    first = client.get(f"/archiver/thread/{thread.pk}/").content.decode()
    assert "第20楼" in first
    assert "第21楼" not in first
    assert 'href="?page=2" rel="next"' in first
    second = client.get(f"/archiver/thread/{thread.pk}/?page=2").content.decode()
    assert "第21楼" in second
    assert "第22楼" in second
    assert f'<a href="/thread/{thread.pk}/?page=2">' in second
    assert client.get(f"/archiver/thread/{thread.pk}/?page=3").status_code == 404
    assert client.get(f"/archiver/thread/{thread.pk}/?page=x").status_code == 404


def test_board_pages_continue_after_the_last_thread_shown(client, forum, make_member, settings):
    from lanting.archiver import selectors

    board = forum["open"]
    author = make_member("shuaping")
    for n in range(selectors.ITEMS_PER_PAGE + 5):
        services.create_thread(board=board, author=author, title=f"主题{n:03d}", body="内容")
    first = client.get("/archiver/forum/life/").content.decode()
    match = re.search(r'href="\?before=(\d+)" rel="next"', first)
    assert match
    second = client.get(f"/archiver/forum/life/?before={match.group(1)}").content.decode()
    first_titles = set(re.findall(r"主题\d{3}", first))
    second_titles = set(re.findall(r"主题\d{3}", second))
    assert len(first_titles) == selectors.ITEMS_PER_PAGE
    assert first_titles.isdisjoint(second_titles)
    assert len(first_titles | second_titles) == selectors.ITEMS_PER_PAGE + 5
    assert 'rel="next"' not in second
    assert client.get("/archiver/forum/life/?before=abc").status_code == 404


def test_category_and_article_pages_show_published_articles_only(client, make_article, category):
    shown = make_article("Published news")
    draft = make_article("A draft", status=Article.Status.DRAFT)
    html = client.get(f"/archiver/category/{category.slug}/").content.decode()
    assert f'<a href="/archiver/article/{shown.pk}/">Published news</a>' in html
    assert "A draft" not in html
    article_html = client.get(f"/archiver/article/{shown.pk}/").content.decode()
    assert "<p>First paragraph.</p>" in article_html
    assert f'<a href="/article/{shown.pk}/">' in article_html
    assert client.get(f"/archiver/article/{draft.pk}/").status_code == 404
    assert client.get("/archiver/category/nowhere/").status_code == 404


def test_huge_numbers_answer_404(client, forum):
    assert client.get(f"/archiver/thread/{2**70}/").status_code == 404
    assert client.get(f"/archiver/article/{2**70}/").status_code == 404
    assert client.get("/archiver/forum/life/?before=" + "9" * 40).status_code == 404


def test_footer_link_to_the_archiver_appears(client, forum):
    from lanting.core.models import NavItem

    NavItem.objects.create(label="Archiver", location="footer", section="archiver:index")
    html = client.get("/").content.decode()
    assert '<a href="/archiver/">Archiver</a>' in html
