"""Private messages from UCenter, and who blocks whom.

UCenter keeps a conversation in ``pm_lists`` (one-to-one, ``pmtype`` 1, its two
members in ``min_max``; or a group chat, 2), each member's line in ``pm_members``
(``isnew``: something unread), and the messages spread over ten tables,
``pm_messages_<plid % 10>``. A member who deleted a one-to-one conversation has no
line left: they come back when the other writes again, as in Discuz!. Blocks come
from ``home_blacklist`` (uid blocks buid) and from UCenter's own PM blacklist
(``memberfields.blacklist``: names separated by commas, ``{ALL}`` for everyone).
"""

import re
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.accounts.models import User
from lanting.importers.discuz.links import Row, SkipRow, TableReport, new_ids, upsert
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.markup.text import visible_text
from lanting.messages.models import Block, Conversation, Message, Participant
from lanting.messages.services import SUBJECT_MAX, render_body

Kind = LegacyLink.Kind
GROUP_CHAT = 2
_SUMMARY = re.compile(r's:\d+:"(?:first|last)summary";s:\d+:"(.*?)";', re.DOTALL)


def import_private_messages(run: RunState) -> None:
    run.import_table(
        "private conversations",
        "pm_lists",
        ["plid", "authorid", "pmtype", "subject", "members", "min_max", "dateline", "lastmessage"],
        "plid",
        conversation_batch,
        uc=True,
    )
    for table in range(10):
        if not run.source.count(f"pm_messages_{table}", uc=True):
            continue  # not ten progress lines for a site with few messages
        run.import_table(
            "private messages",
            f"pm_messages_{table}",
            ["pmid", "plid", "authorid", "message", "delstatus", "dateline"],
            "pmid",
            message_batch,
            uc=True,
        )
    _recount()


def conversation_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    starters = new_ids(Kind.MEMBER, (r["authorid"] for r in rows))

    def fill(conversation: Conversation, row: Row) -> None:
        plid = int(row["plid"])
        subject = " ".join(run.text(row, "subject", f"pm {plid}").split())
        if not subject:
            # One-to-one conversations have no subject: UCenter shows the start of the
            # messages, kept PHP-serialized in lastmessage (firstsummary, lastsummary).
            found = _SUMMARY.search(run.text(row, "lastmessage", f"pm {plid}"))
            summary = found[1] if found else ""
            subject = " ".join(visible_text(render_body(summary, "bbcode")).split())
        conversation.subject = subject[:SUBJECT_MAX] or "…"
        conversation.started_by_id = starters.get(int(row["authorid"]))
        conversation.is_group = int(row["pmtype"] or 0) == GROUP_CHAT
        conversation.created_at = stamp(row["dateline"]) or timezone.now()
        conversation.last_message_at = conversation.created_at

    def build(row: Row) -> Conversation:
        conversation = Conversation()
        fill(conversation, row)
        return conversation

    touched = upsert(Kind.CONVERSATION, rows, report, "plid", build, fill, Conversation)
    _add_participants(run, touched, rows, report)


def _add_participants(
    run: RunState, conversations: dict[int, Conversation], rows: list[Row], report: TableReport
) -> None:
    if not conversations:
        return
    lines: dict[int, dict[int, tuple[bool, int]]] = defaultdict(dict)
    for plid, uid, isnew, lastdateline in run.fetch_in(
        "pm_members", "plid, uid, isnew, lastdateline", list(conversations), uc=True, key="plid"
    ):
        lines[int(plid)][int(uid)] = (bool(int(isnew or 0)), int(lastdateline or 0))
    wanted: dict[int, set[int]] = {}
    for row in rows:
        plid = int(row["plid"])
        if plid not in conversations:
            continue
        uids = set(lines[plid])
        if int(row["pmtype"] or 0) != GROUP_CHAT:
            # One-to-one: both members, whether or not they still have a line.
            pair = run.text(row, "min_max", f"pm {plid}").split("_")
            uids |= {int(uid) for uid in pair if uid.isdigit()}
        wanted[plid] = uids
    members = new_ids(Kind.MEMBER, (uid for uids in wanted.values() for uid in uids))
    now = timezone.now()
    new_lines = []
    for plid, uids in wanted.items():
        conversation = conversations[plid]
        for uid in sorted(uids):
            member_id = members.get(uid)
            if member_id is None:
                report.warn(
                    gettext_noop("a member of the conversation no longer exists"), str(plid)
                )
                continue
            unread, last = lines[plid].get(uid, (False, 0))
            new_lines.append(
                Participant(
                    conversation_id=conversation.pk,
                    member_id=member_id,
                    joined_at=conversation.created_at,
                    last_message_at=stamp(last) or conversation.created_at,
                    unread=int(unread),
                    left_at=None if uid in lines[plid] else now,
                )
            )
    # A second run finds the lines there (one per member and conversation): kept as they are.
    Participant.objects.bulk_create(new_lines, ignore_conflicts=True, batch_size=500)


