"""Discuz! BBCode ("discuzcode") turned into safe HTML.

Discuz! renders BBCode with a chain of regular expressions that swap each tag for HTML on its
own, so ``[b]x`` leaves an open ``<strong>`` and mis-nested tags reach the browser as they are.
Here a tokenizer feeds a stack instead, which keeps the HTML well formed and the work linear:

* A tag that is never closed is shown as the text it was (``[b]bold`` stays ``[b]bold``), and
  so is a stray closing tag, an unknown tag, a tag with a bad value and a tag nested deeper
  than ``MAX_DEPTH``.
* A closing tag closes whatever was opened inside it. The closer of formatting (``[b] [i] [u]
  [s] [color] [size] [font] [backcolor]`` and links) opens the formatting it closed this way
  again after itself, as a browser does with Discuz!'s own mis-nested HTML:
  ``[b][i]x[/b]y[/i]`` renders as ``<strong><i>x</i></strong><i>y</i>``. It cannot reach out
  of a block (``[quote]``, ``[align]``, a table cell ...); there it is shown as text.
* A block's closer ends what was left open inside it for good, and the closer that comes
  for it later is dropped: ``[align=center][b]x[/align][/b]`` is a centred bold x.
* ``[*]``, ``[tr]`` and ``[td]`` close their open sibling, as ``<li>`` and ``<td>`` do in HTML.
* ``[code]``, ``[img]``, ``[url]x[/url]``, ``[attach]`` and the media tags take their contents
  verbatim, up to the first matching closer.

The result is cleaned once more by ``sanitize_bbcode_html``, so callers can trust it.
"""

import collections
import functools
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import nh3

from lanting.core.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS


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

# Discuz!'s default smiley pack (pre_common_smiley, typeid 1, static/image/smiley/default/),
# by code, as Unicode emoji. The other stock packs, 酷猴 ({:2_25:}-{:2_40:}) and 呆呆男
# ({:3_41:}-{:3_64:}), are pictures of characters without a named mood, so they have no entry.
DEFAULT_SMILIES: dict[str, str] = {
    ":)": "🙂",  # smile.gif
    ":(": "🙁",  # sad.gif
    ":D": "😁",  # biggrin.gif
    ":'(": "😢",  # cry.gif
    ":@": "😠",  # huffy.gif
    ":o": "😲",  # shocked.gif
    ":P": "😛",  # tongue.gif
    ":$": "😊",  # shy.gif
    ";P": "😜",  # titter.gif
    ":L": "😓",  # sweat.gif
    ":Q": "😡",  # mad.gif
    ":lol": "😆",  # lol.gif
    ":loveliness:": "🥰",  # loveliness.gif
    ":funk:": "😱",  # funk.gif
    ":curse:": "🤬",  # curse.gif
    ":dizzy:": "😵",  # dizzy.gif
    ":shutup:": "🤐",  # shutup.gif
    ":sleepy:": "😪",  # sleepy.gif
    ":hug:": "🤗",  # hug.gif
    ":victory:": "✌️",  # victory.gif
    ":time:": "⏰",  # time.gif
    ":kiss:": "😘",  # kiss.gif
    ":handshake": "🤝",  # handshake.gif
    ":call:": "📞",  # call.gif
}

# ---------------------------------------------------------------------------------------------
# Values: URLs, colours, sizes. Each returns the value to emit, or None when it is not allowed.

