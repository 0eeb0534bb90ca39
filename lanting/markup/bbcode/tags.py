"""The BBCode tag table: which tags exist, how they nest, and the HTML each opens with."""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from lanting.markup.bbcode.sanitize import _LIST_TYPES
from lanting.markup.bbcode.values import (
    _EMAIL,
    _SIZE_KEYWORDS,
    _STYLE_PROPERTIES,
    _attribute,
    _css_colour,
    _css_font_family,
    _css_font_size,
    _css_width,
    _safe_url,
    _style_attribute,
)
from lanting.markup.smilies import DEFAULT_SMILIES


@dataclass(frozen=True)
class AttachmentRef:
    """What ``[attach]N[/attach]`` points to: the file's URL and how to show it."""

    url: str
    is_image: bool
    name: str
    width: int | None = None
    height: int | None = None


# Shown in place of [hide]…[/hide] to those who may not see it yet (Discuz!'s wording); a
# module constant so the app can translate it.
HIDDEN_CONTENT_NOTICE = "本帖隐藏的内容需要回复才可以浏览"

# Tags open at once; deeper ones are shown as text, so hostile input cannot exhaust the stack.
MAX_DEPTH = 20

_CLASSIC_SMILIES = sorted((c for c in DEFAULT_SMILIES if not c.startswith("{:")), key=len)[::-1]
_TAG = r"\[(?P<closing>/?)(?P<name>\*|[A-Za-z]{1,12})(?:=(?P<param>[^\[\]\r\n]{0,300}))?\]"
# {:T_N:} is any smiley pack's code; the classic codes must not run into a word ("re:open").
_SMILEY = (
    r"|(?P<smiley>\{:\d{1,4}_\d{1,6}:\}|(?:"
    + "|".join(re.escape(code) for code in _CLASSIC_SMILIES)
    + r")(?![A-Za-z0-9]))"
)
_TOKEN = re.compile(_TAG)
_TOKEN_WITH_SMILIES = re.compile(_TAG + _SMILEY)

