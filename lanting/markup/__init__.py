"""What people write, turned into safe HTML once, when it is saved: BBCode, Markdown, plain text.

One entry point for each direction: ``render(source, markup)`` gives sanitized HTML and
``summary(html)`` cuts a summary by Discuz!'s rule. Underneath, ``bbcode`` (tokenizing and the
tree in ``parser``, the tag table in ``tags``, values in ``values``, ``render`` and a last
``sanitize``), ``sanitize`` (nh3 and Markdown), ``text`` and ``smilies``. This app knows no
other app: callers hand it text and get HTML.
"""

from collections.abc import Callable
from typing import Literal, get_args

from lanting.markup.bbcode import AttachmentRef, bbcode_to_html
from lanting.markup.sanitize import markdown_to_html, plain_text_to_html, sanitize_html
from lanting.markup.smilies import DEFAULT_SMILIES
from lanting.markup.text import summary

Markup = Literal["bbcode", "markdown", "html", "text"]

__all__ = ["AttachmentRef", "Markup", "render", "summary"]


def render(
    source: str,
    markup: str,
    *,
    attachment_url: Callable[[int], AttachmentRef | None] | None = None,
    hide_visible: bool = False,
) -> str:
    """Safe HTML for ``source`` written in ``markup`` (bbcode, markdown, html or text).

    ``attachment_url`` and ``hide_visible`` are for BBCode's ``[attach]`` and ``[hide]``.
    """
    if markup == "bbcode":
        return bbcode_to_html(
            source,
            attachment_url=attachment_url,
            smiley=DEFAULT_SMILIES.get,
            hide_visible=hide_visible,
        )
    if markup == "markdown":
        return markdown_to_html(source)
    if markup == "html":
        return sanitize_html(source)
    if markup == "text":
        return plain_text_to_html(source)
    # A misspelt kind rendered as BBCode would show an HTML body as escaped tags, for good.
    raise ValueError(f"Unknown markup {markup!r}: expected one of {', '.join(get_args(Markup))}.")
