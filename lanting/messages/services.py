"""Writing private messages: starting, answering, reading, leaving, blocking.

Every refusal is a ``ValidationError`` with a sentence for the member; its code names
the field it is about, and after ``_`` why (``to_blocked``: someone named blocks the
author). Nothing is written before all the checks have passed, and each write is one
transaction.
"""

import datetime as dt
import operator
import re
from collections.abc import Iterable
from functools import reduce
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanting.accounts import permissions
from lanting.accounts.models import User
from lanting.markup import render
from lanting.markup.text import visible_text
from lanting.messages.models import Block, Conversation, Message, Participant
from lanting.messages.selectors import inbox_tag, unread_key
from lanting.moderation import antispam, targets, wordfilter
from lanting.notifications.models import Notification
from lanting.notifications.services import mark_read_about, notify
from lanting.pagecache.tags import touch

MAX_RECIPIENTS = 10
BODY_MAX = 10000
SUBJECT_MAX = 80
_NAMES = re.compile(r"[,，、;；\s]+")  # noqa: RUF001  (Chinese commas separate names too)


def split_names(text: str) -> list[str]:
    """Names as typed in the To field: separated by commas (either width) or spaces."""
    seen: dict[str, str] = {}
    for name in _NAMES.split(text.strip()):
        name = name.strip().lstrip("@")
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError(_("Write something before you send."), code="body")
    if len(body) > BODY_MAX:
        raise ValidationError(
            _("A message can be at most %(max)d characters long.") % {"max": BODY_MAX},
            code="body",
        )
    # The site's word filter: banned words refuse the message, replacements are made.
    # ({MOD} words pass: a private message has no review queue; it can be reported.)
    verdict = wordfilter.check(body)
    if verdict.refused:
        raise ValidationError(verdict.refusal(), code="body")
    return verdict.text or body


def render_body(body: str, markup: str) -> str:
    # A private [hide] part hides from no one: everyone in it may read everything.
    return render(
        body, "markdown" if markup == Message.Markup.MARKDOWN else "bbcode", hide_visible=True
    )


def _refuse_blocked(author: User, people: Iterable[User]) -> None:
    """Refuse the whole message when anyone it goes to has blocked its author."""
    ids = {person.pk: person for person in people}
    blockers = Block.objects.filter(member_id__in=list(ids), blocked=author).values_list(
        "member_id", flat=True
    )
    names = sorted(ids[member_id].shown_name for member_id in blockers)
    if names:
        raise ValidationError(
            ngettext(
                "%(names)s does not accept private messages from you.",
                "%(names)s do not accept private messages from you.",
                len(names),
            )
            % {"names": "、".join(names)},
            code="to_blocked",
        )


def recipients_named(author: User, to: str) -> list[User]:
    """The members named in ``to``, each refusal a sentence: nobody, too many, unknown, self."""
    names = split_names(to)
    if not names:
        raise ValidationError(_("Write the name of the member you are writing to."), code="to")
    if len(names) > MAX_RECIPIENTS:
        raise ValidationError(
            _("A conversation can have at most %(max)d recipients.") % {"max": MAX_RECIPIENTS},
            code="to",
        )
    wanted = reduce(operator.or_, (Q(username__iexact=name) for name in names))
    found = {member.username.lower(): member for member in User.objects.filter(wanted)}
    unknown = [name for name in names if name.lower() not in found]
    if unknown:
        raise ValidationError(
            ngettext(
                "There is no member called %(names)s.",
                "There are no members called %(names)s.",
                len(unknown),
            )
            % {"names": "、".join(unknown)},
            code="to_unknown",
        )
    people = [found[name.lower()] for name in names]
    if any(person.pk == author.pk for person in people):
        raise ValidationError(_("You cannot write to yourself."), code="to_self")
    closed = [person.shown_name for person in people if not person.is_active]
    if closed:
        raise ValidationError(
            _("%(names)s cannot receive private messages: the account is closed.")
            % {"names": "、".join(closed)},
            code="to_closed",
        )
    return people


def started_today(author: User) -> int:
    since = timezone.now() - dt.timedelta(hours=24)
    return Conversation.objects.filter(started_by=author, created_at__gte=since).count()


def _refuse_over_limit(author: User) -> None:
    refusal = permissions.message_refusal(author)
    if refusal:
        raise ValidationError(refusal)
    limit = permissions.conversations_per_day(author)
    if limit and started_today(author) >= limit:
        raise ValidationError(
            ngettext(
                "Your member group may start %(max)d conversation in 24 hours; "
                "you can answer in your conversations, or start a new one later.",
                "Your member group may start %(max)d conversations in 24 hours; "
                "you can answer in your conversations, or start a new one later.",
                limit,
            )
            % {"max": limit}
        )


