"""The search page, the header box and the JSON endpoint."""

import pytest
from django.db import connection
from django.urls import reverse

from lanting.search.models import Kind

pytestmark = pytest.mark.django_db

URL = "/search/"
API = "/api/search"


def test_every_page_has_a_search_box_in_its_header(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'action="/search/"' in page
    assert 'name="q"' in page
    assert 'for="site-search-q"' in page


def test_search_page_shows_ranked_results_with_the_words_marked(client, post_thread, reply):
    thread = post_thread("伦敦租房指南", body="先看[b]地段[/b]，再看交通。")
    reply(thread, "我们在伦敦租房子的时候要注意押金")
    response = client.get(URL, {"q": "伦敦租房"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<p class="meta search-count">2 ' in page
    assert (
        f'<a class="search-title" href="{thread.get_absolute_url()}"><mark>伦敦租房</mark>指南</a>'
        in page
    )
    assert "我们在<mark>伦敦租房</mark>子" in page
    assert page.index(thread.get_absolute_url()) < page.index("我们在")
    assert "[b]" not in page  # snippets are the text, without the markup


def test_text_that_looks_like_html_is_escaped_in_snippets(client, post_thread):
    post_thread("自行车转让", body="[code]<script>alert(1)</script>[/code] 自行车")
    page = client.get(URL, {"q": "自行车"}).content.decode()
    assert "<script>alert(1)" not in page


def test_filters_reach_the_results(client, post_thread, publish):
    post_thread("自行车转让")
    article = publish("骑自行车上班")
    page = client.get(URL, {"q": "自行车", "kind": Kind.ARTICLE}).content.decode()
    assert article.get_absolute_url() in page
    assert "/thread/" not in page.split('class="search-results"')[1]


def test_board_filter_lists_only_boards_the_reader_may_view(client, board, other_board):
    from lanting.forum.models import BoardPermission

    BoardPermission.objects.create(board=other_board, group=None, can_view=False)
    page = client.get(URL, {"q": "x"}).content.decode()
    assert f'<option value="{board.pk}">' in page
    assert f'<option value="{other_board.pk}">' not in page


def test_no_results_page_says_so_and_suggests_something(client, post_thread):
    post_thread("自行车转让")
    response = client.get(URL, {"q": "自行车 电饭煲", "kind": Kind.ARTICLE})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="no-results"' in page
    assert "?q=%E8%87%AA%E8%A1%8C%E8%BD%A6" in page  # 自行车 alone
    assert "kind" not in page.split('class="no-results"')[1].split("</ul>")[0]


def test_pages_link_to_each_other_keeping_the_query(client, post_thread, monkeypatch):
    from lanting.search import selectors

    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    for number in range(3):
        post_thread(f"自行车 {number}")
    page = client.get(URL, {"q": "自行车", "page": "2"}).content.decode()
    assert 'aria-current="page">2<' in page
    assert 'href="?q=%E8%87%AA%E8%A1%8C%E8%BD%A6"' in page  # page 1: the address without a page


def test_json_endpoint_returns_the_same_hits(client, post_thread):
    thread = post_thread("伦敦租房，Zone 2")
    response = client.get(API, {"q": "zone 2 伦敦"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    hit = data["results"][0]
    assert (hit["kind"], hit["id"]) == (Kind.THREAD, thread.pk)
    assert hit["url"].endswith(thread.get_absolute_url())
    assert "<mark>伦敦</mark>" in hit["title_html"]


def test_json_endpoint_refuses_bad_filters_with_a_400(client):
    response = client.get(API, {"q": "x", "since": "yesterday"})
    assert response.status_code == 400
    assert "since" in response.json()["errors"]


def test_search_page_costs_a_fixed_number_of_queries(
    client, post_thread, reply, django_assert_num_queries
):
    thread = post_thread("自行车转让")
    for number in range(5):
        reply(thread, f"自行车 {number} 号")
    client.get(URL, {"q": "自行车"})  # warm the caches (board rules, dictionary, site)
    # Boards to filter by, (SQLite) how common the words are, hits. PostgreSQL
    # knows how common they are from its statistics, read once in ten minutes.
    with django_assert_num_queries(3 if connection.vendor == "sqlite" else 2):
        client.get(URL, {"q": "自行车"})


def test_search_url_names_resolve():
    assert reverse("search:results") == URL
    assert reverse("search:api") == API


def test_a_capped_count_says_only_the_newest_are_ranked_in_both_languages(
    client, post_thread, monkeypatch
):
    from lanting.search import selectors

    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    for number in range(3):
        post_thread(f"自行车 {number}")
    client.cookies["django_language"] = "zh-hans"
    page = client.get(URL, {"q": "自行车"}).content.decode()
    assert "超过 2 条结果：显示最新的 2 条" in page
    client.cookies["django_language"] = "en"
    page = client.get(URL, {"q": "自行车"}).content.decode()
    assert "More than 2 results: the newest 2, the best first." in page
