"""Reading private messages: the inbox, a conversation, the blocked list, the unread count."""

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from lanting.accounts.models import User
from lanting.messages.models import Block, Conversation, Message, Participant
from lanting.pagecache.requestmemo import keep_near

INBOX_PAGE = 20
CONVERSATION_PAGE = 30
MAX_ID = 2**63 - 1


def inbox_tag(member_id: int) -> str:
    """Names a member's inbox for the page cache: it changes with each message, read, leave."""
    return f"inbox:{member_id}"


UNREAD_PREFIX = "lanting:pm:unread:"
keep_near(UNREAD_PREFIX)  # asked on every member's page: each worker keeps them


def unread_key(member_id: int) -> str:
    return f"{UNREAD_PREFIX}{member_id}"


def count_unread(member_id: int) -> int:
    """Conversations with messages the member has not read (Discuz!'s new-PM count)."""
    return Participant.objects.filter(member_id=member_id, left_at=None, unread__gt=0).count()


def unread_count(member_id: int) -> int:
    """The number beside the inbox link: the cache, the database when it is forgotten."""
    count = cache.get(unread_key(member_id))
    if count is None:
        count = count_unread(member_id)
        cache.set(unread_key(member_id), count, 3600)
    return int(count)


def _with_people(lines: QuerySet[Participant]) -> QuerySet[Participant]:
    people = Participant.objects.filter(left_at=None).select_related("member").order_by("pk")
    return lines.select_related("conversation").prefetch_related(
        Prefetch("conversation__participants", queryset=people, to_attr="present")
    )


def inbox_page(member_id: int, number: str | int | None) -> Page[Participant]:
    """The member's conversations, the latest message first, one page of them."""
    # A conversation with no message left (all of a purged spammer's) leaves the inbox.
    lines = Participant.objects.filter(
        member_id=member_id, left_at=None, conversation__message_count__gt=0
    ).order_by("-last_message_at", "-pk")
    return Paginator(_with_people(lines), INBOX_PAGE).get_page(number)


def place_in(member: User, conversation_id: int) -> Participant:
    """The member's line in a conversation they are in; 404 for anyone else."""
    if not 0 < conversation_id <= MAX_ID:  # a foreign key's lookup is not range-checked
        raise Http404
    line = (
        _with_people(
            Participant.objects.filter(conversation_id=conversation_id, member=member, left_at=None)
        )
        .select_related("conversation__started_by")
        .first()
    )
    if line is None:
        raise Http404
    line.member = member  # known already: not read again
    return line


def messages_page(conversation: Conversation, number: str | int | None) -> Page[Message]:
    """One page of the conversation, oldest first; the last page unless another is asked."""
    messages = Message.objects.filter(conversation=conversation, is_hidden=False)
    messages = messages.select_related("author")
    paginator = Paginator(messages.order_by("created_at", "pk"), CONVERSATION_PAGE)
    return paginator.get_page(number or paginator.num_pages)


def blocked_by(member: User) -> QuerySet[Block]:
    return Block.objects.filter(member=member).select_related("blocked")


def has_blocked(member: User, other: User) -> bool:
    return Block.objects.filter(member=member, blocked=other).exists()