def _subject(subject: str, body_html: str) -> str:
    subject = " ".join(subject.split())
    if len(subject) > SUBJECT_MAX:
        raise ValidationError(
            _("A subject can be at most %(max)d characters long.") % {"max": SUBJECT_MAX},
            code="subject",
        )
    if subject:
        return subject
    text = " ".join(visible_text(body_html, without=("blockquote",)).split())
    return (text[: SUBJECT_MAX - 1] + "…") if len(text) > SUBJECT_MAX else text or "…"


def start_conversation(
    *,
    author: User,
    to: str,
    body: str,
    subject: str = "",
    markup: str = Message.Markup.BBCODE,
    proof: str = "",
) -> Conversation:
    """A new conversation with the members named in ``to`` and its first message."""
    _refuse_over_limit(author)
    people = recipients_named(author, to)
    body = clean_body(body)
    if subject:
        verdict = wordfilter.check(subject)
        if verdict.refused:
            raise ValidationError(verdict.refusal(), code="subject")
        subject = verdict.text or subject
    _refuse_blocked(author, people)
    proof = antispam.check_proof(member=author, proof=proof)
    html = render_body(body, markup)
    antispam.spend_proof(proof)
    with transaction.atomic():
        now = timezone.now()
        conversation = Conversation.objects.create(
            subject=_subject(subject, html),
            started_by=author,
            is_group=len(people) > 1,
            created_at=now,
            last_message_at=now,
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    conversation=conversation,
                    member=person,
                    joined_at=now,
                    last_message_at=now,
                )
                for person in [author, *people]
            ]
        )
        _add_message(conversation, author, body, markup, html, now)
    conversation.refresh_from_db()
    return conversation


def reply(
    *,
    conversation: Conversation,
    author: User,
    body: str,
    markup: str = Message.Markup.BBCODE,
    proof: str = "",
) -> Message:
    """An answer in a conversation the author is in."""
    refusal = permissions.message_reply_refusal(author)
    if refusal:
        raise ValidationError(refusal)
    if not Participant.objects.filter(
        conversation=conversation, member=author, left_at=None
    ).exists():
        raise ValidationError(_("You have left this conversation."))
    body = clean_body(body)
    others = list(
        User.objects.filter(
            conversations__conversation=conversation,
            **({} if not conversation.is_group else {"conversations__left_at": None}),
        ).exclude(pk=author.pk)
    )
    if not others:
        raise ValidationError(_("Everyone else has left this conversation."))
    _refuse_blocked(author, others)
    proof = antispam.check_proof(member=author, proof=proof)
    html = render_body(body, markup)
    antispam.spend_proof(proof)
    with transaction.atomic():
        return _add_message(conversation, author, body, markup, html, timezone.now())


def _add_message(
    conversation: Conversation, author: User, body: str, markup: str, html: str, now: dt.datetime
) -> Message:
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        body=body,
        markup=markup,
        body_html=html,
        created_at=now,
    )
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=now, message_count=F("message_count") + 1
    )
    lines = Participant.objects.filter(conversation=conversation)
    lines.filter(member=author).update(last_message_at=now, unread=0)
    others = lines.exclude(member=author)
    if not conversation.is_group:
        # Two people: whoever left comes back when the other writes again (as in Discuz!).
        others.exclude(left_at=None).update(left_at=None, joined_at=now)
    others = others.filter(left_at=None)
    told = list(others.values_list("member_id", flat=True))
    others.update(last_message_at=now, unread=F("unread") + 1)
    text = " ".join(visible_text(html, without=("blockquote",)).split())
    notify(
        recipients=told,
        kind=Notification.Kind.MESSAGE,
        actor=author,
        subject=conversation.subject,
        url=conversation.get_absolute_url(),
        group_key=f"pm:{conversation.pk}",
        text=text[:200],
    )
    transaction.on_commit(lambda: cache.delete_many([unread_key(i) for i in told]))
    inboxes = [inbox_tag(i) for i in (*told, author.pk)]
    transaction.on_commit(lambda: touch(*inboxes))
    return message


def mark_read(line: Participant) -> None:
    """The member has seen the conversation: its unread count and its notices go."""
    if not line.unread:
        return
    Participant.objects.filter(pk=line.pk).update(unread=0)
    line.unread = 0
    cache.delete(unread_key(line.member_id))
    touch(inbox_tag(line.member_id))
    mark_read_about(line.member_id, f"pm:{line.conversation_id}")


def leave_conversation(*, line: Participant) -> None:
    """The conversation leaves the member's inbox; the others keep it."""
    Participant.objects.filter(pk=line.pk).update(left_at=timezone.now(), unread=0)
    cache.delete(unread_key(line.member_id))
    touch(inbox_tag(line.member_id))
    mark_read_about(line.member_id, f"pm:{line.conversation_id}")


