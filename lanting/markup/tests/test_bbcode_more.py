"""BBCode: attachments, hidden content, smilies, malformed input and the sanitizer."""

import dataclasses
import random

import pytest

from lanting.markup.bbcode import (
    DEFAULT_SMILIES,
    HIDDEN_CONTENT_NOTICE,
    MAX_DEPTH,
    sanitize_bbcode_html,
)
from lanting.markup.tests.bbcode_helpers import (
    ATTACHMENTS,
    REL,
    assert_safe_and_well_formed,
    render,
)

# Attachments


def test_attached_image_with_its_size():
    output = render("[attach]8[/attach]", attachment_url=ATTACHMENTS.get)
    assert output == (
        '<img src="/media/forum/201905/map.png" alt="map.png" loading="lazy" width="640"'
        ' height="480">'
    )


def test_attached_image_without_a_size():
    assert render("[attach] 7 [/attach]", attachment_url=ATTACHMENTS.get) == (
        '<img src="/media/forum/201905/photo.jpg" alt="photo.jpg" loading="lazy">'
    )


def test_attached_file_is_a_link_with_its_name():
    assert render("[attach]9[/attach]", attachment_url=ATTACHMENTS.get) == (
        f'<a href="/media/forum/201905/rules.pdf" {REL}>规则 &lt;v2&gt;.pdf</a>'
    )


def test_editor_attachimg_is_an_attachment_too():
    assert render("[attachimg]7[/attachimg]", attachment_url=ATTACHMENTS.get).startswith("<img")


@pytest.mark.parametrize(
    "source", ["[attach]404[/attach]", "[attach]10[/attach]", "[ATTACH]404[/ATTACH]"]
)
def test_unknown_or_unsafe_attachment_is_its_text(source):
    assert render(source, attachment_url=ATTACHMENTS.get) == source


def test_attachments_without_a_lookup_are_text():
    assert render("[attach]7[/attach]") == "[attach]7[/attach]"


def test_attachment_of_something_else_is_text():
    assert render("[attach]x<b>[/attach]", attachment_url=ATTACHMENTS.get) == (
        "[attach]x&lt;b&gt;[/attach]"
    )


# Hidden content


def test_hidden_content_is_replaced_by_the_notice():
    output = render("before [hide]secret[/hide] after")
    assert "secret" not in output
    assert output == f'before <p class="bb-hide-notice">{HIDDEN_CONTENT_NOTICE}</p> after'


def test_hidden_content_with_a_credit_limit_is_hidden_too():
    assert "secret" not in render("[hide=50]secret[/hide]")


def test_hidden_content_is_shown_to_those_allowed():
    assert render("[hide][b]secret[/b][/hide]", hide_visible=True) == (
        '<div class="bb-hide"><strong>secret</strong></div>'
    )


def test_hidden_content_stays_hidden_when_a_block_around_it_closes_early():
    assert "secret" not in render("[quote][hide]secret[/quote]")


def test_thread_password_is_not_shown():
    assert render("[password]hunter2[/password]hello") == "hello"


# Smilies


def test_pack_smilies_through_the_lookup():
    def smiley(code):
        return {"{:2_25:}": "🐵"}.get(code)

    assert render("hi {:2_25:} {:9_99:}", smiley=smiley) == "hi 🐵 {:9_99:}"


def test_default_smilies_as_emoji():
    assert render("hi :) :lol :handshake", smiley=DEFAULT_SMILIES.get) == "hi 🙂 😆 🤝"


def test_classic_smiley_codes_inside_words_are_left_alone():
    text = "re:open C:Documents http://example.org:Port/"
    assert render(text, smiley=DEFAULT_SMILIES.get) == text


def test_smilies_are_left_as_text_without_a_lookup():
    assert render("{:2_25:} :)") == "{:2_25:} :)"


def test_smiley_lookup_result_is_escaped():
    assert render("{:1_1:}", smiley=lambda code: "<b>") == "&lt;b&gt;"


def test_default_smilies_cover_the_discuz_default_pack():
    assert len(DEFAULT_SMILIES) == 24
    assert {":)", ":(", ":D", ":'(", ":lol", ":loveliness:", ":handshake", ":call:"} <= set(
        DEFAULT_SMILIES
    )


# Malformed BBCode


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[b]bold", "[b]bold"),
        ("[/b]x", "[/b]x"),
        ("x[/b]", "x[/b]"),
        ("[b=1]x[/b]", "[b=1]x[/b]"),
        ("[foo]x[/foo]", "[foo]x[/foo]"),
        ("[b]x[/i]", "[b]x[/i]"),
        ("[list][*]a", "[list][*]a"),
        ("[url=/a]x", "[url=/a]x"),
        ("[", "["),
        ("[]", "[]"),
        ("[/]", "[/]"),
        ("[b][/b]", "<strong></strong>"),
    ],
)
def test_unclosed_stray_and_unknown_tags_are_text(source, expected):
    assert render(source) == expected


def test_mis_nested_formatting_is_closed_and_reopened():
    assert render("[b][i]x[/b][/i]") == "<strong><i>x</i></strong>"
    assert render("[b][i]x[/b]y[/i]z") == "<strong><i>x</i></strong><i>y</i>z"
    # Once shown as formatting, a tag left open runs to the end rather than turning to text.
    assert render("[b][i]x[/b]y") == "<strong><i>x</i></strong><i>y</i>"
    assert render("[size=4][color=red]x[/size][/color]") == (
        '<span style="font-size: large"><span style="color: red">x</span></span>'
    )


def test_formatting_left_open_in_a_block_ends_with_the_block():
    assert render("[quote][b]x[/quote]y") == "<blockquote><strong>x</strong></blockquote>y"
    # Its closer, when it comes after, is no longer needed.
    assert render("[align=center][b]x[/align][/b]y") == (
        '<div style="text-align: center"><strong>x</strong></div>y'
    )


