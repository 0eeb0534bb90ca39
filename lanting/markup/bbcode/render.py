"""Rendering the BBCode tree as HTML."""

import html
from collections.abc import Callable

from lanting.markup.bbcode.parser import _Parser
from lanting.markup.bbcode.sanitize import sanitize_bbcode_html
from lanting.markup.bbcode.tags import (
    _BLOCK_LEVEL,
    _ITEM_OF,
    _SPACE_RUN,
    _STRAY_WRAPPERS,
    HIDDEN_CONTENT_NOTICE,
    AttachmentRef,
    _Child,
    _Html,
    _Node,
)


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