_CSS_COLOUR_NAMES = frozenset(
    {
        "aliceblue",
        "antiquewhite",
        "aqua",
        "aquamarine",
        "azure",
        "beige",
        "bisque",
        "black",
        "blanchedalmond",
        "blue",
        "blueviolet",
        "brown",
        "burlywood",
        "cadetblue",
        "chartreuse",
        "chocolate",
        "coral",
        "cornflowerblue",
        "cornsilk",
        "crimson",
        "cyan",
        "darkblue",
        "darkcyan",
        "darkgoldenrod",
        "darkgray",
        "darkgreen",
        "darkgrey",
        "darkkhaki",
        "darkmagenta",
        "darkolivegreen",
        "darkorange",
        "darkorchid",
        "darkred",
        "darksalmon",
        "darkseagreen",
        "darkslateblue",
        "darkslategray",
        "darkslategrey",
        "darkturquoise",
        "darkviolet",
        "deeppink",
        "deepskyblue",
        "dimgray",
        "dimgrey",
        "dodgerblue",
        "firebrick",
        "floralwhite",
        "forestgreen",
        "fuchsia",
        "gainsboro",
        "ghostwhite",
        "gold",
        "goldenrod",
        "gray",
        "green",
        "greenyellow",
        "grey",
        "honeydew",
        "hotpink",
        "indianred",
        "indigo",
        "ivory",
        "khaki",
        "lavender",
        "lavenderblush",
        "lawngreen",
        "lemonchiffon",
        "lightblue",
        "lightcoral",
        "lightcyan",
        "lightgoldenrodyellow",
        "lightgray",
        "lightgreen",
        "lightgrey",
        "lightpink",
        "lightsalmon",
        "lightseagreen",
        "lightskyblue",
        "lightslategray",
        "lightslategrey",
        "lightsteelblue",
        "lightyellow",
        "lime",
        "limegreen",
        "linen",
        "magenta",
        "maroon",
        "mediumaquamarine",
        "mediumblue",
        "mediumorchid",
        "mediumpurple",
        "mediumseagreen",
        "mediumslateblue",
        "mediumspringgreen",
        "mediumturquoise",
        "mediumvioletred",
        "midnightblue",
        "mintcream",
        "mistyrose",
        "moccasin",
        "navajowhite",
        "navy",
        "oldlace",
        "olive",
        "olivedrab",
        "orange",
        "orangered",
        "orchid",
        "palegoldenrod",
        "palegreen",
        "paleturquoise",
        "palevioletred",
        "papayawhip",
        "peachpuff",
        "peru",
        "pink",
        "plum",
        "powderblue",
        "purple",
        "rebeccapurple",
        "red",
        "rosybrown",
        "royalblue",
        "saddlebrown",
        "salmon",
        "sandybrown",
        "seagreen",
        "seashell",
        "sienna",
        "silver",
        "skyblue",
        "slateblue",
        "slategray",
        "slategrey",
        "snow",
        "springgreen",
        "steelblue",
        "tan",
        "teal",
        "thistle",
        "tomato",
        "turquoise",
        "violet",
        "wheat",
        "white",
        "whitesmoke",
        "yellow",
        "yellowgreen",
    }
)
_HEX_COLOUR = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
# The Discuz! editor writes colours picked in the browser as rgb(r, g, b).
_RGB_COLOUR = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
# Discuz!'s [size=1]…[size=7] were <font size>; these are the CSS keywords for them.
_SIZE_KEYWORDS = ("x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large")
_SIZE_LENGTH = re.compile(r"(\d{1,3})(?:\.\d{1,2})?(px|pt)")
_FONT_FAMILY = re.compile(r"\w[\w \-,]{0,63}")
_WIDTH = re.compile(r"(\d{1,4})(px|%)")
_ALIGNMENTS = frozenset({"left", "center", "right", "justify"})

_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HTTP_URL = re.compile(r"https?://[^/?#]", re.IGNORECASE)
# Discuz!'s own relative links, such as the forum.php?mod=redirect&goto=findpost&pid=… in every
# reply quote; served from the site root so a redirect view can answer them.
_DISCUZ_PAGE = re.compile(r"[A-Za-z0-9_]+\.php(?:[?#]|$)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}")


def _clamp(number: int, low: int, high: int) -> int:
    return max(low, min(high, number))


def _css_colour(value: str) -> str | None:
    value = value.strip().lower()
    if value in _CSS_COLOUR_NAMES or _HEX_COLOUR.fullmatch(value):
        return value
    rgb = _RGB_COLOUR.fullmatch(value)
    if rgb and all(int(part) <= 255 for part in rgb.groups()):
        return "#" + "".join(f"{int(part):02x}" for part in rgb.groups())
    return None


def _css_font_size(value: str) -> str | None:
    value = value.strip().lower()
    if value in _SIZE_KEYWORDS:
        return value
    length = _SIZE_LENGTH.fullmatch(value)
    if length is None:
        return None
    return f"{_clamp(int(length[1]), 8, 48)}{length[2]}"


def _css_font_family(value: str) -> str | None:
    value = " ".join(value.replace('"', "").replace("'", "").split())
    return value if _FONT_FAMILY.fullmatch(value) else None


