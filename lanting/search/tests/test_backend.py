"""What members find, on whichever database runs the suite (CI: SQLite, then PostgreSQL)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from lanting.accounts import search_documents as member_documents
from lanting.forum import search_documents as forum_documents
from lanting.forum import services as forum
from lanting.forum.models import BoardPermission, Thread
from lanting.portal import search_documents as article_documents
from lanting.portal.models import Article
from lanting.search import services
from lanting.search.models import DictionaryWord, Kind, SearchEntry

pytestmark = pytest.mark.django_db


def test_backend_matches_the_database():
    from lanting.search.backends import get_backend

    expected = {"sqlite": "SQLiteBackend", "postgresql": "PostgresBackend"}[connection.vendor]
    assert type(get_backend()).__name__ == expected


def test_chinese_query_finds_a_reply_that_has_it_inside_a_longer_sentence(post_thread, reply, find):
    thread = post_thread("求助")
    post = reply(thread, "我们在伦敦租房子的时候要注意押金和合同。")
    assert find("伦敦租房") == [(Kind.POST, post.pk)]
    assert find("租房子") == [(Kind.POST, post.pk)]
    assert find("合同") == [(Kind.POST, post.pk)]


def test_mixed_chinese_and_english_query_needs_every_word(post_thread, find):
    near = post_thread("伦敦租房，Zone 2 附近有地铁")
    post_thread("伦敦租房，离市中心很远")
    assert find("伦敦 租房 zone 2") == [(Kind.THREAD, near.pk)]
    assert find("ZONE2 伦敦") == [(Kind.THREAD, near.pk)]


def test_english_words_are_found_in_other_forms(post_thread, find):
    thread = post_thread("Two flats to let near the station")
    assert find("flat") == [(Kind.THREAD, thread.pk)]
    assert find("FLATS letting") == [(Kind.THREAD, thread.pk)]


def test_quoted_phrase_needs_its_words_together_and_in_order(post_thread, find):
    together = post_thread("Room in zone 2, bills included", body="我在伦敦租房")
    apart = post_thread("Zone 3 flat with 2 rooms", body="租房在伦敦很贵")
    assert set(find("zone 2")) == {(Kind.THREAD, together.pk), (Kind.THREAD, apart.pk)}
    assert find('"zone 2"') == [(Kind.THREAD, together.pk)]
    assert set(find("伦敦 租房")) == {(Kind.THREAD, together.pk), (Kind.THREAD, apart.pk)}
    assert find("“伦敦租房”") == [(Kind.THREAD, together.pk)]


def test_site_dictionary_word_is_kept_whole_and_found(
    post_thread, find, django_capture_on_commit_callbacks
):
    thread = post_thread("出租单间", body="房租押一付三包水电，随时入住")
    assert find("押一付三") == []  # jieba alone cuts it 押 / 一付 / 三包
    with django_capture_on_commit_callbacks(execute=True):
        services.save_dictionary_word(word=DictionaryWord(word="押一付三"))
    assert find("押一付三") == [(Kind.THREAD, thread.pk)]
    entry = SearchEntry.objects.get(kind=Kind.THREAD, object_id=thread.pk)
    assert "押一付三" in entry.body_tokens.split()

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_dictionary_words(words=DictionaryWord.objects.all())
    entry.refresh_from_db()
    assert "押一付三" not in entry.body_tokens.split()


def test_dictionary_change_in_another_process_is_seen_here(post_thread, find):
    from lanting.search import dictionary

    thread = post_thread("出租单间", body="房租押一付三包水电")
    DictionaryWord.objects.create(word="押一付三")  # as if another node saved it
    dictionary.words_changed()
    dictionary.forget()  # this process knew nothing of it
    services.reindex_containing("押一付三")
    assert find("押一付三") == [(Kind.THREAD, thread.pk)]


def test_deleted_reply_is_no_longer_found_and_restored_one_is(post_thread, reply, find, publisher):
    thread = post_thread("求助")
    post = reply(thread, "有人知道哪里修自行车吗")
    assert find("自行车") == [(Kind.POST, post.pk)]
    forum.delete_post(post=post, actor=publisher)
    forum_documents.index_post(post.pk)
    assert find("自行车") == []
    forum.restore_post(post=post, moderator=publisher)
    forum_documents.index_post(post.pk)
    assert find("自行车") == [(Kind.POST, post.pk)]


def test_deleted_thread_takes_its_replies_out_of_the_results(post_thread, reply, find, publisher):
    thread = post_thread("自行车转让", body="九成新自行车")
    reply(thread, "自行车还在吗")
    assert len(find("自行车")) == 2
    forum.delete_thread(thread=thread, moderator=publisher)
    forum_documents.index_thread(thread.pk, with_replies=True)
    assert find("自行车") == []
    forum.restore_thread(thread=thread, moderator=publisher)
    forum_documents.index_thread(thread.pk, with_replies=True)
    assert len(find("自行车")) == 2


def test_posts_of_a_board_hidden_from_the_reader_never_appear(
    post_thread, find, board, other_board, member, publisher
):
    from django.contrib.auth.models import AnonymousUser

    secret = post_thread("内部通知：自行车", board=other_board, author=publisher)
    public = post_thread("自行车转让")
    BoardPermission.objects.create(board=other_board, group=None, can_view=False)
    assert find("自行车", reader=AnonymousUser()) == [(Kind.THREAD, public.pk)]
    assert set(find("自行车", reader=publisher)) == {
        (Kind.THREAD, public.pk),
        (Kind.THREAD, secret.pk),
    }


def test_title_match_ranks_above_body_matches(post_thread, find, hours_ago):
    in_body = post_thread("求助帖", body="自行车 自行车 自行车，我的自行车坏了，修自行车")
    in_title = post_thread("自行车转让", body="九成新，价格可议")
    Thread.objects.filter(pk=in_title.pk).update(created_at=hours_ago(48))
    forum_documents.index_thread(in_title.pk)
    assert find("自行车") == [(Kind.THREAD, in_title.pk), (Kind.THREAD, in_body.pk)]


def test_newer_content_wins_a_tie(post_thread, find, hours_ago):
    older = post_thread("自行车转让", body="九成新")
    newer = post_thread("自行车转让", body="九成新")
    Thread.objects.filter(pk=older.pk).update(created_at=hours_ago(24))
    forum_documents.index_thread(older.pk)
    assert find("自行车") == [(Kind.THREAD, newer.pk), (Kind.THREAD, older.pk)]


def test_edited_post_is_found_by_its_new_words_only(post_thread, reply, find, poster):
    thread = post_thread("求助")
    post = reply(thread, "出售自行车")
    forum.edit_post(post=post, editor=poster, body="出售电饭煲")
    forum_documents.index_post(post.pk)
    assert find("自行车") == []
    assert find("电饭煲") == [(Kind.POST, post.pk)]


def test_renamed_thread_is_found_by_its_new_title(post_thread, reply, find, poster):
    thread = post_thread("出售自行车")
    first = thread.posts.get(position=1)
    answer = reply(thread, "还在吗")
    forum.edit_post(post=first, editor=poster, body="九成新", title="出售电饭煲")
    forum_documents.index_post(first.pk, title_changed=True)
    assert find("自行车") == []
    assert find("电饭煲") == [(Kind.THREAD, thread.pk)]
    hit = next(h for h in services_search("还在") if h.object_id == answer.pk)
    assert hit.context == "出售电饭煲"


def services_search(query):
    from lanting.search.selectors import search

    return search(query).hits


def test_moved_thread_is_found_in_its_new_board(
    post_thread, reply, find, board, other_board, publisher
):
    thread = post_thread("自行车转让")
    answer = reply(thread, "自行车还在吗")
    forum.move_thread(thread=thread, moderator=publisher, board=other_board)
    forum_documents.index_thread(thread.pk, with_replies=True)
    assert find("自行车", board_id=board.pk) == []
    assert set(find("自行车", board_id=other_board.pk)) == {
        (Kind.THREAD, thread.pk),
        (Kind.POST, answer.pk),
    }


def test_split_and_merged_threads_keep_every_post_findable_once(
    post_thread, reply, find, publisher
):
    thread = post_thread("自行车转让")
    moved = reply(thread, "电饭煲也卖吗")
    reply(thread, "电饭煲多少钱")
    new = forum.split_thread(
        thread=thread, post_ids=[moved.pk], title="电饭煲的问题", moderator=publisher
    )
    forum_documents.index_thread(thread.pk, with_replies=True)
    forum_documents.index_thread(new.pk, with_replies=True)
    assert (Kind.THREAD, new.pk) in find("电饭煲")
    assert (Kind.POST, moved.pk) not in find("电饭煲")  # now the new thread's first post

    merged = forum.merge_threads(source=new, target=thread, moderator=publisher)
    forum_documents.forget_thread(new.pk)
    forum_documents.index_thread(merged.pk, with_replies=True)
    assert find("电饭煲也卖吗") == [(Kind.POST, moved.pk)]
    assert (Kind.THREAD, new.pk) not in find("电饭煲")


def test_articles_are_found_by_title_summary_and_body(publish, find):
    article = publish(
        "脱欧后的签证政策", body="<p>英国政府<b>宣布</b>新规定。</p>", summary="留学生关注"
    )
    assert find("签证") == [(Kind.ARTICLE, article.pk)]
    assert find("留学生") == [(Kind.ARTICLE, article.pk)]
    assert find("宣布 新规定") == [(Kind.ARTICLE, article.pk)]


def test_draft_article_is_not_found_and_scheduled_one_appears_at_its_time(publish, find):
    draft = publish("签证草稿", status=Article.Status.DRAFT)
    later = publish("签证新闻", published_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    assert find("签证") == []
    Article.objects.filter(pk=later.pk).update(published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    article_documents.index_article(later.pk)
    assert find("签证") == [(Kind.ARTICLE, later.pk)]
    Article.objects.filter(pk=draft.pk).delete()
    article_documents.index_article(draft.pk)
    assert find("签证") == [(Kind.ARTICLE, later.pk)]


def test_members_are_found_by_name(make_member, find):
    member = make_member("xiaoming", display_name="小明同学")
    member_documents.index_member(member.pk)
    assert find("xiaoming") == [(Kind.MEMBER, member.pk)]
    assert find("小明") == [(Kind.MEMBER, member.pk)]
    member.is_active = False
    member.save()
    member_documents.index_member(member.pk)
    assert find("xiaoming") == []


def test_filters_narrow_the_results(post_thread, reply, publish, find, make_member, hours_ago):
    thread = post_thread("自行车转让")
    other = make_member("buyer")
    answer = reply(thread, "自行车多少钱", author=other)
    article = publish("骑自行车上班的人变多了")
    assert len(find("自行车")) == 3
    assert find("自行车", kinds=[Kind.ARTICLE]) == [(Kind.ARTICLE, article.pk)]
    assert find("自行车", kinds=[Kind.POST]) == [(Kind.POST, answer.pk)]
    assert find("自行车", author="BUYER") == [(Kind.POST, answer.pk)]
    today = timezone.localdate()
    assert len(find("自行车", since=today, until=today)) == 3
    assert find("自行车", until=today - dt.timedelta(days=2)) == []


def test_results_are_paged(post_thread, hours_ago):
    from lanting.search.selectors import search

    for number in range(5):
        post_thread(f"自行车 {number}")
    first = search("自行车", per_page=2)
    assert (first.total, first.pages, len(first.hits)) == (5, 3, 2)
    last = search("自行车", per_page=2, page=99)  # past the end: the last page
    assert last.page == 3
    assert len(last.hits) == 1
    seen = {h.object_id for p in (1, 2, 3) for h in search("自行车", per_page=2, page=p).hits}
    assert len(seen) == 5


def test_unchanged_document_is_not_cut_again(post_thread, monkeypatch):
    thread = post_thread("自行车转让")
    calls = []
    real = services.index_terms
    monkeypatch.setattr(services, "index_terms", lambda text: calls.append(text) or real(text))
    forum_documents.index_thread(thread.pk)
    assert calls == []


def test_remove_document_takes_it_out_of_both_tables(post_thread, find):
    thread = post_thread("自行车转让")
    services.remove_document(Kind.THREAD, thread.pk)
    assert not SearchEntry.objects.filter(kind=Kind.THREAD, object_id=thread.pk).exists()
    assert find("自行车") == []
    forum_documents.index_thread(thread.pk)  # and back, with a new entry id
    assert find("自行车") == [(Kind.THREAD, thread.pk)]


def test_moved_documents_are_found_by_their_new_board_only(post_thread, find, board, other_board):
    thread = post_thread("自行车转让")
    services.move_documents(Kind.THREAD, [thread.pk], board_id=other_board.pk)
    assert find("自行车", board_id=board.pk) == []
    assert find("自行车", board_id=other_board.pk) == [(Kind.THREAD, thread.pk)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's bm25 shortcut")
def test_very_common_word_ranks_title_matches_first_then_the_newest(
    post_thread, find, hours_ago, monkeypatch
):
    from lanting.search.backends import sqlite

    monkeypatch.setattr(sqlite, "COMMON_TERM_DOCUMENTS", 0)  # every word is very common
    monkeypatch.setattr(sqlite, "PROBE_MATCHES", 1)
    old_title = post_thread("自行车转让", body="九成新")
    many_in_body = post_thread("求助帖", body="自行车 自行车 自行车，修自行车")
    newer_in_body = post_thread("问一下", body="哪里有自行车")
    Thread.objects.filter(pk=old_title.pk).update(created_at=hours_ago(48))
    Thread.objects.filter(pk=many_in_body.pk).update(created_at=hours_ago(24))
    for thread in (old_title, many_in_body):
        forum_documents.index_thread(thread.pk)
    assert find("自行车") == [
        (Kind.THREAD, old_title.pk),
        (Kind.THREAD, newer_in_body.pk),
        (Kind.THREAD, many_in_body.pk),
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search windows")
def test_a_wrong_estimate_still_finds_the_newest_matches(post_thread, monkeypatch):
    from lanting.search import selectors
    from lanting.search.backends import postgres

    threads = [post_thread(f"自行车 {number}") for number in range(3)]
    for number in range(3):
        post_thread(f"电饭煲 {number}")  # the newest entries do not match
    # As if the word were in nearly every entry: the first window holds two entries.
    monkeypatch.setattr(postgres.PostgresBackend, "_estimate", lambda self, *args: (1e9, 1e9))
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    found = selectors.search("自行车")
    assert found.total == 2
    assert [h.object_id for h in found.hits] == [threads[2].pk, threads[1].pk]


def test_pages_past_the_title_matches_rank_body_matches_by_score(post_thread, hours_ago):
    from lanting.search.selectors import search

    many = post_thread("求助帖", body="自行车 自行车 自行车，修自行车")
    once = post_thread("问一下", body="哪里有自行车")
    old_title = post_thread("自行车转让", body="九成新")
    new_title = post_thread("自行车出售", body="九成新")
    for thread, hours in ((many, 72), (once, 1), (old_title, 48), (new_title, 24)):
        Thread.objects.filter(pk=thread.pk).update(created_at=hours_ago(hours))
        forum_documents.index_thread(thread.pk)
    first = [h.object_id for h in search("自行车", per_page=2).hits]
    second = [h.object_id for h in search("自行车", per_page=2, page=2).hits]
    assert first == [new_title.pk, old_title.pk]
    assert second == [many.pk, once.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's three ways")
@pytest.mark.parametrize("way", ["walk", "window", "all"])
def test_every_way_of_finding_matches_keeps_the_filters(
    way, post_thread, board, other_board, hours_ago, monkeypatch
):
    from lanting.search import selectors
    from lanting.search.backends import postgres

    here = [post_thread(f"自行车 {number}") for number in range(3)]
    there = post_thread("自行车 出售", board=other_board)
    old = post_thread("自行车 旧帖")
    Thread.objects.filter(pk=old.pk).update(created_at=hours_ago(24 * 10))
    forum_documents.index_thread(old.pk)
    for number in range(3):
        post_thread(f"电饭煲 {number}")
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    monkeypatch.setattr(postgres, "FEW_MATCHES", 0)
    # As if a word were in one entry of a hundred: any of the three ways could be right.
    monkeypatch.setattr(postgres.PostgresBackend, "_estimate", lambda self, *args: (1e4, 1e4))
    used = []
    fetch = postgres.fetch_page

    def spy(sql, params):
        if ") w " in sql:
            used.append("walk")
        else:
            after = params[sql[: sql.index("e.id > %s")].count("%s")]
            used.append("window" if after else "all")
        return fetch(sql, params)

    monkeypatch.setattr(postgres, "fetch_page", spy)
    dearer = {
        "walk": ["WINDOW_ID_COST", "FETCH_COST"],
        "window": ["WALK_COST"],
        "all": ["WALK_COST", "WINDOW_ID_COST"],
    }
    for cost in dearer[way]:
        monkeypatch.setattr(postgres, cost, 1e9)
    since = timezone.localdate() - dt.timedelta(days=2)
    in_board = selectors.search("自行车", board_id=board.pk, since=since)
    assert [h.object_id for h in in_board.hits] == [here[2].pk, here[1].pk]
    assert selectors.search("自行车", board_id=other_board.pk).hits[0].object_id == there.pk
    assert [h.object_id for h in selectors.search("旧帖").hits] == [old.pk]
    assert used[0] == way
