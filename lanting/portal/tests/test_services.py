import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections

from lanting.portal.models import Article, Comment
from lanting.portal.services import (
    comment_on_article,
    delete_comment,
    recount_comments,
    render_article,
    set_comment_visibility,
)


@pytest.mark.django_db(transaction=True)
def test_comment_count_is_right_after_concurrent_comments(make_member, article):
    members = [make_member(f"member{n}") for n in range(6)]
    barrier = threading.Barrier(len(members))
    errors: list[BaseException] = []

    def comment(member):
        try:
            barrier.wait()
            for n in range(5):
                comment_on_article(article=article, author=member, body=f"{member} #{n}")
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=comment, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    article.refresh_from_db()
    assert Comment.objects.filter(article=article).count() == 30
    assert article.comment_count == 30


@pytest.mark.django_db
def test_comment_refused_when_comments_are_closed(member, make_article):
    closed = make_article(allow_comments=False)
    with pytest.raises(PermissionDenied):
        comment_on_article(article=closed, author=member, body="hi")
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_comment_of_only_spaces_is_refused(member, article):
    with pytest.raises(ValidationError):
        comment_on_article(article=article, author=member, body=" \n\t ")
    article.refresh_from_db()
    assert article.comment_count == 0


@pytest.mark.django_db
def test_hiding_showing_and_deleting_keep_the_count(member, article):
    comments = [comment_on_article(article=article, author=member, body=str(n)) for n in range(3)]
    set_comment_visibility(comment=comments[0], public=False)
    set_comment_visibility(comment=comments[0], public=False)  # twice changes nothing more
    article.refresh_from_db()
    assert article.comment_count == 2
    delete_comment(comment=comments[0])  # a hidden one: the count stays
    delete_comment(comment=comments[1])
    article.refresh_from_db()
    assert article.comment_count == 1
    Article.objects.filter(pk=article.pk).update(comment_count=99)
    recount_comments()
    article.refresh_from_db()
    assert article.comment_count == 1


def test_written_summary_wins_over_the_cut_one():
    article = Article(body="<p>" + "正文" * 200 + "</p>", summary="  写好的\n摘要  ")
    render_article(article)
    assert article.summary_text == "写好的 摘要"
    article.summary = ""
    render_article(article)
    assert article.summary_text == "正文" * 50 + " ..."


def test_a_comment_renders_its_bbcode(article, member):
    from lanting.portal.services import comment_on_article

    comment = comment_on_article(
        article=article, author=member, body="[b]好文[/b] [url=https://example.com]来源[/url] :)"
    )
    assert "<strong>好文</strong>" in comment.body_html
    assert '<a href="https://example.com"' in comment.body_html
    assert "[b]" not in comment.body_html and "🙂" in comment.body_html


def test_a_comment_cannot_carry_script(article, member):
    from lanting.portal.services import comment_on_article

    comment = comment_on_article(
        article=article, author=member, body="<script>alert(1)</script>[url=javascript:x]a[/url]"
    )
    assert "<script" not in comment.body_html and 'href="javascript' not in comment.body_html
