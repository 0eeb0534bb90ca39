"""Bans from Discuz!: members in the banned groups (with the reason from their
record, common_member_crime) and IP bans (common_banned); the word filter (common_word)."""

import ipaddress

from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.accounts.models import MemberGroup, User
from lanting.importers.discuz.links import Row, SkipRow, TableReport, upsert
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.moderation.models import Ban, CensorWord
from lanting.moderation.wordfilter import pattern_problem, words_changed


def import_bans(run: RunState) -> None:
    report = run.report("bans")
    members = User.objects.filter(
        group__code__in=[MemberGroup.Code.BANNED_POST, MemberGroup.Code.BANNED_VISIT],
        pk__in=LegacyLink.objects.filter(kind=LegacyLink.Kind.MEMBER).values("new_id"),
    )
    old_of = {
        link.new_id: link.old_id
        for link in LegacyLink.objects.filter(
            kind=LegacyLink.Kind.MEMBER, new_id__in=members.values("pk")
        )
    }
    for member in members.select_related("group"):
        report.read += 1
        old_uid = old_of.get(member.pk, 0)
        crime = (
            run.source.fetch(
                "SELECT operator, reason, dateline FROM "
                f"{run.source.table('common_member_crime')} "
                "WHERE uid = %s ORDER BY dateline DESC LIMIT 1",
                (old_uid,),
            )
            if run.source.has_table("common_member_crime")
            else []
        )
        reason, moderator, started = "Discuz! ban", None, None
        if crime:
            operator, text, when = crime[0]
            reason = run.source.decoder.text(text, "crime")[:255] or reason
            moderator = User.objects.filter(
                username=run.source.decoder.text(operator, "crime")
            ).first()
            started = stamp(when)
        posting = member.group and member.group.code == MemberGroup.Code.BANNED_POST
        kind = Ban.Kind.POST if posting else Ban.Kind.VISIT
        if Ban.objects.filter(member=member, kind=kind, lifted_at__isnull=True).exists():
            report.unchanged += 1
            continue
        Ban.objects.create(
            kind=kind,
            member=member,
            reason=reason,
            moderator=moderator,
            starts_at=started or timezone.now(),
            ends_at=member.group_expires_at,
        )
        User.objects.filter(pk=member.pk).update(group_reason=reason)
        report.imported += 1
    run.import_table(
        "IP bans",
        "common_banned",
        ["id", "ip1", "ip2", "ip3", "ip4", "admin", "dateline", "expiration"],
        "id",
        ip_ban_batch,
    )


def ip_ban_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    def build(row: Row) -> Ban:
        parts = [int(row[f"ip{n}"]) for n in range(1, 5)]
        # Discuz! writes a wildcard octet as -1: 1.2.-1.-1 is 1.2.0.0/16.
        fixed = 0
        for part in parts:
            if part < 0:
                break
            fixed += 1
        if any(p >= 0 for p in parts[fixed:]) or any(p > 255 for p in parts):
            raise SkipRow(gettext_noop("IP ban not expressible as a network"))
        address = ".".join(str(p if p >= 0 else 0) for p in parts)
        network = ipaddress.ip_network(f"{address}/{fixed * 8}", strict=False)
        if fixed == 0:
            raise SkipRow(gettext_noop("IP ban of every address"))
        admin = User.objects.filter(username=run.text(row, "admin", "ban")).first()
        return Ban(
            kind=Ban.Kind.IP,
            ip_range=str(network),
            reason="Discuz! IP ban",
            moderator=admin,
            starts_at=stamp(row["dateline"]) or timezone.now(),
            ends_at=stamp(row["expiration"]),
        )

    def update(ban: Ban, row: Row) -> None:
        ban.ends_at = stamp(row["expiration"])

    upsert(LegacyLink.Kind.BAN, rows, report, "id", build, update, Ban)


def import_words(run: RunState) -> None:
    """The word filter (common_word): each word keyed by itself, so a second run updates it."""
    types: dict[int, str] = {}
    if run.source.has_table("common_word_type"):
        for type_id, name in run.source.fetch(
            f"SELECT id, typename FROM {run.source.table('common_word_type')}"
        ):
            types[int(type_id)] = run.source.decoder.text(name, "word type")[:40]
    run.import_table(
        "filtered words",
        "common_word",
        ["id", "admin", "type", "find", "replacement"],
        "id",
        lambda run, rows, report: _word_batch(run, rows, report, types),
    )
    words_changed()


def _word_batch(run: RunState, rows: list[Row], report: TableReport, types: dict[int, str]) -> None:
    existing = {word.find.lower(): word for word in CensorWord.objects.all()}
    for row in rows:
        find = run.text(row, "find", "word").strip()
        replacement = run.text(row, "replacement", "word").strip()
        problem = pattern_problem(find)
        if problem:
            report.skip(gettext_noop("filter word the new filter cannot use"), find[:80])
            continue
        if replacement.upper() == "{BANNED}":
            action, replacement = CensorWord.Action.BANNED, ""
        elif replacement.upper() == "{MOD}":
            action, replacement = CensorWord.Action.MOD, ""
        else:
            action = CensorWord.Action.REPLACE
            replacement = "" if replacement.upper() == "{REPLACE}" else replacement[:255]
        category = types.get(int(row["type"] or 0), "")
        word = existing.get(find.lower())
        if word is None:
            word = CensorWord.objects.create(
                find=find[:255],
                action=action,
                replacement=replacement,
                category=category,
                added_by=User.objects.filter(username=run.text(row, "admin", "word")).first(),
            )
            existing[find.lower()] = word
            report.imported += 1
        elif (word.action, word.replacement, word.category) != (action, replacement, category):
            word.action, word.replacement, word.category = action, replacement, category
            word.save(update_fields=["action", "replacement", "category"])
            report.updated += 1
        else:
            report.unchanged += 1
