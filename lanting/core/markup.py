"""Turning what people write into safe HTML, once, when it is saved."""

import html
import re
import unicodedata

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Block-level ends: flattening to text puts a space there, so paragraphs do not
# run together ("Monday.Washington") as they do in Discuz!'s summaries.
_BLOCK_END = re.compile(
    r"(<br\s*/?>|</(p|div|li|h[1-6]|blockquote|pre|tr|td|th|figcaption|table|ul|ol)\s*>)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


def sanitize_html(source: str) -> str:
    """Keep formatting and links; drop scripts, event handlers, styles and bad URLs."""
    cleaned: str = nh3.clean(
        source,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned


def markdown_to_html(source: str) -> str:
    rendered = markdown_lib.markdown(source, extensions=["extra", "sane_lists"])
    return sanitize_html(rendered)


def plain_text_to_html(source: str) -> str:
    """A comment: plain text whose line breaks are kept; nothing else is markup."""
    paragraphs = re.split(r"\n\s*\n", source.strip().replace("\r\n", "\n"))
    return "".join(
        "<p>" + html.escape(p.strip()).replace("\n", "<br>") + "</p>"
        for p in paragraphs
        if p.strip()
    )


def html_to_text(source: str) -> str:
    """The visible text of an HTML fragment, on one line."""
    spaced = _BLOCK_END.sub(r"\1 ", source)
    text = html.unescape(nh3.clean(spaced, tags=set(), strip_comments=True))
    # nh3 drops <script>/<style> with their content; what is left is text.
    return _SPACES.sub(" ", text).strip()


def char_width(char: str) -> int:
    """Discuz!'s display width: 2 for a wide (CJK) character, 1 for any other."""
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def cut_summary(text: str, width: int = 200, suffix: str = " ...") -> str:
    """Cut ``text`` to ``width`` units, as Discuz!'s ``cutstr`` does for summaries.

    A wide character counts 2 and any other 1. Unlike Discuz!, the suffix is
    added only when something was actually cut.
    """
    text = _SPACES.sub(" ", text).strip()
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > width:
            return text[:index].rstrip() + suffix
    return text
