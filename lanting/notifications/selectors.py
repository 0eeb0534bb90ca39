"""Reading notifications: the bell's count (cached per member) and the grouped list."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models.functions import Lower

from lanting.notifications.models import Notification
from lanting.pagecache.requestmemo import keep_near

LIST_LIMIT = 200  # the newest notices grouped on the page


def notices_tag(member_id: int) -> str:
    """Names a member's notices (and watches) for the page cache."""
    return f"notices:{member_id}"


UNREAD_PREFIX = "lanting:notifications:unread:"
keep_near(UNREAD_PREFIX)  # asked on every member's page: each worker keeps them


def unread_key(member_id: int) -> str:
    return f"{UNREAD_PREFIX}{member_id}"


def count_unread(member_id: int) -> int:
    return Notification.objects.filter(recipient_id=member_id, read_at=None).count()


def unread_count(member_id: int) -> int:
    """The number on the bell: one cache read per page, the database when it is forgotten."""
    key = unread_key(member_id)
    count = cache.get(key)
    if count is None:
        count = count_unread(member_id)
        cache.set(key, count, 3600)
    return int(count)


@dataclass
class Group:
    """One line on the page: notices of one kind about one thing."""

    kind: str
    subject: str
    url: str
    latest: datetime
    unread: bool
    actors: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    text: str = ""
    key: str = ""  # the notices' group_key: what they are about

    @property
    def watch_target(self) -> tuple[str, int] | None:
        """("thread", 12) for notices from a watch: where the line's Unwatch button points."""
        parts = self.key.split(":")
        if self.kind != "watched" or len(parts) != 3 or not parts[2].isdigit():
            return None
        return parts[1], int(parts[2])

    @property
    def others(self) -> int:
        return max(0, len(self.actors) - 1)

    @property
    def first_id(self) -> int:
        return self.ids[-1]  # the oldest of the group: where reading starts


def grouped(member_id: int) -> list[Group]:
    """The member's newest notices, unread ones grouped by what they are about."""
    return group_notices(Notification.objects.filter(recipient_id=member_id)[:LIST_LIMIT])


def group_notices(notices: Iterable[Notification]) -> list[Group]:
    """Notices, newest first, as lines: unread ones of one kind and thing gathered."""
    groups: dict[tuple[str, bool], Group] = {}
    for notice in notices:
        unread = notice.read_at is None
        # Read notices stay one a line; unread ones of one kind and thing gather.
        key = (notice.group_key, True) if unread else (f"read:{notice.pk}", False)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(
                kind=notice.kind,
                subject=notice.subject,
                url=notice.url,
                latest=notice.created_at,
                unread=unread,
                text=notice.text,
                key=notice.group_key,
            )
        if notice.actor_name and notice.actor_name not in group.actors:
            group.actors.append(notice.actor_name)
        group.ids.append(notice.pk)
        group.url = notice.url  # the oldest unread: where reading starts
    return list(groups.values())


NAME_SUGGESTIONS = 8


def names_starting(prefix: str) -> list[str]:
    """Up to eight active members' names beginning with ``prefix`` (case-blind), shortest first."""
    from lanting.accounts.models import USERNAME_MAX_LENGTH, User

    prefix = prefix.strip().lstrip("@")
    if not prefix or len(prefix) > USERNAME_MAX_LENGTH:
        return []
    found = (
        User.objects.annotate(lower=Lower("username"))
        .filter(lower__startswith=prefix.lower(), is_active=True)
        .order_by("lower")
        .values_list("username", flat=True)[:50]
    )
    return sorted(found, key=lambda name: (len(name), name.lower()))[:NAME_SUGGESTIONS]
