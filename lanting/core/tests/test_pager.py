"""The pager: a window of pages, previous and next, and a jump box that needs no JS."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from lanting.core.templatetags.pager import window


@pytest.mark.parametrize(
    ("page", "last", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (6, 120, [1, None, 4, 5, 6, 7, 8, None, 120]),
        (1, 120, [1, 2, 3, None, 120]),
        (120, 120, [1, None, 118, 119, 120]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),  # a gap of one page shows that page
    ],
)
def test_the_window_shows_first_last_and_neighbours(page, last, shown):
    assert window(page, last) == shown


def _render(url: str, page: int, last: int) -> str:
    request = RequestFactory().get(url)
    template = Template("{% load pager %}{% pager page last %}")
    return template.render(Context({"request": request, "page": page, "last": last}))


def test_links_keep_the_query_and_page_one_has_no_parameter():
    html = _render("/search/?q=%E4%BC%A6%E6%95%A6&page=6", 6, 120)
    assert 'href="?q=%E4%BC%A6%E6%95%A6"' in html  # page 1
    assert 'href="?q=%E4%BC%A6%E6%95%A6&amp;page=5" rel="prev"' in html
    assert 'href="?q=%E4%BC%A6%E6%95%A6&amp;page=7" rel="next"' in html
    assert 'aria-current="page">6<' in html
    assert html.count("…") == 2


def test_the_jump_box_is_a_plain_form_keeping_the_query():
    html = _render("/search/?q=x&kind=thread&page=2", 2, 9)
    assert '<form method="get" action="/search/" class="pager-jump">' in html
    assert '<input type="hidden" name="q" value="x">' in html
    assert '<input type="hidden" name="kind" value="thread">' in html
    assert 'name="page" min="1" max="9" value="2"' in html


def test_one_page_needs_no_pager():
    assert _render("/forum/life/", 1, 1).strip() == ""


@pytest.mark.django_db
def test_a_thread_page_jumps_to_page_three(client, make_member):
    from lanting.forum.models import Board, Section
    from lanting.forum.services import create_thread, reply_to_thread

    member = make_member("louzhu")
    board = Board.objects.create(section=Section.objects.create(name="社区"), name="杂谈", slug="t")
    thread = create_thread(board=board, author=member, title="长帖", body="一楼")
    for n in range(45):
        reply_to_thread(thread=thread, author=member, body=f"第 {n + 2} 楼")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'max="3"' in page
    third = client.get(thread.get_absolute_url(), {"page": "3"})
    assert third.status_code == 200
    assert 'aria-current="page">3<' in third.content.decode()


@pytest.mark.django_db
def test_a_board_has_numbered_pages(client, make_member):
    from lanting.forum.models import Board, Section
    from lanting.forum.selectors import THREADS_PER_PAGE
    from lanting.forum.services import create_thread

    member = make_member("louzhu")
    board = Board.objects.create(section=Section.objects.create(name="社区"), name="杂谈", slug="t")
    for n in range(THREADS_PER_PAGE * 2 + 1):
        create_thread(board=board, author=member, title=f"主题 {n}", body="内容")
    first = client.get("/forum/t/").content.decode()
    assert 'href="?page=3"' in first and "主题 60" in first
    third = client.get("/forum/t/", {"page": "3"}).content.decode()
    assert 'aria-current="page">3<' in third and "主题 0" in third and "主题 60" not in third
    assert client.get("/forum/t/", {"page": "999"}).status_code == 200  # past the end: the last
