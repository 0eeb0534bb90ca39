"""BBCode: text, simple tags, links, images and blocks."""

import pytest

from lanting.markup.bbcode import (
    DEFAULT_SMILIES,
)
from lanting.markup.tests.bbcode_helpers import REL, assert_safe_and_well_formed, render

# Text


def test_text_is_escaped_and_line_breaks_kept():
    assert render("<script>alert(1)</script>\na & b") == (
        "&lt;script&gt;alert(1)&lt;/script&gt;<br>a &amp; b"
    )


def test_windows_line_breaks_become_one_break():
    assert render("one\r\ntwo\rthree") == "one<br>two<br>three"


def test_runs_of_spaces_and_tabs_stay_visible_as_in_discuz():
    assert render("a  b\tc") == "a&nbsp; b&nbsp;&nbsp;&nbsp; c"


def test_an_empty_post_renders_empty():
    assert render("") == ""


# Simple tags


def test_bold_italic_underline_strike():
    assert render("[b]b[/b][i]i[/i][u]u[/u][s]s[/s]") == (
        "<strong>b</strong><i>i</i><u>u</u><s>s</s>"
    )


def test_tag_names_are_case_insensitive():
    assert render("[B]x[/b] [I]y[/I]") == "<strong>x</strong> <i>y</i>"


def test_last_edited_status_line():
    assert render("[i=s] 本帖最后由 leedell 于 2019-5-1 12:00 编辑 [/i]") == (
        '<i class="bb-status"> 本帖最后由 leedell 于 2019-5-1 12:00 编辑 </i>'
    )


def test_superscript_and_subscript():
    assert render("x[sup]2[/sup] H[sub]2[/sub]O") == "x<sup>2</sup> H<sub>2</sub>O"


@pytest.mark.parametrize(
    ("source", "colour"),
    [
        ("[color=Red]x[/color]", "red"),
        ("[color=#FF0000]x[/color]", "#ff0000"),
        ("[color=#f00]x[/color]", "#f00"),
        ("[color=rgb(255, 0, 0)]x[/color]", "#ff0000"),
        ("[color=DarkOrange]x[/color]", "darkorange"),
    ],
)
def test_colours(source, colour):
    assert render(source) == f'<span style="color: {colour}">x</span>'


@pytest.mark.parametrize(
    "source",
    [
        "[color=red;background:url(x)]x[/color]",
        "[color=expression(alert(1))]x[/color]",
        "[color=rgb(300, 0, 0)]x[/color]",
        "[color=#ff00]x[/color]",
        "[color=notacolour]x[/color]",
        '[color=red" onmouseover="alert(1)]x[/color]',
        "[color]x[/color]",
    ],
)
def test_a_bad_colour_shows_the_tags_as_text(source):
    output = render(source)
    assert "<span" not in output
    assert output.startswith("[color")
    assert output.endswith("x[/color]")
    assert_safe_and_well_formed(output)


def test_background_colour():
    assert render("[backcolor=yellow]x[/backcolor]") == (
        '<span style="background-color: yellow">x</span>'
    )


@pytest.mark.parametrize(
    ("value", "size"),
    [
        ("1", "x-small"),
        ("3", "medium"),
        ("7", "xxx-large"),
        ("12", "xxx-large"),  # Discuz!'s <font size="12"> is as big as 7
        ("14px", "14px"),
        ("10.5pt", "10pt"),
        ("2px", "8px"),
        ("120px", "48px"),
    ],
)
def test_sizes_are_mapped_and_clamped(value, size):
    assert render(f"[size={value}]x[/size]") == f'<span style="font-size: {size}">x</span>'


@pytest.mark.parametrize("value", ["999", "0", "12em", "1;color:red", "huge"])
def test_a_bad_size_is_text(value):
    assert render(f"[size={value}]x[/size]") == f"[size={value}]x[/size]"


def test_fonts():
    assert render("[font=Microsoft YaHei]x[/font][font=微软雅黑]y[/font]") == (
        '<span style="font-family: Microsoft YaHei">x</span>'
        '<span style="font-family: 微软雅黑">y</span>'
    )
    assert render("[font=x;color:red]y[/font]") == "[font=x;color:red]y[/font]"


# Links and images


