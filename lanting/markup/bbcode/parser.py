"""Tokenizing BBCode and building its tree: a stack, so the HTML is always well formed."""

import collections
import html
import re
from collections.abc import Callable, Iterable

from lanting.markup.bbcode.tags import (
    _BLOCK_LEVEL,
    _CLOSER,
    _CROSSABLE_BY,
    _INLINE,
    _ITEM_OF,
    _LINKS,
    _PARENT_OF,
    _SIBLINGS,
    _STACKED,
    _TOKEN,
    _TOKEN_WITH_SMILIES,
    _VERBATIM,
    MAX_DEPTH,
    AttachmentRef,
    _Html,
    _mailto,
    _Node,
    _opening_html,
)
from lanting.markup.bbcode.values import _attribute, _safe_url


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
