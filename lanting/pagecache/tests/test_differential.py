"""Differential: whatever path a page takes, each reader gets the page made for them alone.

Members who see a page alike share one kept copy whose holes (account box, CSRF
token, view counter, own links) are filled per reader. Here readers of every
kind fetch each page type after one another, in both orders, so every reader
gets the copies every other reader left; each page must be byte for byte the
one rendered for that reader alone with nothing kept (CSRF token, the view
counter and the footer clock aside: they differ between any two requests).
Posts, the title and a profile carry every hole marker the mechanism has used.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client

from lanting.accounts.models import MemberGroup, User
from lanting.forum import services as forum_services
from lanting.forum import views as forum_views
from lanting.forum.models import Board, BoardPermission, Section, Thread
from lanting.forum.permissions import forget_rules
from lanting.moderation.services import ban_member
from lanting.pagecache import members
from lanting.pagecache.redispages import redis_pages
from lanting.pagecache.tags import touch
from lanting.portal import services as portal_services
from lanting.portal.models import Article, Category

pytestmark = pytest.mark.django_db

# Every marker the shared pages have ever searched for, and look-alikes of today's.
MARKERS = (
    "csrf-hole-5f2b9c0e7a1d4e38 <!--account--><!--/account--> hole-0123-csrf hole-0123-account "
    '<!--own:1:2:3--> <em id="_viewnum">7</em> name="csrfmiddlewaretoken" value="x"'
)
FORGED_IMAGE = "[img]https://elsewhere.example/p.png?t=csrf-hole-5f2b9c0e7a1d4e38[/img]"

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
_VIEWS = re.compile(r'(<em id="_viewnum">)\d+(</em>)')
# The view count in the structured data is the kept copy's (as on guests' pages): a
# counter, like the one on the page, that moves with every request.
_VIEWS_DATA = re.compile(
    r'("interactionType": "https://schema.org/ViewAction", "userInteractionCount": )\d+'
)
_CLOCK = re.compile(r'(<p class="clock"><time datetime=")[^"]*(">)[^<]*(</time>)')


def _normalized(html: str) -> str:
    html = _TOKEN.sub(r"\1TOKEN\2", html)
    html = _VIEWS.sub(r"\1N\2", html)
    html = _VIEWS_DATA.sub(r"\1N", html)
    return _CLOCK.sub(r"\1T\2T\3", html)


@dataclass
class Reader:
    name: str
    user: User | None
    language: str = "zh-hans"

    def client(self) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = self.language
        if self.user is not None:
            client.force_login(self.user)
        return client


@dataclass
class Site:
    readers: list[Reader]
    urls: dict[str, str]


def _member(username: str, **fields: object) -> User:
    fields.setdefault("email", f"{username}@example.com")
    fields.setdefault("date_joined", dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC))
    user = User(username=username, **fields)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def site(db: None) -> Site:
    section = Section.objects.create(name="社区生活")
    board = Board.objects.create(section=section, name="生活杂谈", slug="life")
    other = Board.objects.create(section=section, name="二手市场", slug="market")
    admin = _member("admin", is_staff=True, is_superuser=True)

    author = _member(
        "louzhu", display_name="楼主 csrf-hole-5f2b9c0e7a1d4e38", signature=f"签名 {MARKERS}"
    )
    writer = _member("writer", signature=FORGED_IMAGE)
    thread = forum_services.create_thread(
        board=board,
        author=author,
        title=f"周末去哪儿玩 {MARKERS}",
        body=f"{FORGED_IMAGE}\n{MARKERS}",
    )
    for n in range(25):  # two pages: the later page has its own posts
        forum_services.reply_to_thread(
            thread=thread, author=writer if n % 2 else author, body=f"第 {n} 楼 {MARKERS}"
        )
    hidden = forum_services.create_thread(
        board=board, author=author, title="回复可见", body="公开的部分[hide]回复可见的秘密[/hide]"
    )
    replied = _member("replied")
    forum_services.reply_to_thread(thread=hidden, author=replied, body="看看")
    closed = forum_services.create_thread(board=board, author=author, title="已关闭", body="关了")
    Thread.objects.filter(pk=closed.pk).update(is_closed=True)
    touch(f"thread:{closed.pk}")

    banned = _member("banned")
    ban_member(member=banned, moderator=admin, kind="post", reason="刷屏", until=None)
    read_only = MemberGroup.objects.create(name="只读会员", kind=MemberGroup.Kind.SPECIAL)
    BoardPermission.objects.create(board=board, group=read_only, can_reply=False)
    no_upload = MemberGroup.objects.create(
        name="不能上传", kind=MemberGroup.Kind.SPECIAL, can_upload=False
    )
    forget_rules()
    board_moderator = _member("banzhu")
    board.moderators.add(board_moderator)
    other_moderator = _member("otherbanzhu")
    other.moderators.add(other_moderator)
    forget_rules()

    category = Category.objects.create(name="新闻资讯", slug="news")
    article = portal_services.save_article(
        article=Article(
            title=f"伦敦新闻 {MARKERS}",
            body=f"<p>{MARKERS}</p>",
            category=category,
            publisher=admin,
            published_at=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC),
        )
    )
    portal_services.comment_on_article(article=article, author=writer, body=f"评论 {MARKERS}")

    readers = [
        Reader("guest", None),
        Reader("guest-en", None, "en"),
        Reader("new member", _member("newbie")),
        Reader("new member, en", _member("newbie_en", language="en"), "en"),
        Reader("member in another zone", _member("shanghai", time_zone="Asia/Shanghai")),
        Reader("banned from posting", banned),
        Reader("no reply right here", _member("readonly", group=read_only)),
        Reader("no upload right", _member("noupload", group=no_upload)),
        Reader("moderator of another board", other_moderator),
        Reader("moderator of this board", board_moderator),
        Reader("staff", _member("editor", is_staff=True)),
        Reader("administrator", admin),
        Reader("thread author", author),
        Reader("post author", writer),
        Reader("replied to the [hide] thread", replied),
        Reader("not replied to the [hide] thread", _member("notreplied")),
    ]
    urls = {
        "thread page 1": thread.get_absolute_url(),
        "thread page 2": f"{thread.get_absolute_url()}?page=2",
        "[hide] thread": hidden.get_absolute_url(),
        "closed thread": closed.get_absolute_url(),
        "article": article.get_absolute_url(),
        "board list": f"/forum/{board.slug}/",
    }
    return Site(readers, urls)


def _forget_everything() -> None:
    cache.clear()
    pages = redis_pages()
    if pages is not None:
        pages.clear_near()


@pytest.fixture
def alone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[bool], None]]:
    """Switch the shared path off (True) or back on (False)."""

    real = members.may_share

    def switch(on: bool) -> None:
        monkeypatch.setattr(forum_views, "may_share", (lambda request: False) if on else real)

    yield switch


def _fetch(reader: Reader, url: str) -> str:
    response = reader.client().get(url)
    assert response.status_code == 200, (reader.name, url, response.status_code)
    return response.content.decode()


def test_every_reader_gets_their_own_page_whoever_made_the_copy(site, alone):
    failures = []
    for kind, url in site.urls.items():
        alone(True)
        expected = {}
        for reader in site.readers:
            _forget_everything()
            expected[reader.name] = _normalized(_fetch(reader, url))
        alone(False)
        for order in (site.readers, site.readers[::-1]):
            _forget_everything()
            for reader in order:
                got = _normalized(_fetch(reader, url))
                if got != expected[reader.name]:
                    failures.append(
                        (kind, reader.name, _first_difference(got, expected[reader.name]))
                    )
    assert not failures, "\n".join(map(str, failures))


def _first_difference(got: str, expected: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
        min(len(got), len(expected)),
    )
    near = slice(max(0, at - 80), at + 80)
    return f"got …{got[near]!r}… expected …{expected[near]!r}…"


def test_a_forged_marker_never_carries_a_readers_token(site):
    thread_url = site.urls["thread page 1"]
    first, second = (r for r in site.readers if r.name.startswith("new member"))
    _forget_everything()
    _fetch(first, thread_url)
    client = second.client()
    html = client.get(thread_url).content.decode()
    token = _TOKEN.search(html)
    assert token
    values = re.findall(r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', html)
    forms = html.count('<input type="hidden" name="csrfmiddlewaretoken"')
    assert forms >= 2 and len(values) == forms
    # Each form's token is this reader's secret (masked afresh per form, as Django does),
    # and no token stands anywhere but in a form.
    secret = client.cookies["csrftoken"].value
    assert {_unmask_cipher_token(value) for value in values} == {secret}
    assert sum(html.count(value) for value in set(values)) == forms
    assert "https://elsewhere.example/p.png?t=csrf-hole-5f2b9c0e7a1d4e38" in html
    assert "<title>周末去哪儿玩 csrf-hole-5f2b9c0e7a1d4e38" in html