def block_member(*, member: User, name: str) -> User:
    name = name.strip().lstrip("@")
    if not name:
        raise ValidationError(_("Write the name of the member you want to block."))
    other = User.objects.filter(username__iexact=name).first()
    if other is None:
        raise ValidationError(_("There is no member called %(names)s.") % {"names": name})
    if other.pk == member.pk:
        raise ValidationError(_("You cannot block yourself."))
    try:
        with transaction.atomic():
            Block.objects.create(member=member, blocked=other)
    except IntegrityError:
        pass  # already blocked (two tabs): the same outcome
    return other


def unblock_member(*, member: User, blocked_id: int) -> None:
    Block.objects.filter(member=member, blocked_id=blocked_id).delete()


def _describe_message(message: Message) -> targets.Described:
    return targets.Described(
        title=message.conversation.subject,
        excerpt=message.body[:500],
        # Only its members open a conversation: staff read the reported message in the admin.
        url=reverse("admin:pm_message_change", args=[message.pk]),
        author=message.author,
        board_id=None,
    )


def _remove_message(message: Message, moderator: User, reason: str) -> None:
    """A reported message goes from the conversation; its author is told why."""
    conversation = message.conversation
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).delete()
        Conversation.objects.filter(pk=conversation.pk, message_count__gt=0).update(
            message_count=F("message_count") - 1
        )
    members = Participant.objects.filter(conversation=conversation).values_list(
        "member_id", flat=True
    )
    transaction.on_commit(lambda: touch(*[inbox_tag(pk) for pk in members]))
    notify(
        recipients=[message.author_id],
        kind=Notification.Kind.POST_REMOVED,
        actor=moderator,
        subject=conversation.subject,
        url=reverse("pm:inbox"),
        group_key=f"removed:pm:{message.pk}",
        text=reason,
    )


def register_targets() -> None:
    """Private messages can be reported by those they were sent to; staff act on them."""
    targets.register(
        Message,
        targets.TargetKind(
            describe=_describe_message,
            approve=None,
            remove=_remove_message,
            visible_to=lambda message, viewer: (
                not message.is_hidden
                and Participant.objects.filter(
                    conversation_id=message.conversation_id, member_id=getattr(viewer, "pk", None)
                ).exists()
            ),
            moderated_by=lambda message, member: bool(getattr(member, "is_staff", False)),
        ),
    )


def _hidden_counts(ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for conversation_id in Message.objects.filter(pk__in=ids).values_list(
        "conversation_id", flat=True
    ):
        counts[conversation_id] = counts.get(conversation_id, 0) + 1
    return counts


def _recount(conversation_ids: Iterable[int]) -> None:
    visible = Message.objects.filter(conversation=OuterRef("pk"), is_hidden=False)
    count = visible.order_by().values("conversation").annotate(n=Count("pk")).values("n")
    Conversation.objects.filter(pk__in=list(conversation_ids)).update(
        message_count=Coalesce(Subquery(count), 0)
    )


def _after_purge_change(conversation_ids: Iterable[int]) -> None:
    members = list(
        Participant.objects.filter(conversation_id__in=list(conversation_ids)).values_list(
            "member_id", flat=True
        )
    )
    transaction.on_commit(lambda: cache.delete_many([unread_key(pk) for pk in members]))
    transaction.on_commit(lambda: touch(*[inbox_tag(pk) for pk in members]))


def _hide_messages(member: User, moderator: User, reason: str) -> list[int]:
    """A purged spammer's messages leave every inbox (and their unread counts)."""
    ids = list(Message.objects.filter(author=member, is_hidden=False).values_list("pk", flat=True))
    if not ids:
        return []
    counts = _hidden_counts(ids)
    Message.objects.filter(pk__in=ids).update(is_hidden=True)
    _recount(counts)
    for conversation_id, hidden in counts.items():
        Participant.objects.filter(conversation_id=conversation_id).exclude(member=member).update(
            unread=Greatest(F("unread") - hidden, 0)
        )
    _after_purge_change(counts)
    return ids


def _restore_messages(ids: list[int], moderator: User) -> None:
    """Undoing a purge shows the messages again (as read: nobody is told twice)."""
    counts = _hidden_counts(ids)
    Message.objects.filter(pk__in=ids).update(is_hidden=False)
    _recount(counts)
    _after_purge_change(counts)


def register_purgers() -> None:
    def visible(member: User) -> Any:
        return Message.objects.filter(author=member, is_hidden=False)

    targets.register_purger(
        "pm.message",
        targets.Purger(
            preview=lambda member: (
                str(_("Private messages")),
                visible(member).count(),
                targets.preview_lines(visible(member).values_list("body", flat=True)[:5]),
            ),
            hide=_hide_messages,
            restore=_restore_messages,
            addresses=lambda member: [],  # a message keeps no address
        ),
    )
