"""The unread markers of a board's thread list, as holes filled for each member.

A board page is the same for every member who sees it alike but for which threads
are new to them, and how many replies they have not read. So a member's board page
is rendered with a hole in each thread row (``mark``); the page can then be kept once
for all of them (``pagecache.members``), and each request fills the holes for its
reader (``fill``): one query for how far they have read the listed threads, whatever
the page holds.

A hole carries what filling it needs (the thread, its last floor and last post's
moment), so nothing is read again. Its name is derived from the secret key: nothing
a member writes can forge one.
"""

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lanting.forum import reading
from lanting.forum.models import Thread


@cache
def _mark() -> str:
    return salted_hmac("lanting.forum.unread-holes", "mark").hexdigest()[:20]


def version() -> str:
    """Changes with the holes' names (the secret key): pages kept with others are not reused."""
    return _mark()


@cache
def _tag_holes() -> re.Pattern[str]:
    return re.compile(rf"<!--unread:{_mark()}:(\d+):(\d+):(\d+)-->")  # thread, floor, µs


@cache
def _holes() -> re.Pattern[str]:
    mark = _mark()
    return re.compile(
        rf" unread-{mark}-(\d+)"  # a thread row's class
        rf"|<!--unread:{mark}:(\d+):(\d+):(\d+)-->"  # its tag: thread, floor, µs
        rf"|<!--since:{mark}:(\d+)-->"  # a board's: its last post, µs
    )


def since_hole(moment: dt.datetime | None) -> str:
    """Where the forum index says a board has posts since the reader's last visit."""
    if moment is None:
        return ""
    return f"<!--since:{_mark()}:{int(moment.timestamp() * 1_000_000)}-->"


def mark(threads: Iterable[Thread]) -> None:
    """Give each thread its holes (``unread_class``, ``unread_tag``) for the template."""
    for thread in threads:
        moment = int(thread.last_post_at.timestamp() * 1_000_000)
        thread.unread_class = f" unread-{_mark()}-{thread.pk}"  # type: ignore[attr-defined]
        thread.unread_tag = (  # type: ignore[attr-defined]
            f"<!--unread:{_mark()}:{thread.pk}:{thread.last_position}:{moment}-->"
        )


_CLASS, _TAG, _SINCE = range(3)


def fill(html: str, member_id: int, since: dt.datetime | None) -> str:
    """The page with each hole filled for this member: one look-up for the page."""
    text, holes = _cut(html)
    if not holes:
        return html
    since_us = int(since.timestamp() * 1_000_000) if since is not None else None
    threads = {thread_id for kind, thread_id, _, _ in holes if kind != _SINCE}
    read = reading.positions(member_id, threads) if threads else {}
    language = get_language()
    out = [text[0]]
    for (kind, thread_id, last_position, moment), after in zip(holes, text[1:], strict=True):
        if kind == _SINCE:
            if since_us and moment > since_us:
                out.append(_since_tag(language))
        else:
            position = read.get(thread_id)
            unread = 0 if position is None else max(0, last_position - position)
            is_new = position is None and since_us is not None and moment > since_us
            if unread or is_new:
                tag = kind == _TAG
                out.append(_tag(thread_id, unread, is_new, language) if tag else " unread")
        out.append(after)
    return "".join(out)


@lru_cache(maxsize=32)
def _cut(html: str) -> tuple[tuple[str, ...], tuple[tuple[int, int, int, int], ...]]:
    """The page's text between its holes, and each hole (its kind, thread, floor, µs).

    Kept for the pages last filled: the same kept page is filled for member after
    member, and cutting it is most of the filling.
    """
    text: list[str] = []
    holes: list[tuple[int, int, int, int]] = []
    rows = {int(m[1]): (int(m[2]), int(m[3])) for m in _tag_holes().finditer(html)}
    start = 0
    for match in _holes().finditer(html):
        if match[1] is not None:
            thread_id = int(match[1])
            hole = (_CLASS, thread_id, *rows.get(thread_id, (0, 0)))
        elif match[2] is not None:
            hole = (_TAG, int(match[2]), int(match[3]), int(match[4]))
        else:
            hole = (_SINCE, 0, 0, int(match[5]))
        text.append(html[start : match.start()])
        holes.append(hole)
        start = match.end()
    text.append(html[start:])
    return tuple(text), tuple(holes)


@lru_cache(maxsize=4096)
def _tag(thread_id: int, unread: int, is_new: bool, language: str | None) -> str:
    context = {"thread_id": thread_id, "unread": unread, "is_new": is_new}
    return " " + render_to_string("forum/_unread_tag.html", context).strip()


@lru_cache(maxsize=16)
def _since_tag(language: str | None) -> str:
    title, word = _("New posts since your last visit"), _("New")
    return str(format_html(' <span class="tag new" title="{}">{}</span>', title, word))