def test_url_alone_is_its_own_text():
    assert render("[url]https://example.org/a?b=1&c=2[/url]") == (
        f'<a href="https://example.org/a?b=1&amp;c=2" {REL}>https://example.org/a?b=1&amp;c=2</a>'
    )


def test_url_with_text_may_hold_formatting():
    assert render("[url=http://example.org][b]Example[/b][/url]") == (
        f'<a href="http://example.org" {REL}><strong>Example</strong></a>'
    )


def test_www_links_get_http_as_in_discuz():
    assert render("[url=www.example.org]x[/url]") == f'<a href="http://www.example.org" {REL}>x</a>'


def test_site_relative_links_and_discuz_reply_links():
    assert render("[url=/article/1/]x[/url]") == f'<a href="/article/1/" {REL}>x</a>'
    quote_link = (
        "[url=forum.php?mod=redirect&goto=findpost&pid=5&ptid=3]leedell 发表于 2019-5-1[/url]"
    )
    assert render(quote_link) == (
        f'<a href="/forum.php?mod=redirect&amp;goto=findpost&amp;pid=5&amp;ptid=3" {REL}>'
        "leedell 发表于 2019-5-1</a>"
    )


def test_mailto_links():
    assert render("[url=mailto:a@example.org]mail[/url]") == (
        f'<a href="mailto:a@example.org" {REL}>mail</a>'
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "javascript&#58;alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "/\\evil.example/",
        "ftp://example.org/",
        "http:/example.org",
        "http://",
        'http://example.org/"onmouseover="alert(1)',
    ],
)
def test_unsafe_urls_are_text(url):
    for source in (f"[url={url}]x[/url]", f"[url]{url}[/url]", f"[img]{url}[/img]"):
        output = render(source)
        assert "<a" not in output and "<img" not in output, output
        assert output.startswith("[url") or output.startswith("[img")
        assert_safe_and_well_formed(output)


def test_url_javascript_is_the_literal_text():
    assert render("[url=javascript:alert(1)]x[/url]") == "[url=javascript:alert(1)]x[/url]"


def test_links_do_not_nest():
    output = render("[url=/a]one [url=/b]two[/url][/url]")
    assert output == f'<a href="/a" {REL}>one [url=/b]two</a>[/url]'


def test_email():
    assert render("[email]a.b@example.org[/email]") == (
        f'<a href="mailto:a.b@example.org" {REL}>a.b@example.org</a>'
    )
    assert render("[email=a@example.org]write[/email]") == (
        f'<a href="mailto:a@example.org" {REL}>write</a>'
    )
    assert render("[email]not an address[/email]") == "[email]not an address[/email]"


def test_images():
    assert render("[img]https://example.org/a.png[/img]") == (
        '<img src="https://example.org/a.png" alt="" loading="lazy">'
    )
    assert render("[img=300,200]/static/a.png[/img]") == (
        '<img src="/static/a.png" alt="" loading="lazy" width="300" height="200">'
    )
    assert render("[img=300x200]/a.png[/img]") == (
        '<img src="/a.png" alt="" loading="lazy" width="300" height="200">'
    )
    # Sizes that make no sense are left to the browser.
    assert render("[img=0,99999]/a.png[/img]") == '<img src="/a.png" alt="" loading="lazy">'


def test_img_javascript_is_the_literal_text():
    assert render("[img]javascript:alert(1)[/img]") == "[img]javascript:alert(1)[/img]"


def test_media_and_flash_become_plain_links():
    assert render("[media=x,500,375]https://example.org/v.mp4[/media]") == (
        f'<a href="https://example.org/v.mp4" {REL}>https://example.org/v.mp4</a>'
    )
    assert render("[flash=400,300]http://example.org/a.swf[/flash]") == (
        f'<a href="http://example.org/a.swf" {REL}>http://example.org/a.swf</a>'
    )
    assert render("[audio]http://example.org/a.mp3[/audio]") == (
        f'<a href="http://example.org/a.mp3" {REL}>http://example.org/a.mp3</a>'
    )


# Blocks


def test_quote_drops_the_line_breaks_at_its_edges():
    assert render("before\n[quote]\nquoted\ntext\n[/quote]\nafter") == (
        "before<blockquote>quoted<br>text</blockquote>after"
    )


