"""The portal home as Discuz!'s: distinct blocks of articles, the forum's hot and newest
threads, boards and the site's numbers, each article once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanting.accounts.models import MemberGroup
from lanting.forum.models import Board, BoardPermission, Section
from lanting.forum.permissions import forget_rules
from lanting.forum.services import create_thread, reply_to_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(make_member):
    author = make_member("louzhu")
    section = Section.objects.create(name="社区")
    life = Board.objects.create(section=section, name="生活杂谈", slug="life")
    staff_only = Board.objects.create(section=section, name="版主办公室", slug="office")
    for group in MemberGroup.objects.all():
        BoardPermission.objects.create(board=staff_only, group=group, can_view=False)
    BoardPermission.objects.create(board=staff_only, group=None, can_view=False)
    forget_rules()
    busy = create_thread(board=life, author=author, title="伦敦租房经验", body="分享")
    for n in range(3):
        reply_to_thread(thread=busy, author=author, body=f"回复 {n}")
    quiet = create_thread(board=life, author=author, title="周末去哪儿", body="问问")
    admin = make_member("admin", is_staff=True, is_superuser=True)
    create_thread(board=staff_only, author=admin, title="内部讨论", body="秘密")
    return busy, quiet


def test_home_shows_distinct_blocks(client, make_article, forum):
    for n in range(12):
        make_article(title=f"新闻 {n}")
    html = client.get("/").content.decode()
    titles = re.findall(r'class="article-title"[^>]*>([^<]+)<', html)
    assert len(titles) == len(set(titles)) >= 10  # no article twice
    assert "热门主题" in html and "最新回复" in html and "站点统计" in html
    hot = html.split("热门主题")[1].split("</section>")[0]
    assert hot.index("伦敦租房经验") >= 0 and "周末去哪儿" not in hot  # no replies: not hot
    newest = html.split("最新回复")[1].split("</section>")[0]
    assert "周末去哪儿" in newest and "伦敦租房经验" in newest
    side = html.split('<aside class="side">')[1]
    assert "生活杂谈" in side and "会员" in side and "今日" in side


def test_a_hidden_board_stays_out_of_the_home(client, forum):
    html = client.get("/").content.decode()
    assert "内部讨论" not in html and "版主办公室" not in html


def test_home_costs_the_same_whatever_the_forum_holds(client, forum, make_member):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured)

    author = make_member("more")
    board = Board.objects.get(slug="life")

    def post(n: int) -> None:
        reply_to_thread(
            thread=create_thread(board=board, author=author, title=f"新帖 {n}", body="x"),
            author=author,
            body="y",
        )

    client.get("/")
    # Both counts are of a page drawn afresh (a post clears the guests' copy), so the
    # comparison holds whether or not the site's chrome was already in the cache.
    post(-1)
    few = queries()
    for n in range(30):
        post(n)
    assert queries() == few
