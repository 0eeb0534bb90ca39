"""The composer: a toolbar that needs JS to insert tags, a preview that needs none and is
rendered by the same server renderer as the saved post."""

import pytest

from lanting.forum.markup import render_body

pytestmark = pytest.mark.django_db

BODY = "[b]粗体[/b] [url=https://example.com]链接[/url] :)"


def test_a_reply_preview_is_the_saved_rendering_and_saves_nothing(client, thread, member):
    client.force_login(member)
    response = client.post(
        f"/thread/{thread.pk}/reply/", {"body": BODY, "markup": "bbcode", "preview": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert render_body("bbcode", BODY) in html  # what the saved post would show
    assert "[b]粗体[/b]" in html  # and the text, kept to go on writing
    assert thread.posts.count() == 1


def test_a_new_thread_preview_saves_nothing(client, board, member):
    client.force_login(member)
    response = client.post(
        f"/forum/{board.slug}/new/",
        {"title": "预览一下", "body": BODY, "markup": "bbcode", "preview": "1"},
    )
    assert response.status_code == 200
    assert render_body("bbcode", BODY) in response.content.decode()
    assert not board.threads.exists()


def test_the_toolbar_is_offered_and_the_textarea_works_without_it(client, thread, member):
    client.force_login(member)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "forum/composer" in html and "data-composer=" in html
    assert '<textarea name="body"' in html and 'name="preview"' in html