def test_discuz_reply_quote():
    source = (
        "[quote][size=2][url=forum.php?mod=redirect&goto=findpost&pid=5&ptid=3]"
        "[color=#999999]leedell 发表于 2019-5-1 12:00[/color][/url][/size]\n原文[/quote]\n回复"
    )
    assert render(source) == (
        '<blockquote><span style="font-size: small">'
        f'<a href="/forum.php?mod=redirect&amp;goto=findpost&amp;pid=5&amp;ptid=3" {REL}>'
        '<span style="color: #999999">leedell 发表于 2019-5-1 12:00</span></a></span>'
        "<br>原文</blockquote>回复"
    )


def test_code_keeps_its_contents_literally():
    source = "[code]\n[b]not bold[/b] <i>\n  {:2_25:} :) [url=javascript:x]y[/url]\n[/code]"
    assert render(source, smiley=DEFAULT_SMILIES.get) == (
        "<pre><code>[b]not bold[/b] &lt;i&gt;\n  {:2_25:} :) [url=javascript:x]y[/url]</code></pre>"
    )


def test_code_ends_at_the_first_closer_and_unclosed_code_is_text():
    assert render("[code]a[/code]b[/code]") == "<pre><code>a</code></pre>b[/code]"
    assert render("[code][b]x[/b]") == "[code]<strong>x</strong>"


def test_lists():
    assert render("[list]\n[*]one\n[*]two\n[/list]") == "<ul><li>one</li><li>two</li></ul>"
    assert render("[list=1][*]a[*]b[/list]") == '<ol type="1"><li>a</li><li>b</li></ol>'
    assert render("[list=a][*]x[/list]") == '<ol type="a"><li>x</li></ol>'
    assert render("[list=disc][*]x[/list]") == "<ul><li>x</li></ul>"


def test_text_before_the_first_item_gets_an_item_of_its_own():
    assert render("[list]intro[*]a[/list]") == "<ul><li>intro</li><li>a</li></ul>"


def test_nested_lists():
    assert render("[list][*]a[list][*]a1[/list][*]b[/list]") == (
        "<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>"
    )


def test_list_item_outside_a_list_is_text():
    assert render("[*]x") == "[*]x"


def test_alignment_paragraph_indent_and_rule():
    assert render("[align=center]c[/align]") == '<div style="text-align: center">c</div>'
    assert render("[align=middle]c[/align]") == "[align=middle]c[/align]"
    assert render("[p=30, 2, left]para[/p]") == (
        '<p style="line-height: 30px; text-indent: 2em; text-align: left">para</p>'
    )
    assert render("[p=null, null, right]x[/p]") == '<p style="text-align: right">x</p>'
    assert render("[indent]x[/indent]") == "<blockquote>x</blockquote>"
    assert render("a\n[hr]\nb") == "a<hr>b"


def test_a_paragraph_holding_blocks_becomes_a_div():
    assert render("[p=24, 0, left][quote]x[/quote][/p]") == (
        '<div style="line-height: 24px; text-indent: 0em; text-align: left">'
        "<blockquote>x</blockquote></div>"
    )


def test_tables():
    source = (
        "[table=80%,#eeeeee]\n[tr][td]a[/td][td=2,1,50%]b[/td][/tr]\n"
        "[tr=red][td]c[/td][/tr]\n[/table]"
    )
    assert render(source) == (
        '<table style="width: 80%; background-color: #eeeeee"><tbody>'
        '<tr><td>a</td><td colspan="2" style="width: 50%">b</td></tr>'
        '<tr style="background-color: red"><td>c</td></tr>'
        "</tbody></table>"
    )


def test_table_values_that_are_unsafe_are_dropped():
    source = "[table=100%,red;x:url(y)][tr][td=9999,x,expression(1)]a[/td][/tr][/table]"
    assert render(source) == '<table style="width: 100%"><tbody><tr><td>a</td></tr></tbody></table>'


def test_table_cells_close_their_open_siblings():
    assert render("[table][tr][td]a[td]b[tr][td]c[/table]") == (
        "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>"
    )


def test_text_loose_in_a_table_gets_a_cell():
    assert render("[table]loose[tr][td]a[/td][/tr][/table]") == (
        "<table><tbody><tr><td>loose</td></tr><tr><td>a</td></tr></tbody></table>"
    )


def test_table_parts_outside_a_table_are_text():
    assert render("[tr][td]x[/td][/tr]") == "[tr][td]x[/td][/tr]"
