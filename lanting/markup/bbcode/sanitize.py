"""The last pass over BBCode's HTML: only what the renderer writes gets through."""

import re

import nh3

from lanting.markup.bbcode.values import _clean_style
from lanting.markup.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

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
