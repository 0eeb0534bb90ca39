"""Members' whole pages, kept once for all who see them alike, made personal on the way out.

Most members see a thread page exactly as the next member does, but for a few
holes: their name and links at the top (the account box), the CSRF token in
each form, the view counter and the Edit/Delete links under their own posts
(``forum.postlist`` marks those). So such a page is rendered once per kind of
reader (the view says what makes readers alike in its key), its holes are cut
out, and the rest is kept as a fragment (``pagecache.fragments``) under the tags of
everything it shows; each request fills the holes for its reader.

A page with something only some members see (a [hide] part, say) is marked
not shareable and rendered for each reader as before; so is any page while
the reader has messages waiting.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from lanting.core.csrf import page_token
from lanting.pagecache.fragments import Fragment, cached_fragment
from lanting.pagecache.guests import CHROME

ACCOUNT = re.compile(r"<!--account-->.*?<!--/account-->", re.DOTALL)
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_VIEWS = re.compile(r'(<em id="_viewnum">)\d*(</em>)')
# Where the account box's CSRF token goes. Random per process and never sent to
# anyone, so no name or post can carry it (a constant here could be copied into
# a post and would collect every reader's token).
_BOX_TOKEN = secrets.token_hex(16)


@dataclass(frozen=True)
class Rendered:
    response: HttpResponse  # the page as rendered for this reader, holes still open
    tags: list[str]  # what it shows
    shareable: bool  # nothing on it is for this reader alone but the holes


def may_share(request: HttpRequest) -> bool:
    """A member's GET with no messages waiting (messages are shown once, to them alone)."""
    return (
        request.method == "GET"
        and request.user.is_authenticated
        and "messages" not in request.COOKIES
        and "_messages" not in request.session
    )


def _cut_holes(html: str) -> tuple[str, str] | None:
    """The page with its holes marked by a word made for this copy alone, and that word.

    The marker is random for each rendering and kept only beside the copy, so
    nothing a member writes can carry it: filling the holes cannot reach into
    content. The account box is the first on the page (the header's, before any
    content; content cannot hold HTML comments), and the CSRF token is the one in
    its form: random too, so it stands nowhere else but in the page's own forms.
    None when the page has no account box to cut.
    """
    box = ACCOUNT.search(html)
    token = _TOKEN.search(box[0]) if box else None
    if box is None or token is None or len(token[1]) < 32:
        return None
    hole = f"hole-{secrets.token_hex(16)}"
    html = f"{html[: box.start()]}<!--account-->{hole}-account<!--/account-->{html[box.end() :]}"
    return html.replace(token[1], f"{hole}-csrf"), hole


def _fill_holes(
    html: str, hole: str, request: HttpRequest, views: int | None, fill: Callable[[str], str]
) -> str:
    # The view's own holes first, in the copy as kept: the same text for every reader,
    # so what cutting it costs can be kept too (``forum.unread_holes``); and nothing of
    # this reader's (their name) is then in what the view's holes are looked for in.
    html = fill(html)
    user: Any = request.user
    token = page_token(request)
    box = _account_box(
        user.shown_name,
        user.get_absolute_url(),
        user.is_staff,
        get_language(),
        user.unread_notifications,
        user.unread_messages,
    )
    html = html.replace(f"{hole}-account", token.join(box), 1)
    html = html.replace(f"{hole}-csrf", token)
    if views is not None:
        # A function, not a template: a template with the number in it is parsed each time.
        html = _VIEWS.sub(lambda match: f"{match[1]}{views}{match[2]}", html, count=1)
    return html


@lru_cache(maxsize=4096)
def _account_box(
    name: str, url: str, is_staff: bool, language: str | None, unread: int, unread_messages: int
) -> list[str]:
    """A member's account box cut where its CSRF token goes; the same arguments, the same box."""
    shown = SimpleNamespace(
        shown_name=name,
        get_absolute_url=url,
        is_staff=is_staff,
        unread_notifications=unread,
        unread_messages=unread_messages,
    )
    box = render_to_string("core/_account.html", {"user": shown, "csrf_token": _BOX_TOKEN})
    return box.split(_BOX_TOKEN)


def alike_key(request: HttpRequest, *parts: str) -> str:
    """The key of a kept page: its URL, language and time zone, and what else the view says
    makes its readers alike (``parts``)."""
    alike = [request.get_full_path(), get_language() or "", timezone.get_current_timezone_name()]
    return hashlib.sha256("|".join([*alike, *parts]).encode()).hexdigest()


def shared_page(
    request: HttpRequest,
    key: str,
    render: Callable[[], Rendered],
    *,
    views: int | None = None,
    fill: Callable[[str], str] = lambda html: html,
) -> HttpResponse | None:
    """This reader's page from the copy kept under ``key``; None when it is not shareable.

    ``render`` makes the page with its holes open (the view's own rendering, with
    nothing personal filled in); ``views`` is the counter to show; ``fill`` fills
    what else is the reader's own (their posts' links).
    """
    made: list[Rendered] = []

    def make() -> Fragment:
        rendered = render()
        made.append(rendered)
        if not rendered.shareable or rendered.response.status_code != 200:
            return Fragment("", rendered.tags, {"shareable": False})
        cut = _cut_holes(rendered.response.content.decode())
        if cut is None:
            return Fragment("", rendered.tags, {"shareable": False})
        return Fragment(cut[0], rendered.tags, {"hole": cut[1]})

    copy = cached_fragment(f"member-page:v2:{key}", make)
    if not copy.facts.get("shareable", True):
        if not made:
            return None  # known not shareable: the caller renders it for this reader
        response = made[0].response
        response.content = fill(response.content.decode())
        return response
    return HttpResponse(_fill_holes(copy.html, copy.facts["hole"], request, views, fill))


def personal_page(
    request: HttpRequest, name: str, tags: list[str], make: Callable[[], HttpResponse]
) -> HttpResponse:
    """A member's own page (their notifications, their inbox), kept for them alone until one
    of ``tags`` (or the site's chrome) changes; each request fills only the holes.

    ``make`` renders the page for this member; nothing on it may differ between two of
    their requests but the account box and the CSRF token.
    """

    def render() -> Rendered:
        return Rendered(make(), [CHROME, *tags], shareable=True)

    if may_share(request):
        key = alike_key(request, name, str(request.user.pk))
        shared = shared_page(request, f"own:{key}", render)
        if shared is not None:
            return shared
    return make()
