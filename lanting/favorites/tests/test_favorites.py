import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from lanting.favorites import services
from lanting.favorites.models import Favorite
from lanting.forum.models import Board, Thread
from lanting.portal.models import Article

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _add_url(kind, item):
    return reverse("favorites:add", args=[kind, item.pk])


def test_a_thread_an_article_and_a_board_are_kept_and_counted(member, thread, article, board):
    for item in (thread, article, board):
        services.add_favorite(member=member, item=item)
    assert Thread.objects.get(pk=thread.pk).favorite_count == 1
    assert Article.objects.get(pk=article.pk).favorite_count == 1
    assert Board.objects.get(pk=board.pk).favorite_count == 1
    assert sorted(Favorite.objects.values_list("kind", flat=True)) == ["article", "board", "thread"]


def test_favouriting_twice_is_refused_and_counted_once(member, thread):
    services.add_favorite(member=member, item=thread)
    with pytest.raises(services.Refused, match="already in your favourites"):
        services.add_favorite(member=member, item=thread)
    assert Thread.objects.get(pk=thread.pk).favorite_count == 1


def test_the_database_keeps_one_favourite_per_member_and_item(member, thread):
    Favorite.objects.create(member=member, kind="thread", thread=thread)
    with pytest.raises(IntegrityError), transaction.atomic():
        Favorite.objects.create(member=member, kind="thread", thread=thread)


def test_a_favourite_names_exactly_one_item_of_its_kind(member, thread, board):
    with pytest.raises(IntegrityError), transaction.atomic():
        Favorite.objects.create(member=member, kind="board", thread=thread)
    with pytest.raises(IntegrityError), transaction.atomic():
        Favorite.objects.create(member=member, kind="thread", thread=thread, board=board)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="threads share one SQLite file")