# Formatting: closed and opened again when a mis-nested closer crosses it.
_FORMATTING = ("b", "i", "u", "s", "sup", "sub", "color", "size", "font", "backcolor", "float")
_INLINE = frozenset({*_FORMATTING, "url", "email"})
_LINKS = frozenset({"url", "email"})
# Blocks that any block's closer may close on its way out.
_BLOCKS = frozenset({"quote", "hide", "align", "p", "indent", "free"})
# Items ([*] is a list item), the container each goes straight into, the open items its
# opener closes, and the closers that close it along with its container.
_PARENT_OF = {"*": "list", "tr": "table", "td": "tr"}
_SIBLINGS = {"*": _INLINE | {"*"}, "tr": _INLINE | {"tr", "td"}, "td": _INLINE | {"td"}}
_CLOSED_WITH = {"*": {"list"}, "tr": {"table"}, "td": {"table", "tr"}}
# Containers that hold only items: text in them is wrapped in an item.
_ITEM_OF = {"list": "*", "table": "tr", "tr": "td"}
_BLOCK_LEVEL = _BLOCKS | {"list", "table", "*", "tr", "td"}
_STACKED = _INLINE | _BLOCK_LEVEL
# What each closer may close on its way to its opener; anything else stops it.
_CROSSABLE_BY = {
    name: _INLINE
    if name in _INLINE
    else _INLINE | _BLOCKS | {item for item, closers in _CLOSED_WITH.items() if name in closers}
    for name in _STACKED
}
# Tags whose contents are taken verbatim up to the first closer.
_VERBATIM = frozenset(
    {"code", "img", "attach", "attachimg", "media", "flash", "audio", "password", "postbg"}
)
_CLOSER = {name: re.compile(r"\[/" + name + r"\]", re.IGNORECASE) for name in _VERBATIM | _LINKS}
_SIMPLE = {
    "b": ("<strong>", "</strong>"),
    "i": ("<i>", "</i>"),
    "u": ("<u>", "</u>"),
    "s": ("<s>", "</s>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "quote": ("<blockquote>", "</blockquote>"),
    "indent": ("<blockquote>", "</blockquote>"),
    "hide": ('<div class="bb-hide">', "</div>"),
    "free": ('<div class="bb-free">', "</div>"),
    "*": ("<li>", "</li>"),
}
_TAKES_NO_VALUE = frozenset({"b", "u", "s", "sup", "sub", "indent", "*"})
_SPACE_RUN = re.compile(r" {2,}")
_STRAY_WRAPPERS = {
    "*": ("<li>", "</li>"),
    "tr": ("<tr><td>", "</td></tr>"),
    "td": ("<td>", "</td>"),
}


@dataclass(frozen=True, slots=True)
class _Html:
    """Finished HTML (an image, a code block) placed among the text."""

    html: str
    block: bool = False


class _Node:
    __slots__ = (
        "as_text",
        "children",
        "close_html",
        "close_source",
        "has_block",
        "open_html",
        "reopened",
        "source",
        "tag",
    )

    def __init__(
        self, tag: str, open_html: str, close_html: str, source: str, *, reopened: bool = False
    ) -> None:
        self.tag = tag
        self.open_html = open_html
        self.close_html = close_html
        self.source = source  # the opening tag as written, shown if it is never closed
        self.close_source = ""
        self.reopened = reopened
        self.has_block = False
        self.as_text = False  # never closed: shown as written, its contents as they are
        # Text is kept in runs, lists of pieces joined when rendered, so that a long stretch
        # of text or of tags shown as text is not copied over and over.
        self.children: list[_Child] = []


_Child = list[str] | _Node | _Html


@functools.lru_cache(maxsize=512)
def _opening_html(tag: str, value: str | None) -> tuple[str, str] | None:
    """The HTML around a stacked tag's contents, or None when its value is not allowed."""
    if tag in _TAKES_NO_VALUE and value is not None:
        return None
    if tag == "i":
        if value is None:
            return _SIMPLE["i"]
        # [i=s] is the grey "本帖最后由 … 于 … 编辑" (last edited) line.
        return ('<i class="bb-status">', "</i>") if value.strip().lower() == "s" else None
    if tag in _SIMPLE:
        return _SIMPLE[tag]
    if tag in {"url", "email"}:
        href = None
        if value is not None:
            href = _safe_url(value.strip("\"' ")) if tag == "url" else _mailto(value)
        return (f'<a href="{_attribute(href)}">', "</a>") if href else None
    if tag == "list":
        kind = (value or "").strip()
        return (f'<ol type="{kind}">', "</ol>") if kind in _LIST_TYPES else ("<ul>", "</ul>")
    if tag in {"table", "tr", "td"}:
        return _table_html(tag, value or "")
    if tag == "p":
        return _paragraph_html(value or "")
    if value is None:
        return None
    checks: dict[str, tuple[str, Callable[[str], str | None], str]] = {
        "color": ("color", _css_colour, "span"),
        "backcolor": ("background-color", _css_colour, "span"),
        "size": ("font-size", _size, "span"),
        "font": ("font-family", _css_font_family, "span"),
        "align": ("text-align", _STYLE_PROPERTIES["text-align"], "div"),
        "float": ("float", _STYLE_PROPERTIES["float"], "span"),
    }
    if tag not in checks:
        return None
    prop, check, element = checks[tag]
    checked = check(value)
    if checked is None:
        return None
    return f'<{element} style="{_attribute(f"{prop}: {checked}")}">', f"</{element}>"


def _size(value: str) -> str | None:
    value = value.strip()
    # Discuz! takes one or two digits as <font size>, which browsers cap at 7.
    if value.isascii() and value.isdigit() and len(value) <= 2 and int(value) > 0:
        return _SIZE_KEYWORDS[min(int(value), 7) - 1]
    return _css_font_size(value)


def _mailto(address: str) -> str | None:
    address = address.strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    return "mailto:" + address if _EMAIL.fullmatch(address) else None


def _table_html(tag: str, value: str) -> tuple[str, str]:
    """[table=width,bgcolor] [tr=bgcolor] [td=colspan,rowspan,width]: bad parts are dropped."""
    if tag == "table":
        width, _, background = value.partition(",")
        style = _style_attribute(
            width=_css_width(width) if width.strip()[-1:] == "%" else _css_width(width + "px"),
            background_color=_css_colour(background),
        )
        return f"<table{style}><tbody>", "</tbody></table>"
    if tag == "tr":
        return f"<tr{_style_attribute(background_color=_css_colour(value))}>", "</tr>"
    parts = [part.strip() for part in value.split(",")]
    spans, width = ([], parts[0]) if len(parts) == 1 else (parts[:2], ",".join(parts[2:]))
    attributes = ""
    for name, span in zip(("colspan", "rowspan"), spans, strict=False):
        if span.isascii() and span.isdigit() and 1 < int(span) <= 100:
            attributes += f' {name}="{int(span)}"'
    css_width = _css_width(width) if width[-1:] == "%" else _css_width(width + "px")
    return f"<td{attributes}{_style_attribute(width=css_width)}>", "</td>"


def _paragraph_html(value: str) -> tuple[str, str]:
    """[p=line-height, indent, align], as the Discuz! editor writes it; "null" skips one."""
    parts = [part.strip().lower() for part in value.split(",")] + ["", "", ""]
    style = _style_attribute(
        line_height=_STYLE_PROPERTIES["line-height"](parts[0] + "px"),
        text_indent=_STYLE_PROPERTIES["text-indent"](parts[1] + "em"),
        text_align=_STYLE_PROPERTIES["text-align"](parts[2]),
    )
    return f"<p{style}>", "</p>"