def message_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    conversations = new_ids(Kind.CONVERSATION, (r["plid"] for r in rows))
    authors = new_ids(Kind.MEMBER, (r["authorid"] for r in rows))

    def fill(message: Message, row: Row) -> None:
        pmid = int(row["pmid"])
        message.body = run.text(row, "message", f"pm message {pmid}")
        message.markup = Message.Markup.BBCODE
        message.body_html = render_body(message.body, Message.Markup.BBCODE)
        message.author_id = authors.get(int(row["authorid"]))
        if message.author_id is None:
            report.warn(gettext_noop("author no longer exists (message kept)"), str(pmid))
        message.created_at = stamp(row["dateline"]) or timezone.now()
        if int(row["delstatus"] or 0):
            report.warn(gettext_noop("deleted by one side in Discuz! (kept for both)"), str(pmid))

    def build(row: Row) -> Message:
        conversation_id = conversations.get(int(row["plid"]))
        if conversation_id is None:
            raise SkipRow(gettext_noop("message whose conversation was not imported"))
        message = Message(conversation_id=conversation_id)
        fill(message, row)
        return message

    upsert(Kind.PRIVATE_MESSAGE, rows, report, "pmid", build, fill, Message)


def _recount() -> None:
    """Each imported conversation's count and last message time, and its lines' times."""
    imported = LegacyLink.objects.filter(kind=Kind.CONVERSATION).values("new_id")
    messages = Message.objects.filter(conversation=OuterRef("pk")).order_by().values("conversation")
    with transaction.atomic():
        Conversation.objects.filter(pk__in=imported).update(
            message_count=Coalesce(Subquery(messages.annotate(n=Count("pk")).values("n")), 0),
            last_message_at=Coalesce(
                Subquery(messages.annotate(last=Max("created_at")).values("last")),
                F("created_at"),
            ),
        )
        last = Conversation.objects.filter(pk=OuterRef("conversation_id")).values("last_message_at")
        Participant.objects.filter(conversation_id__in=imported).update(
            last_message_at=Subquery(last)
        )


def import_blocks(run: RunState) -> None:
    report = run.report("blocked members")
    pairs: list[tuple[int, int]] = []
    since: dict[tuple[int, int], int] = {}
    if run.source.has_table("home_blacklist"):
        table = run.source.table("home_blacklist")
        sql = f"SELECT uid, buid, dateline FROM {table} ORDER BY uid, buid"  # noqa: S608  (a quoted prefix checked at start)
        rows = run.source.fetch(sql)
        for uid, buid, dateline in rows:
            pairs.append((int(uid), int(buid)))
            since[(int(uid), int(buid))] = int(dateline or 0)
    # UCenter's PM blacklist names members; {ALL} refuses everyone (not carried).
    names: list[tuple[int, str]] = []
    if run.source.has_table("memberfields", uc=True):
        table = run.source.table("memberfields", uc=True)
        sql = f"SELECT uid, blacklist FROM {table} WHERE blacklist <> ''"  # noqa: S608  (as above)
        for uid, raw in run.source.fetch(sql):
            try:
                text = run.source.decoder.text(raw, f"blacklist {uid}")
            except UnicodeDecodeError:
                report.skip(gettext_noop("text not decodable in the site charset"), str(uid))
                continue
            for name in text.split(","):
                name = name.strip()
                if name == "{ALL}":
                    report.skip(gettext_noop("refuses messages from everyone"), str(uid))
                elif name:
                    names.append((int(uid), name))
    report.read = len(pairs) + len(names)
    by_name = {
        u.username.lower(): u.pk
        for u in User.objects.filter(username__in={name for _uid, name in names})
    }
    olds = [uid for pair in pairs for uid in pair] + [uid for uid, _name in names]
    members = new_ids(Kind.MEMBER, olds)
    blocks: set[tuple[int, int]] = set()
    when: dict[tuple[int, int], int] = {}
    for uid, buid in pairs:
        member, blocked = members.get(uid), members.get(buid)
        if member is None or blocked is None or member == blocked:
            report.skip(gettext_noop("a member of the pair was not imported"), f"{uid} {buid}")
            continue
        blocks.add((member, blocked))
        when[(member, blocked)] = since[(uid, buid)]
    for uid, name in names:
        member, blocked = members.get(uid), by_name.get(name.lower())
        if member is None or blocked is None or member == blocked:
            report.skip(gettext_noop("a member of the pair was not imported"), f"{uid} {name}")
            continue
        blocks.add((member, blocked))
    existing = set(
        Block.objects.filter(member_id__in={m for m, _b in blocks}).values_list(
            "member_id", "blocked_id"
        )
    )
    fresh, now = sorted(blocks - existing), timezone.now()
    report.unchanged += len(blocks & existing)
    with transaction.atomic():
        Block.objects.bulk_create(
            [
                Block(member_id=m, blocked_id=b, created_at=stamp(when.get((m, b))) or now)
                for m, b in fresh
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
    report.imported += len(fresh)