def test_two_tabs_favouriting_at_once_count_once(member, thread):
    refusals = []

    def keep():
        try:
            services.add_favorite(member=member, item=thread)
        except services.Refused as refusal:
            refusals.append(refusal)
        finally:
            connection.close()

    tabs = [threading.Thread(target=keep) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert Favorite.objects.count() == 1
    assert Thread.objects.get(pk=thread.pk).favorite_count == 1
    assert len(refusals) == 1


def test_removing_takes_the_count_down(member, thread):
    favorite = services.add_favorite(member=member, item=thread)
    services.remove_favorite(member=member, favorite_id=favorite.pk)
    assert Thread.objects.get(pk=thread.pk).favorite_count == 0
    with pytest.raises(services.Refused):
        services.remove_favorite(member=member, favorite_id=favorite.pk)
    assert Thread.objects.get(pk=thread.pk).favorite_count == 0


def test_one_cannot_remove_another_s_favourite(member, make_member, thread):
    favorite = services.add_favorite(member=member, item=thread)
    with pytest.raises(services.Refused):
        services.remove_favorite(member=make_member("thief"), favorite_id=favorite.pk)
    assert Favorite.objects.filter(pk=favorite.pk).exists()


def test_a_hidden_board_deleted_thread_or_draft_cannot_be_kept(
    member, thread, board, hide, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(services.Refused, match="not published"):
        services.add_favorite(member=member, item=draft)
    Thread.objects.filter(pk=thread.pk).update(is_deleted=True)
    thread.refresh_from_db()
    with pytest.raises(services.Refused, match="may not see"):
        services.add_favorite(member=member, item=thread)
    hide(board)
    with pytest.raises(services.Refused, match="may not see"):
        services.add_favorite(member=member, item=board)
    assert not Favorite.objects.exists()


# -- the pages ----------------------------------------------------------------------------


def test_the_button_keeps_the_thread_and_says_so(client, member, thread):
    client.force_login(member)
    response = client.post(_add_url("thread", thread))
    assert response["Location"] == thread.get_absolute_url()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Added to your favourites." in page
    assert 'data-count="favorites">1<' in page


def test_the_button_with_script_answers_with_the_count(client, member, board):
    client.force_login(member)
    answer = client.post(_add_url("board", board), **JSON).json()
    assert answer == {
        "ok": True,
        "message": "Added to your favourites.",
        "counts": {"favorites": 1},
    }
    again = client.post(_add_url("board", board), **JSON)
    assert again.status_code == 400
    assert again.json()["message"] == "This is already in your favourites."


def test_favouriting_twice_from_the_page_says_so(client, member, article):
    client.force_login(member)
    client.post(_add_url("article", article))
    page = client.post(_add_url("article", article), follow=True).content.decode()
    assert "This is already in your favourites." in page
    assert Article.objects.get(pk=article.pk).favorite_count == 1


def test_a_hidden_board_gets_a_page_that_says_why(client, member, board, hide):
    hide(board)
    client.force_login(member)
    response = client.post(_add_url("board", board))
    assert response.status_code == 403
    assert "You may not see this board." in response.content.decode()


def test_an_unknown_kind_or_item_is_a_404(client, member, thread):
    client.force_login(member)
    assert client.post(f"/favorites/blog/{thread.pk}/add/").status_code == 404
    assert client.post("/favorites/thread/999999/add/").status_code == 404


def test_a_guest_is_sent_to_log_in(client, thread):
    response = client.post(_add_url("thread", thread))
    assert "/login/" in response["Location"]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "favorite-button" in page and _add_url("thread", thread) not in page


def test_my_favourites_lists_by_kind_pages_and_removes(client, member, thread, article, board):
    for item in (thread, article, board):
        services.add_favorite(member=member, item=item)
    client.force_login(member)
    page = client.get("/favorites/").content.decode()
    for title in (thread.title, article.title, board.name):
        assert title in page
    only_threads = client.get("/favorites/?kind=thread").content.decode()
    assert thread.title in only_threads and article.title not in only_threads
    favorite = Favorite.objects.get(kind="thread")
    response = client.post(
        reverse("favorites:remove", args=[favorite.pk]), {"next": "/favorites/?kind=thread"}
    )
    assert response["Location"] == "/favorites/?kind=thread"
    assert "Removed from your favourites." in client.get(response["Location"]).content.decode()
    assert not Favorite.objects.filter(pk=favorite.pk).exists()
    assert Thread.objects.get(pk=thread.pk).favorite_count == 0


def test_my_favourites_go_twenty_a_page(client, member, board, author):
    from lanting.forum import services as forum_services

    for n in range(23):
        item = forum_services.create_thread(board=board, author=author, title=f"帖子 {n}", body="x")
        services.add_favorite(member=member, item=item)
    client.force_login(member)
    first = client.get("/favorites/").content.decode()
    assert first.count('class="favorite-row"') == 20
    second = client.get("/favorites/?page=2").content.decode()
    assert second.count('class="favorite-row"') == 3


def test_my_favourites_ask_a_guest_to_log_in(client):
    assert "/login/" in client.get("/favorites/")["Location"]


def test_the_old_favourites_address_answers_301(client):
    response = client.get("/home.php?mod=space&do=favorite&type=thread")
    assert response.status_code == 301
    assert response["Location"] == "/favorites/"


def test_removing_someone_else_s_favourite_says_so(client, member, make_member, thread):
    favorite = services.add_favorite(member=member, item=thread)
    client.force_login(make_member("thief"))
    page = client.post(reverse("favorites:remove", args=[favorite.pk]), follow=True)
    assert "not in your favourites" in page.content.decode()
    assert Favorite.objects.filter(pk=favorite.pk).exists()


def test_my_favourites_no_longer_name_what_one_may_not_see(
    client, member, thread, board, article, hide
):
    for item in (thread, board, article):
        services.add_favorite(member=member, item=item)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    hide(board)
    client.force_login(member)
    page = client.get("/favorites/").content.decode()
    assert thread.title not in page and board.name not in page and article.title not in page
    assert "Nothing kept yet." in page


def test_my_favourites_cost_the_same_queries_for_one_or_many(
    client, member, board, author, make_article, django_assert_max_num_queries
):
    from lanting.forum import services as forum_services

    client.force_login(member)

    def keep(n):
        for i in range(n):
            item = forum_services.create_thread(
                board=board, author=author, title=f"t{n}{i}", body="x"
            )
            services.add_favorite(member=member, item=item)
            services.add_favorite(member=member, item=make_article(title=f"a{n}{i}"))

    keep(1)
    client.get("/favorites/")  # warm the caches (rules, chrome)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/favorites/")
    keep(8)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/favorites/")
