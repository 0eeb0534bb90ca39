"""The text of HTML, and the Discuz! summary rule (``cutstr``): first N display units + " ..."."""

import html
import re
import unicodedata

import nh3

# Block-level ends: flattening to text puts a space there, so paragraphs do not
# run together ("Monday.Washington") as they do in Discuz!'s summaries.
_BLOCK_END = re.compile(
    r"(<br\s*/?>|</(p|div|li|h[1-6]|blockquote|pre|tr|td|th|figcaption|table|ul|ol)\s*>)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


def html_to_text(source: str) -> str:
    """The visible text of an HTML fragment, on one line."""
    spaced = _BLOCK_END.sub(r"\1 ", source)
    text = html.unescape(nh3.clean(spaced, tags=set(), strip_comments=True))
    # nh3 drops <script>/<style> with their content; what is left is text.
    return _SPACES.sub(" ", text).strip()


def visible_text(source: str, *, without: tuple[str, ...] = ()) -> str:
    """The text of an HTML fragment, on one line, less the elements named (and all inside)."""
    if without:
        source = nh3.clean(
            source,
            tags={"br", "p", "div", "span"} - set(without),
            attributes={},
            clean_content_tags=set(without),
        )
    return html_to_text(source)


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


def summary(source_html: str, width: int = 200) -> str:
    """An article's or post's summary from its HTML, as Discuz! cuts one."""
    return cut_summary(html_to_text(source_html), width)
