import pytest

from lanting.forum.models import Board, Section
from lanting.forum.services import create_thread, quote_source

pytestmark = pytest.mark.django_db


def test_quoting_never_reveals_hidden_content_to_someone_who_has_not_replied(client, make_member):
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="生活", slug="life"
    )
    author, reader = make_member("author"), make_member("reader2")
    thread = create_thread(
        board=board, author=author, title="电话", body="联系我[hide]秘密电话07700[/hide]谢谢"
    )
    client.force_login(reader)
    first = thread.posts.get(position=1)
    page = client.get(f"{thread.get_absolute_url()}?quote={first.pk}").content.decode()
    assert "秘密电话" not in page
    assert "联系我" in page


def test_quote_keeps_words_not_markup_and_never_cuts_a_tag(make_member):
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="生活", slug="life"
    )
    author = make_member("author")
    body = "[quote]旧引用[/quote]" + "[b]粗[/b]" * 60 + "[url=https://example.com/]链接[/url]"
    thread = create_thread(board=board, author=author, title="长帖", body=body)
    quoted = quote_source(thread.posts.get(position=1))
    assert "旧引用" not in quoted
    assert "[b]" not in quoted and "[url" not in quoted
    assert quoted.startswith("[quote][color=#999999]author 发表于 ")
    assert quoted.rstrip().endswith("[/quote]")


@pytest.mark.parametrize("junk", ["²", "abc", "99999999999999999999999", "-1"])
def test_junk_quote_ids_are_ignored(client, make_member, junk):
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="生活", slug="life"
    )
    thread = create_thread(board=board, author=make_member("author"), title="t", body="b")
    assert client.get(f"{thread.get_absolute_url()}?quote={junk}").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        "公开[hide][hide]x[/hide]SECRET[/hide]尾巴",
        "公开[hide][code][/hide][/code]SECRET[/hide]尾巴",
        "公开[hide=10]SECRET[/hide]尾巴",
        "公开[HIDE][b]SECRET[/b][/HIDE]尾巴",
        "公开[quote][hide]SECRET[/hide][/quote]尾巴",
    ],
)
def test_no_hidden_text_reaches_a_quote_however_the_tags_nest(client, make_member, body):
    board = Board.objects.create(
        section=Section.objects.create(name="生活"), name="生活", slug="life"
    )
    author, reader = make_member("author"), make_member("reader2")
    thread = create_thread(board=board, author=author, title="藏", body=body)
    first = thread.posts.get(position=1)
    assert "SECRET" not in first.body_html  # what the page shows them
    client.force_login(reader)
    page = client.get(f"{thread.get_absolute_url()}?quote={first.pk}").content.decode()
    assert "SECRET" not in page
    assert "公开" in quote_source(first) and "尾巴" in quote_source(first)
