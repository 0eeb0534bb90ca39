import pytest

from lanting.markup import AttachmentRef, render, summary
from lanting.markup.bbcode import HIDDEN_CONTENT_NOTICE

REL = 'rel="nofollow noopener noreferrer"'


def test_bbcode_is_rendered_with_smilies_and_links():
    html = render("[b]hi[/b] :) [url]https://x.example/[/url]", "bbcode")
    assert html == (
        f'<strong>hi</strong> 🙂 <a href="https://x.example/" {REL}>https://x.example/</a>'
    )


def test_bbcode_hidden_part_is_shown_only_when_asked():
    source = "open [hide]secret[/hide]"
    assert "secret" not in render(source, "bbcode")
    assert HIDDEN_CONTENT_NOTICE in render(source, "bbcode")
    assert "secret" in render(source, "bbcode", hide_visible=True)


def test_bbcode_attachment_is_shown_through_the_lookup():
    photo = AttachmentRef(url="/media/forum/photo.jpg", is_image=True, name="photo.jpg")
    html = render("[attach]7[/attach]", "bbcode", attachment_url={7: photo}.get)
    assert 'src="/media/forum/photo.jpg"' in html


def test_markdown_is_rendered_and_sanitized():
    html = render("**bold** <script>alert(1)</script>", "markdown")
    assert "<strong>bold</strong>" in html
    assert "<script" not in html


def test_html_is_sanitized_and_keeps_formatting():
    html = render('<p onclick="x()"><em>a</em></p><script>alert(1)</script>', "html")
    assert html == "<p><em>a</em></p>"


def test_text_keeps_its_line_breaks_and_escapes_tags():
    assert render("a <b>\nb", "text") == "<p>a &lt;b&gt;<br>b</p>"


@pytest.mark.parametrize("markup", ["bbcode", "markdown", "html", "text"])
def test_every_kind_of_markup_drops_scripts(markup):
    assert "<script" not in render("<script>alert(1)</script>", markup)


def test_summary_is_the_text_of_the_html_cut_by_the_discuz_rule():
    body = "<p>" + "伦敦" * 60 + "</p><p>more</p>"
    assert summary(body) == "伦敦" * 50 + " ..."
    assert summary("<p>short</p><p>text</p>") == "short text"
    assert summary("<p>" + "a" * 20 + "</p>", width=10) == "a" * 10 + " ..."


def test_an_unknown_kind_of_markup_is_refused_not_guessed():
    with pytest.raises(ValueError, match="'BBCode'"):
        render("[b]x[/b]", "BBCode")
