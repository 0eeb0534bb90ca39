"""The moderation log read as sentences with links: "banzhu on 2026-12-3 10:02 closed the thread
《周末去哪儿玩》. Reason: …", not codes such as ``ban_post`` or ``{'is_closed': True}``.

Entries keep what was done as a code and its object as text (``thread:12 title``,
``12#3`` for a reply, a member's name, an IP range); this module turns them back.
"""

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lanting.core.templatetags.dates import shown_moment
from lanting.moderation.models import ModerationLog

_THREAD = re.compile(r"^thread:(\d+)(?: -> (\d+)| (.*))?$", re.DOTALL)
_POST = re.compile(r"^(\d+)#(\d+)$")
_LEVEL = re.compile(r"(\d+)")
_NO_REASON = {
    "stick",
    "digest",
    "move",
    "close",
    "open",
    "close_poll",
    "open_poll",
}  # their detail is not a reason


def _thread_link(thread_id: str, title: str = "") -> SafeString:
    url = reverse("forum:thread", args=[int(thread_id)])
    shown = f"《{title}》" if title else _("no. %(id)s") % {"id": thread_id}
    return format_html('<a href="{}">{}</a>', url, shown)


def _member_link(name: str) -> SafeString:
    return format_html('<a href="{}">{}</a>', reverse("accounts:profile", args=[name]), name)


def _object(entry: ModerationLog) -> SafeString:
    target = entry.target
    thread = _THREAD.match(target)
    if thread:
        return _thread_link(thread[1], thread[3] or "")
    post = _POST.match(target)
    if post:
        return format_html("{} #{}", _thread_link(post[1]), post[2])  # its thread and floor
    if entry.action.startswith(("ban_", "unban_", "expire_")) and entry.action != "ban_ip":
        return _member_link(target) if target else format_html("{}", _("a member"))
    return format_html("{}", target)


def _other_thread(entry: ModerationLog) -> SafeString:
    thread = _THREAD.match(entry.target)
    return _thread_link(thread[2]) if thread and thread[2] else format_html("")


def _level(detail: str) -> str:
    found = _LEVEL.search(detail)
    return found[1] if found else "0"


def what_was_done(entry: ModerationLog) -> SafeString:
    """The verb phrase: "closed the thread 《…》"."""
    obj = _object(entry)
    action = entry.action
    phrases = {
        "delete_thread": _("moved the thread %(object)s to the recycle bin"),
        "restore_thread": _("restored the thread %(object)s"),
        "delete_post": _("moved the reply %(object)s to the recycle bin"),
        "restore_post": _("restored the reply %(object)s"),
        "edit_post": _("edited the post %(object)s"),
        "close": _("closed the thread %(object)s"),
        "open": _("reopened the thread %(object)s"),
        "close_poll": _("closed the poll of the thread %(object)s"),
        "open_poll": _("reopened the poll of the thread %(object)s"),
        "move": _("moved the thread %(object)s to another board"),
        "ban_post": _("banned %(object)s from posting"),
        "ban_visit": _("banned %(object)s from visiting"),
        "unban_post": _("lifted the posting ban of %(object)s"),
        "unban_visit": _("lifted the visiting ban of %(object)s"),
        "unban_ip": _("lifted the ban of the IP range %(object)s"),
        "expire_post": _("saw the posting ban of %(object)s end"),
        "expire_visit": _("saw the visiting ban of %(object)s end"),
        "expire_ip": _("saw the ban of the IP range %(object)s end"),
        "ban_ip": _("banned the IP range %(object)s"),
    }
    if action in phrases:
        return format_html(phrases[action].replace("%(object)s", "{}"), obj)
    if action == "stick":
        level = _level(entry.detail)
        if level == "0":
            return format_html(_("unstuck the thread %(object)s").replace("%(object)s", "{}"), obj)
        return format_html(
            _("stuck the thread %(object)s (level %(level)s)")
            .replace("%(object)s", "{}")
            .replace("%(level)s", "{}"),
            obj,
            level,
        )
    if action == "digest":
        return format_html(
            _("set the digest level of the thread %(object)s to %(level)s")
            .replace("%(object)s", "{}")
            .replace("%(level)s", "{}"),
            obj,
            _level(entry.detail),
        )
    if action in {"merge", "split"}:
        text = (
            _("merged the thread %(object)s into %(other)s")
            if action == "merge"
            else _("split replies of the thread %(object)s into %(other)s")
        )
        return format_html(
            text.replace("%(object)s", "{}").replace("%(other)s", "{}"),
            obj,
            _other_thread(entry),
        )
    return format_html("{} {}", action, obj)  # an action this module does not know yet


def sentence(entry: ModerationLog) -> SafeString:
    """Who did what to what, when, and why."""
    actor = entry.actor.shown_name if entry.actor else _("The system")
    did = format_html(
        _("%(actor)s on %(when)s %(did)s.")
        .replace("%(actor)s", "{}")
        .replace("%(when)s", "{}")
        .replace("%(did)s", "{}"),
        actor,
        shown_moment(timezone.localtime(entry.created_at)),
        what_was_done(entry),
    )
    reason = (
        entry.detail if entry.action not in {"stick", "digest", "move", "close", "open"} else ""
    )
    if not reason:
        return did
    because = format_html(_("Reason: %(reason)s").replace("%(reason)s", "{}"), reason)
    return format_html("{} {}", did, because)


def action_label(action: str) -> str:
    """A short name for the admin's filter."""
    labels = {
        "delete_thread": _("Thread deleted"),
        "restore_thread": _("Thread restored"),
        "delete_post": _("Reply deleted"),
        "restore_post": _("Reply restored"),
        "edit_post": _("Post edited"),
        "close": _("Thread closed"),
        "open": _("Thread reopened"),
        "close_poll": _("Poll closed"),
        "open_poll": _("Poll reopened"),
        "move": _("Thread moved"),
        "merge": _("Threads merged"),
        "split": _("Thread split"),
        "stick": _("Sticky changed"),
        "digest": _("Digest changed"),
        "ban_post": _("Banned from posting"),
        "ban_visit": _("Banned from visiting"),
        "ban_ip": _("IP range banned"),
        "unban_post": _("Ban lifted"),
        "unban_visit": _("Ban lifted"),
        "unban_ip": _("Ban lifted"),
        "expire_post": _("Ban ended"),
        "expire_visit": _("Ban ended"),
        "expire_ip": _("Ban ended"),
    }
    return labels.get(action, action)
