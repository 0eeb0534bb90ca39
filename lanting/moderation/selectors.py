import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.core.ratelimit import client_ip_from_meta
from lanting.moderation.models import Ban, QueueEntry, Report
from lanting.pagecache.requestmemo import forget, read_with_each_request, remembered
from lanting.pagecache.shared import shared_cache

IP_BANS_CACHE_KEY = "moderation:ip-bans:v1"
read_with_each_request(IP_BANS_CACHE_KEY)
DARKROOM_PER_PAGE = 30


def current_bans() -> QuerySet[Ban]:
    return Ban.objects.filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()), lifted_at__isnull=True
    )


def darkroom_page(page_number: str | None) -> Page[Ban]:
    """The public 小黑屋: members banned now (IP bans stay private)."""
    bans = (
        current_bans()
        .exclude(kind=Ban.Kind.IP)
        .select_related("member", "moderator")
        .order_by("-starts_at", "-pk")
    )
    return Paginator(bans, DARKROOM_PER_PAGE).get_page(page_number)


def _ip_bans() -> list[tuple[str, float | None, str, str]]:
    """(network, end as a timestamp or None, reason, end text), cached until bans change."""
    return remembered(IP_BANS_CACHE_KEY, _read_ip_bans)


def _read_ip_bans() -> list[tuple[str, float | None, str, str]]:
    rows: list[tuple[str, float | None, str, str]] | None = shared_cache().get(IP_BANS_CACHE_KEY)
    if rows is None:
        rows = [
            (
                b.ip_range,
                b.ends_at.timestamp() if b.ends_at else None,
                b.reason,
                b.ends_at.isoformat() if b.ends_at else "",
            )
            for b in current_bans().filter(kind=Ban.Kind.IP)
        ]
        shared_cache().set(
            IP_BANS_CACHE_KEY, rows, None
        )  # dropped by the signals whenever a ban changes
    return rows


def ip_ban_for(address: str) -> tuple[str, str] | None:
    """The (reason, end) of a current ban covering ``address``, if any."""
    return _covering(_ip_bans(), address) if address else None


def _covering(
    rows: list[tuple[str, float | None, str, str]], address: str
) -> tuple[str, str] | None:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    now = timezone.now().timestamp()
    for network, ends, reason, end_text in rows:
        if (ends is None or ends > now) and ip in ipaddress.ip_network(network):
            return reason, end_text
    return None


def admits_to_cached_page(ip_bans: Any, meta: Mapping[str, Any]) -> bool:
    """Page-cache gate: serve a cached page only when the visitor's address is not banned."""
    if ip_bans is None:  # not cached yet: the normal path reads and caches the list
        return False
    return not ip_bans or _covering(ip_bans, client_ip_from_meta(meta)) is None


def forget_ip_bans() -> None:
    shared_cache().delete(IP_BANS_CACHE_KEY)
    forget(IP_BANS_CACHE_KEY)


def moderation_facts_for(member: User, viewer: Any) -> dict[str, Any]:
    current = [b for b in Ban.objects.filter(member=member, lifted_at__isnull=True) if b.is_current]
    can_ban = bool(
        viewer is not None
        and getattr(viewer, "pk", None) != member.pk
        and (permissions.is_moderator(viewer) or permissions.is_board_moderator_group(viewer))
        and not (member.is_staff or member.is_superuser or permissions.is_moderator(member))
    )
    return {
        "member": member,
        "current_bans": current,
        "can_ban": can_ban,
        "can_ban_visit": can_ban and permissions.is_moderator(viewer),
        "can_purge": can_ban and permissions.is_moderator(viewer),
        "can_report": bool(
            getattr(viewer, "is_authenticated", False) and getattr(viewer, "pk", None) != member.pk
        ),
    }


QUEUE_PER_PAGE = 30


def may_see_queue(member: Any) -> bool:
    """Staff and super moderators see the whole queue; a board's moderators, their boards'."""
    from lanting.moderation import targets

    return permissions.is_moderator(member) or bool(targets.boards_moderated_by(member))


def queue_entries(member: Any, *, kind: str, page_number: str | None) -> Page[QueueEntry]:
    from lanting.moderation import targets

    entries = QueueEntry.objects.filter(state=QueueEntry.State.OPEN, kind=kind)
    if not permissions.is_moderator(member):
        entries = entries.filter(board_id__in=targets.boards_moderated_by(member))
    entries = entries.select_related("author", "content_type").prefetch_related(
        Prefetch("reports", queryset=Report.objects.select_related("reporter"))
    )
    order = "-report_count" if kind == QueueEntry.Kind.REPORT else "created_at"
    return Paginator(entries.order_by(order, "pk"), QUEUE_PER_PAGE).get_page(page_number)


def queue_counts(member: Any) -> dict[str, int]:
    from lanting.moderation import targets

    entries = QueueEntry.objects.filter(state=QueueEntry.State.OPEN)
    if not permissions.is_moderator(member):
        entries = entries.filter(board_id__in=targets.boards_moderated_by(member))
    counts = dict(entries.values_list("kind").annotate(n=Count("pk")).order_by())
    return {kind: counts.get(kind, 0) for kind in QueueEntry.Kind.values}


@dataclass(frozen=True)
class AccountAtAddress:
    """A member who wrote from one IP address: how often, first and last."""

    member_id: int | None
    name: str
    posts: int
    comments: int
    first: datetime
    last: datetime


def accounts_at_address(address: str, board_ids: set[int] | None) -> list[AccountAtAddress]:
    """Who posted (in ``board_ids``; None: anywhere) or commented from this address, newest
    first. Two grouped queries, whatever the number of posts."""
    from lanting.forum.models import Post
    from lanting.portal.models import Comment

    posts = Post.objects.filter(ip_address=address)
    if board_ids is not None:
        posts = posts.filter(thread__board_id__in=board_ids)
    found: dict[tuple[int | None, str], dict[str, Any]] = {}
    rows = posts.values("author_id", "author_name").annotate(
        n=Count("pk"), first=Min("created_at"), last=Max("created_at")
    )
    for row in rows.order_by():
        found[row["author_id"], row["author_name"]] = {**row, "comments": 0}
    if board_ids is None:  # comments are on articles: for those who moderate everything
        comments = Comment.objects.filter(ip_address=address).values(
            "author_id", "author__username"
        )
        for row in comments.annotate(
            n=Count("pk"), first=Min("created_at"), last=Max("created_at")
        ).order_by():
            key = (row["author_id"], row["author__username"] or "")
            seen = found.setdefault(
                key, {"n": 0, "first": row["first"], "last": row["last"], "comments": 0}
            )
            seen["comments"] = row["n"]
            seen["first"], seen["last"] = (
                min(seen["first"], row["first"]),
                max(seen["last"], row["last"]),
            )
    accounts = [
        AccountAtAddress(
            member_id=key[0],
            name=key[1],
            posts=row["n"],
            comments=row["comments"],
            first=row["first"],
            last=row["last"],
        )
        for key, row in found.items()
    ]
    return sorted(accounts, key=lambda account: account.last, reverse=True)
