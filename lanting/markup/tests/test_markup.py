import pytest

from lanting.markup.sanitize import markdown_to_html, plain_text_to_html, sanitize_html
from lanting.markup.text import char_width, cut_summary, html_to_text


def test_chinese_text_is_cut_at_100_characters():
    text = "伦敦华人社区" * 30  # 180 characters, width 360
    summary = cut_summary(text)
    assert summary == text[:100] + " ..."


def test_english_text_is_cut_at_200_characters():
    text = "abcdefghij" * 30
    assert cut_summary(text) == text[:200] + " ..."


def test_mixed_text_counts_chinese_twice():
    text = "Zone 2" + "租房" * 100  # width 6 + 400
    summary = cut_summary(text)
    # 6 for "Zone 2", then 97 wide characters fit into the remaining 194 units.
    assert summary == "Zone 2" + ("租房" * 100)[:97] + " ..."


def test_text_of_exactly_200_units_is_kept_whole_without_dots():
    assert cut_summary("a" * 200) == "a" * 200
    assert cut_summary("中" * 100) == "中" * 100
    assert cut_summary("a" * 198 + "中") == "a" * 198 + "中"


def test_one_unit_over_the_limit_is_cut_and_marked():
    assert cut_summary("a" * 201) == "a" * 200 + " ..."
    # A wide character that would cross 200 is dropped whole, never split.
    assert cut_summary("a" * 199 + "中") == "a" * 199 + " ..."


def test_short_text_is_not_marked_even_when_long_in_bytes():
    # 70 CJK characters: 210 bytes in UTF-8, Discuz! adds " ..." here; we do not.
    text = "华" * 70
    assert cut_summary(text) == text


def test_full_width_punctuation_counts_two():
    assert char_width("，") == 2
    assert char_width("a") == 1
    assert char_width("é") == 1


def test_html_to_text_drops_scripts_and_decodes_entities():
    assert html_to_text("<p>A &amp; B</p><script>alert(1)</script><p>C</p>") == "A & B C"


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_sanitizer_removes_scripts_handlers_and_bad_urls(dirty):
    clean = sanitize_html(dirty).lower()
    assert "<script" not in clean
    assert "onerror" not in clean
    assert "onload" not in clean
    assert "javascript:" not in clean
    assert "<iframe" not in clean
    assert "style=" not in clean


def test_sanitizer_keeps_formatting_and_safe_links():
    clean = sanitize_html('<p><strong>Hi</strong> <a href="https://x.example/">x</a></p>')
    assert "<strong>Hi</strong>" in clean
    assert 'href="https://x.example/"' in clean


def test_markdown_is_rendered_and_sanitized():
    html = markdown_to_html(
        "# Title\n\n**bold** <script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_comment_text_keeps_line_breaks_and_escapes_markup():
    html = plain_text_to_html("line one\nline <b>two</b>\n\nnew paragraph")
    assert html == "<p>line one<br>line &lt;b&gt;two&lt;/b&gt;</p><p>new paragraph</p>"