def _css_keyword(allowed: frozenset[str]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        value = value.strip().lower()
        return value if value in allowed else None

    return check


def _css_width(value: str) -> str | None:
    width = _WIDTH.fullmatch(value.strip().lower())
    if width is None:
        return None
    number = int(width[1])
    if width[2] == "%":
        return f"{_clamp(number, 1, 100)}%"
    return f"{_clamp(number, 1, 2000)}px"


def _css_number(unit: str, high: int) -> Callable[[str], str | None]:
    pattern = re.compile(r"(\d{1,3})" + re.escape(unit))

    def check(value: str) -> str | None:
        number = pattern.fullmatch(value.strip().lower())
        return f"{_clamp(int(number[1]), 0, high)}{unit}" if number else None

    return check


# Every style property the renderer writes, with the check its value must pass. The sanitizer
# runs the same checks again, so nothing else can ride along in a style attribute.
_STYLE_PROPERTIES: dict[str, Callable[[str], str | None]] = {
    "color": _css_colour,
    "background-color": _css_colour,
    "font-size": _css_font_size,
    "font-family": _css_font_family,
    "text-align": _css_keyword(_ALIGNMENTS),
    "float": _css_keyword(frozenset({"left", "right"})),
    "width": _css_width,
    "line-height": _css_number("px", 200),
    "text-indent": _css_number("em", 20),
}


def _clean_style(style: str) -> str | None:
    kept = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        check = _STYLE_PROPERTIES.get(name.strip().lower())
        cleaned = check(value) if check and colon else None
        if cleaned:
            kept.append(f"{name.strip().lower()}: {cleaned}")
    return "; ".join(kept) or None


def _style_attribute(**properties: str | None) -> str:
    declarations = [f"{name.replace('_', '-')}: {v}" for name, v in properties.items() if v]
    return f' style="{html.escape("; ".join(declarations))}"' if declarations else ""


def _safe_url(raw: str, *, allow_mailto: bool = True) -> str | None:
    """An http(s), mailto or site-relative URL; None for javascript:, data: and the rest."""
    url = raw.strip()
    if not url or len(url) > 2048 or _URL_FORBIDDEN.search(url):
        return None
    if url[:4].lower() == "www.":  # Discuz! links these as http://
        return "http://" + url
    scheme = _URL_SCHEME.match(url)
    if scheme:
        name = scheme[1].lower()
        url = name + url[len(name) :]
        if name in {"http", "https"}:
            return url if _HTTP_URL.match(url) else None
        if name == "mailto" and allow_mailto:
            return url if _EMAIL.fullmatch(url[7:].partition("?")[0]) else None
        return None
    if url.startswith("/") and not url.startswith("//"):
        return url
    if _DISCUZ_PAGE.match(url):
        return "/" + url
    return None


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


# ---------------------------------------------------------------------------------------------
# Sanitizing

_SANITIZER_TAGS = frozenset(ALLOWED_TAGS | {"div"})
_EXTRA_ATTRIBUTES: dict[str, set[str]] = {
    "span": {"style"},
    "div": {"style", "class"},
    "p": {"style", "class"},
    "i": {"class"},
    "ol": {"type"},
    "img": {"loading"},
    "table": {"style"},
    "tr": {"style"},
    "td": {"style"},
    "th": {"style"},
}
_SANITIZER_ATTRIBUTES: dict[str, set[str]] = {
    tag: set(ALLOWED_ATTRIBUTES.get(tag, set())) | _EXTRA_ATTRIBUTES.get(tag, set())
    for tag in ALLOWED_ATTRIBUTES.keys() | _EXTRA_ATTRIBUTES.keys()
}
_CLASSES = frozenset({"bb-hide", "bb-hide-notice", "bb-free", "bb-status"})
_LIST_TYPES = frozenset({"1", "a", "A", "i", "I"})
_DIGITS = re.compile(r"\d{1,4}")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return _clean_style(value)
    if attribute == "class":
        return " ".join(name for name in value.split() if name in _CLASSES) or None
    if attribute == "loading":
        return value if value in {"lazy", "eager"} else None
    if attribute == "type":
        return value if value in _LIST_TYPES else None
    if attribute in {"width", "height", "colspan", "rowspan"}:
        return value if _DIGITS.fullmatch(value) else None
    return value


def sanitize_bbcode_html(source: str) -> str:
    """``markup.sanitize_html``'s allow-lists, plus the checked styles and classes BBCode needs."""
    cleaned: str = nh3.clean(
        source,
        tags=_SANITIZER_TAGS,
        attributes=_SANITIZER_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return cleaned


# ---------------------------------------------------------------------------------------------
# Parsing

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


class _Parser:
    def __init__(
        self,
        source: str,
        attachment_url: Callable[[int], AttachmentRef | None] | None,
        smiley: Callable[[str], str | None] | None,
    ) -> None:
        self.source = source
        self.attachment_url = attachment_url
        self.smiley = smiley
        self.root = _Node("", "", "", "")
        self.stack = [self.root]
        # name -> (searched from, found at or -1): each verbatim closer is searched for once
        # per stretch of text, so a million unclosed "[img]" stay linear.
        self.closer_cache: dict[str, tuple[int, int]] = {}
        self.redundant_closers: collections.Counter[str] = collections.Counter()

    def parse(self) -> _Node:
        source = self.source
        token = _TOKEN_WITH_SMILIES if self.smiley else _TOKEN
        position = 0
        while match := token.search(source, position):
            if match.start() > position:
                self.text(source[position : match.start()])
            position = self.handle(match)
        self.text(source[position:])
        while len(self.stack) > 1:
            node = self.stack[-1]
            if node.reopened or node.tag in _PARENT_OF:
                self.pop()
            else:
                self.show_as_text()
        return self.root

    def text(self, text: str) -> None:
        if text:
            children = self.stack[-1].children
            if children and type(children[-1]) is list:
                children[-1].append(text)
            else:
                children.append([text])

    def handle(self, match: re.Match[str]) -> int:
        if self.smiley is not None and (code := match["smiley"]) is not None:
            self.text(self.smiley(code) or code)
            return match.end()
        name = match["name"].lower()
        value = match["param"]
        if match["closing"]:
            self.close(name, match[0])
        elif name in _VERBATIM or (name in _LINKS and value is None):
            return self.verbatim(name, value, match)
        elif name == "hr":
            self.place(_Html("<hr>", block=True))
        elif name in _STACKED:
            self.open(name, value, match[0])
        else:
            self.text(match[0])
        return match.end()

    def place(self, item: _Html) -> None:
        self.stack[-1].children.append(item)
        if item.block:
            self.stack[-1].has_block = True

    def push(self, node: _Node) -> None:
        parent = self.stack[-1]
        parent.children.append(node)
        if node.tag in _BLOCK_LEVEL:
            parent.has_block = True
        self.stack.append(node)

    def pop(self) -> _Node:
        node = self.stack.pop()
        parent = self.stack[-1]
        if node.reopened and not node.children:
            parent.children.pop()  # an empty continuation: nothing to show
        elif node.has_block:
            parent.has_block = True
        return node

    def show_as_text(self) -> None:
        """The open tag on top was never closed: show it as it was written."""
        node = self.stack.pop()
        _show_as_text(node)
        if node.has_block:
            self.stack[-1].has_block = True

    def in_link(self) -> bool:
        return any(node.tag in _LINKS for node in self.stack)

    def open(self, name: str, value: str | None, source: str) -> None:
        html_pair = _opening_html(name, value)
        if html_pair is not None and name in _PARENT_OF:
            container = self.find(_PARENT_OF[name], _SIBLINGS[name])
            if container is None:
                html_pair = None
            else:
                self.close_above(container)
        if html_pair is None or len(self.stack) > MAX_DEPTH or (name in _LINKS and self.in_link()):
            self.text(source)
            return
        self.push(_Node(name, *html_pair, source))

    def find(self, tag: str, crossable: Iterable[str]) -> int | None:
        for index in range(len(self.stack) - 1, 0, -1):
            node = self.stack[index]
            if node.tag == tag:
                return index
            if node.tag not in crossable:
                return None
        return None

    def close_above(self, index: int, *, reopen: bool = False) -> list[_Node]:
        """Close what is open inside stack[index]; return the formatting to open again.

        What is not to be opened again has had its own closer made redundant: that closer,
        when it comes, is dropped rather than shown ("[align=center][b]x[/align][/b]").
        """
        crossed = []
        for _ in range(len(self.stack) - 1 - index):
            node = self.pop()
            if reopen and node.tag in _INLINE:
                crossed.append(node)
            else:
                self.redundant_closers[node.tag] += 1
        return crossed[::-1]

    def close(self, name: str, source: str) -> None:
        if name not in _STACKED:
            self.text(source)
            return
        index = self.find(name, _CROSSABLE_BY[name])
        if index is None:
            if self.redundant_closers[name]:
                self.redundant_closers[name] -= 1
            else:
                self.text(source)
            return
        # Formatting runs on past a formatting closer, but not out of a block, a list item
        # or a table cell: "[quote][b]x[/quote]y" leaves y plain.
        reopen = name in _INLINE and self.stack[index - 1].tag not in _ITEM_OF
        crossed = self.close_above(index, reopen=reopen)
        self.stack[-1].close_source = source
        self.pop()
        for node in crossed:
            if node.tag in _LINKS and self.in_link():
                continue
            self.push(_Node(node.tag, node.open_html, node.close_html, "", reopened=True))

    def find_closer(self, name: str, start: int) -> int:
        searched_from, found = self.closer_cache.get(name, (-1, -1))
        if not (0 <= searched_from <= start and (found == -1 or start <= found)):
            match = _CLOSER[name].search(self.source, start)
            found = match.start() if match else -1
            self.closer_cache[name] = (start, found)
        return found

    def verbatim(self, name: str, value: str | None, match: re.Match[str]) -> int:
        """[code], [img], [url]x[/url], [attach] and friends; a bad one is shown as text."""
        end = self.find_closer(name, match.end())
        if end == -1:
            self.text(match[0])
            return match.end()
        contents = self.source[match.end() : end]
        after = end + len(name) + 3
        if name in {"attach", "attachimg"}:
            number = contents.strip()
            if number.isascii() and number.isdigit() and len(number) <= 10:
                item = self.attachment(int(number))
                if item is None:  # an unknown attachment is shown as it was written
                    self.text(self.source[match.start() : after])
                    return after
            else:
                item = None
        else:
            item = self.verbatim_html(name, value, contents)
        if item is None:
            self.text(match[0])
            return match.end()
        self.place(item)
        return after

    def attachment(self, number: int) -> _Html | None:
        ref = self.attachment_url(number) if self.attachment_url else None
        url = _safe_url(ref.url, allow_mailto=False) if ref else None
        if ref is None or url is None:
            return None
        name = _attribute(ref.name)
        if ref.is_image:
            size = "".join(
                f' {label}="{pixels}"'
                for label, pixels in (("width", ref.width), ("height", ref.height))
                if pixels and pixels > 0
            )
            return _Html(f'<img src="{_attribute(url)}" alt="{name}" loading="lazy"{size}>')
        if self.in_link():
            return _Html(name)
        return _Html(f'<a href="{_attribute(url)}">{name}</a>')

    def verbatim_html(self, name: str, value: str | None, contents: str) -> _Html | None:
        if name == "code":
            if contents.startswith("\n"):
                contents = contents[1:]
            if contents.endswith("\n"):
                contents = contents[:-1]
            code = html.escape(contents, quote=False)
            return _Html(f"<pre><code>{code}</code></pre>", block=True)
        if name in {"password", "postbg"}:
            return _Html("")  # a thread's password and background are not for display
        if name == "email":
            href = _mailto(contents)
            shown = html.escape(contents.strip(), quote=False)
        else:
            href = _safe_url(contents, allow_mailto=name == "url")
            shown = html.escape(contents.strip(), quote=False)
        if href is None:
            return None
        if name == "img":
            return _Html(
                f'<img src="{_attribute(href)}" alt="" loading="lazy"{_image_size(value)}>'
            )
        if self.in_link():
            return _Html(shown)
        # [url], [email], and [media]/[flash]/[audio]: embeds are not run, only linked.
        return _Html(f'<a href="{_attribute(href)}">{shown}</a>')


def _image_size(value: str | None) -> str:
    """[img=w,h] (or wxh); sizes out of 1 to 4096 are left to the browser."""
    parts = re.split(r"[,x]", (value or "").lower())
    if len(parts) != 2:
        return ""
    return "".join(
        f' {label}="{int(part)}"'
        for label, part in zip(("width", "height"), parts, strict=True)
        if part.strip().isascii() and part.strip().isdigit() and 0 < int(part) <= 4096
    )


def _show_as_text(node: _Node) -> None:
    """Mark a never-closed tag, and the items of a never-closed list or table, as text."""
    node.as_text = True
    for child in node.children:
        if isinstance(child, _Node) and child.tag in _PARENT_OF:
            _show_as_text(child)


# ---------------------------------------------------------------------------------------------
# Rendering


def _text_html(text: str) -> str:
    """Discuz!'s nl2br, with tabs and runs of spaces kept visible as it keeps them."""
    escaped = html.escape(text, quote=False).replace("\t", "    ")
    if "  " in escaped:
        escaped = _SPACE_RUN.sub(lambda run: "\xa0" * (len(run[0]) - 1) + " ", escaped)
    return escaped.replace("\n", "<br>")


def _is_block(item: _Child) -> bool:
    if isinstance(item, _Node):
        return item.tag in _BLOCK_LEVEL and not item.as_text
    return isinstance(item, _Html) and item.block


class _Renderer:
    def __init__(self, hide_visible: bool) -> None:
        self.hide_visible = hide_visible
        self.out: list[str] = []

    def children(self, items: list[_Child], *, in_block: bool) -> None:
        """Render items; a newline next to a block is dropped, as it would double the gap."""
        last = len(items) - 1
        for index, item in enumerate(items):
            if isinstance(item, _Node):
                self.node(item)
            elif isinstance(item, _Html):
                self.out.append(item.html)
            else:
                text = "".join(item)
                if (in_block if index == 0 else _is_block(items[index - 1])) and text[:1] == "\n":
                    text = text[1:]
                if (in_block if index == last else _is_block(items[index + 1])) and text[
                    -1:
                ] == "\n":
                    text = text[:-1]
                self.out.append(_text_html(text))

    def node(self, node: _Node) -> None:
        if node.as_text:
            self.out.append(_text_html(node.source))
            self.children(node.children, in_block=False)
            self.out.append(_text_html(node.close_source))
            return
        if node.tag == "hide" and not self.hide_visible:
            self.out.append(f'<p class="bb-hide-notice">{html.escape(HIDDEN_CONTENT_NOTICE)}</p>')
            return
        open_html, close_html = node.open_html, node.close_html
        if node.tag == "p" and node.has_block:
            # A <p> cannot hold blocks: the browser would close it early and split the rest.
            open_html, close_html = "<div" + open_html[2:], "</div>"
        self.out.append(open_html)
        if node.tag in _ITEM_OF:
            self.items(node.children, _ITEM_OF[node.tag])
        else:
            self.children(node.children, in_block=node.tag in _BLOCK_LEVEL)
        self.out.append(close_html)

    def items(self, children: list[_Child], item_tag: str) -> None:
        """A list's or table's contents: its items, with anything else wrapped in an item."""
        stray: list[_Child] = []
        for child in children:
            if isinstance(child, _Node) and child.tag == item_tag:
                self.stray(stray, item_tag)
                stray = []
                self.node(child)
            else:
                stray.append(child)
        self.stray(stray, item_tag)

    def stray(self, stray: list[_Child], item_tag: str) -> None:
        if all(isinstance(item, list) and not "".join(item).strip() for item in stray):
            return  # the line breaks between [*], [tr] and [td]
        open_html, close_html = _STRAY_WRAPPERS[item_tag]
        self.out.append(open_html)
        self.children(stray, in_block=True)
        self.out.append(close_html)


def bbcode_to_html(
    source: str,
    *,
    attachment_url: Callable[[int], AttachmentRef | None] | None = None,
    smiley: Callable[[str], str | None] | None = None,
    hide_visible: bool = False,
) -> str:
    """Render a Discuz! post's BBCode as sanitized HTML.

    ``attachment_url`` looks up ``[attach]N[/attach]`` (None: shown as text); ``smiley`` turns
    a smiley code such as ``{:2_25:}`` or ``:)`` into text, usually an emoji
    (``DEFAULT_SMILIES.get``; None: left as typed); ``hide_visible`` shows ``[hide]`` contents
    instead of ``HIDDEN_CONTENT_NOTICE``.
    """
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    tree = _Parser(source, attachment_url, smiley).parse()
    renderer = _Renderer(hide_visible)
    renderer.children(tree.children, in_block=True)
    return sanitize_bbcode_html("".join(renderer.out))
