"""Search fixtures: the apps' sources connected, a board, and ways to post and find."""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone

from lanting.accounts import search_documents as member_documents
from lanting.accounts.models import User
from lanting.forum import search_documents as forum_documents
from lanting.forum import services as forum
from lanting.forum.models import Board, Post, Section, Thread
from lanting.portal import search_documents as article_documents
from lanting.portal.models import Article
from lanting.search import dictionary, selectors


@pytest.fixture(autouse=True)
def _search_connected() -> Iterator[None]:
    """The apps' sources, as their ready() connects them; jieba with its own words only."""
    article_documents.connect()
    forum_documents.connect()
    member_documents.connect()
    dictionary.forget()
    yield
    dictionary.forget()


@pytest.fixture
def section(db: None) -> Section:
    return Section.objects.create(name="社区生活")


@pytest.fixture
def board(section: Section) -> Board:
    return Board.objects.create(section=section, name="租房", slug="rent")


@pytest.fixture
def other_board(section: Section) -> Board:
    return Board.objects.create(section=section, name="二手市场", slug="market")


@pytest.fixture
def poster(make_member: Callable[..., User]) -> User:
    return make_member("louzhu")


@pytest.fixture
def post_thread(poster: User, board: Board) -> Callable[..., Thread]:
    """Start a thread through the forum's service, then index it as the forum will."""

    def make(title: str, body: str = "请看标题。", **fields: Any) -> Thread:
        fields.setdefault("board", board)
        fields.setdefault("author", poster)
        thread = forum.create_thread(title=title, body=body, **fields)
        forum_documents.index_thread(thread.pk)
        return thread

    return make


@pytest.fixture
def reply(poster: User) -> Callable[..., Post]:
    def make(thread: Thread, body: str, author: User | None = None) -> Post:
        post = forum.reply_to_thread(thread=thread, author=author or poster, body=body)
        forum_documents.index_post(post.pk)
        return post

    return make


@pytest.fixture
def publish(make_article: Callable[..., Article]) -> Callable[..., Article]:
    def make(title: str, body: str = "<p>正文。</p>", **fields: Any) -> Article:
        article = make_article(title, body=body, **fields)
        article_documents.index_article(article.pk)
        return article

    return make


@pytest.fixture
def find() -> Callable[..., list[tuple[str, int]]]:
    """(kind, id) of each hit, best first."""

    def run(query: str, **options: Any) -> list[tuple[str, int]]:
        return [(hit.kind, hit.object_id) for hit in selectors.search(query, **options).hits]

    return run


@pytest.fixture
def hours_ago() -> Callable[[float], dt.datetime]:
    return lambda hours: timezone.now() - dt.timedelta(hours=hours)