def test_a_formatting_closer_does_not_reach_out_of_a_block():
    assert render("[b][quote]x[/b]y[/quote]") == "[b]<blockquote>x[/b]y</blockquote>"


def test_a_block_left_open_in_a_block_is_closed_with_it():
    assert render("[quote][align=right]x[/quote]") == (
        '<blockquote><div style="text-align: right">x</div></blockquote>'
    )


def test_nesting_deeper_than_the_limit_is_text():
    source = "[b]" * (MAX_DEPTH + 5) + "x" + "[/b]" * (MAX_DEPTH + 5)
    output = render(source)
    assert output.count("<strong>") == MAX_DEPTH
    assert output.count("[b]") == 5 and output.count("[/b]") == 5
    assert_safe_and_well_formed(output)


def test_ten_thousand_nested_quotes_do_not_crash():
    source = "[quote]" * 10_000 + "deep" + "[/quote]" * 10_000
    output = render(source)
    assert output.count("<blockquote>") == MAX_DEPTH
    assert "deep" in output
    assert_safe_and_well_formed(output)


def test_ten_thousand_unclosed_tags_do_not_crash():
    output = render("[quote][list][*][b][table][tr][td][url=/x]" * 10_000)
    assert_safe_and_well_formed(output)


def test_a_megabyte_of_tags_renders():
    source = ("[b][i]x[/b][/i][color=red]\n[list][*][quote]y[/list]" * 20_000)[:1_000_000]
    assert_safe_and_well_formed(render(source, smiley=DEFAULT_SMILIES.get))


NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[url=javascript:alert(1)]x[/url]",
    '[url=http://a.example/"onmouseover=alert(1)]x[/url]',
    "[url]javascript:alert(1)[/url]",
    "[img]javascript:alert(1)[/img]",
    "[img]data:image/svg+xml;base64,PHN2Zz4=[/img]",
    '[img=1,1]http://a.example/x.png" onerror="alert(1)[/img]',
    "[email]javascript:alert(1)//@a.example[/email]",
    "[color=red;background:url(javascript:alert(1))]x[/color]",
    "[size=999]x[/size]",
    "[font=x</span><script>]x[/font]",
    '[align=center"onclick="alert(1)]x[/align]',
    "[table=100%,url(x)][tr=expression(1)][td=1,1,1;position:fixed]x[/td][/tr][/table]",
    "[attach]1[/attach]",
    "[hide]",
    "[/hide]",
    "[code]",
    "[/code]",
    "[quote][list][*][table][tr][td][b][/quote]",
    "[b][i][u][s][/b][/i][/u][/s]",
    '[list=1"><script>]',
    "[p=1,1,left;color:red]x[/p]",
    "{:2_25:}",
    ":) :( :D :'( :lol",
    "&lt;script&gt;",
    "&#106;avascript:alert(1)",
    "\x00\x01\u2028\u202e",
    "]]][[[",
    "\n\n\t  ",
]


@pytest.mark.parametrize("source", NASTY)
def test_nasty_strings_give_safe_well_formed_html(source):
    for options in ({}, {"smiley": DEFAULT_SMILIES.get, "hide_visible": True}):
        assert_safe_and_well_formed(render(source, attachment_url=ATTACHMENTS.get, **options))


def test_random_tag_soup_gives_safe_well_formed_html():
    pieces = [*NASTY, "[b]", "[/b]", "[i]", "[/i]", "[quote]", "[/quote]", "[list]", "[*]",
              "[/list]", "[table]", "[tr]", "[td]", "[/td]", "[/tr]", "[/table]", "[url=/a]",
              "[/url]", "[color=red]", "[/color]", "[p=1,1,left]", "[/p]", "[align=left]",
              "[/align]", "[hide]", "[/hide]", "[code]", "[/code]", "[img]", "/a.png", "[/img]",
              "[attach]", "7", "9", "[/attach]", "\n", "text", "中文", " ", "[hr]"]  # fmt: skip
    rng = random.Random(20190501)
    for _ in range(400):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for hide_visible in (False, True):
            output = render(
                source,
                attachment_url=ATTACHMENTS.get,
                smiley=DEFAULT_SMILIES.get,
                hide_visible=hide_visible,
            )
            structure = assert_safe_and_well_formed(output)
            assert structure.tags <= {
                "a", "blockquote", "br", "code", "div", "hr", "i", "img", "li", "ol", "p",
                "pre", "s", "span", "strong", "table", "tbody", "td", "tr", "u", "ul",
            }  # fmt: skip


# The sanitizer


def test_sanitizer_keeps_only_checked_style_properties():
    assert sanitize_bbcode_html('<span style="color: red; position: fixed">x</span>') == (
        '<span style="color: red">x</span>'
    )
    assert sanitize_bbcode_html('<span style="background-color: url(x)">x</span>') == (
        "<span>x</span>"
    )
    assert sanitize_bbcode_html('<p style="color:RED;font-size:100px">x</p>') == (
        '<p style="color: red; font-size: 48px">x</p>'
    )


def test_sanitizer_keeps_only_known_classes_and_drops_handlers():
    assert sanitize_bbcode_html('<div class="evil bb-hide" onclick="x()">x</div>') == (
        '<div class="bb-hide">x</div>'
    )
    assert sanitize_bbcode_html('<img src="/a.png" loading="soon" width="1e9">') == (
        '<img src="/a.png">'
    )
    assert sanitize_bbcode_html('<a href="javascript:alert(1)">x</a>') == f"<a {REL}>x</a>"


def test_attachment_ref_is_frozen():
    ref = ATTACHMENTS[7]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.url = "/other"
