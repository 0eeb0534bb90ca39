"""Moving a Discuz! X3.4 site into Lanting: members, forum, portal, bans, navigation, old links.

Each table is read in keyset batches and written one batch per transaction,
with a LegacyLink per row (old id → new id, and a digest of the source row).
A second run skips rows whose digest did not change and updates those that did,
so it is idempotent, and an interrupted run simply picks up where it stopped.
"""

import contextlib
import datetime as dt
import hashlib
import html
import ipaddress
import mimetypes
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from lanting.accounts.models import CreditEntry, MemberGroup, User
from lanting.accounts.services import set_avatar
from lanting.core.markup import html_to_text, plain_text_to_html, sanitize_html
from lanting.core.models import NavItem, SiteSettings
from lanting.forum.markup import has_hidden_part, render_body
from lanting.forum.models import (
    Attachment,
    Board,
    Post,
    Section,
    Thread,
    ThreadField,
    ThreadType,
)
from lanting.importers.discuz.bulk import insert_objects, insert_rows, save_objects, update_rows
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.source import DiscuzSource
from lanting.moderation.models import Ban
from lanting.pagecache.tags import touch
from lanting.portal.models import Article, Category, Comment
from lanting.portal.services import recount_comments, render_article

Row = dict[str, Any]
BATCH = 5000

# Discuz! system groups (common_usergroup.groupid) and what they become here.
SYSTEM_GROUPS = {
    1: MemberGroup.Code.ADMINISTRATOR,
    2: MemberGroup.Code.SUPER_MODERATOR,
    3: MemberGroup.Code.MODERATOR,
    4: MemberGroup.Code.BANNED_POST,
    5: MemberGroup.Code.BANNED_VISIT,
    6: MemberGroup.Code.BANNED_VISIT,  # 禁止 IP: the member cannot visit either
}
AVATAR_SIZES = ("big", "middle", "small")  # the largest first: it is scaled down here
# An article's pictures: <img src="data/attachment/portal/201902/20/x.jpg">, relative
# or with the old site's address in front; downloads: portal.php?mod=attachment&id=N.
_PORTAL_FILE = re.compile(
    r"""(?:(?:https?:)?//[^"'\s<>]*?/|/)?data/attachment/portal/([^"'\s<>?#]+)"""
)
_PORTAL_DOWNLOAD = re.compile(
    r"""(?:(?:https?:)?//[^"'\s<>]*?/|/)?portal\.php\?mod=attachment(?:&amp;|&)id=(\d+)"""
)
# No tag ([b]), no smiley ({:1_2:}, :), ;P) and no control character: text only.
_PLAIN_TEXT = re.compile(r"[^\[\]{}:;\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*")
_SPACE_RUN = re.compile(r" {2,}")
_SAFE_PATH = re.compile(r"^[\w][\w./-]*$")
_ATTACH = re.compile(r"\[attach\](\d+)\[/attach\]", re.IGNORECASE)


def stamp(value: Any) -> dt.datetime | None:
    try:
        seconds = int(value or 0)
    except (TypeError, ValueError):
        return None
    if seconds <= 0:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def digest(row: Row) -> str:
    # Rows of one table come with the same columns in the same order: the values suffice.
    return hashlib.md5(repr(tuple(row.values())).encode(), usedforsecurity=False).hexdigest()


@dataclass
class TableReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def skip(self, reason: str, example: str = "") -> None:
        self.skipped[reason] += 1
        if example and len(self.examples[reason]) < 20:
            self.examples[reason].append(example)

    def warn(self, reason: str, example: str = "") -> None:
        self.warnings[reason] += 1
        if example and len(self.examples[reason]) < 20:
            self.examples[reason].append(example)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
            "warnings": dict(self.warnings),
            "examples": {k: v for k, v in self.examples.items() if v},
        }


class Progress:
    """A one-line progress bar per table on the terminal."""

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total, self.done = out, label, max(total, 0), 0
        self.started = time.monotonic()
        self.draw()

    def add(self, n: int) -> None:
        self.done += n
        self.draw()

    def draw(self) -> None:
        width = 30
        share = self.done / self.total if self.total else 1.0
        filled = int(width * min(share, 1.0))
        self.out.write(
            f"\r{self.label:<22} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        )
        self.out.flush()

    def close(self) -> None:
        self.out.write(f"  {time.monotonic() - self.started:.1f}s\n")


class Importer:
    def __init__(
        self,
        source: DiscuzSource,
        *,
        attachments: Path | None = None,
        avatars: Path | None = None,
        dry_run: bool = False,
        out: TextIO = sys.stderr,
    ) -> None:
        self.source, self.attachments, self.dry_run, self.out = source, attachments, dry_run, out
        self.avatars = avatars
        self.stored_portal: set[str] = set()
        self.reports: dict[str, TableReport] = {}
        self.notes: list[str] = []
        self.missing_files: list[str] = []

    # -- helpers -----------------------------------------------------------------

    def text(self, row: Row, column: str, where: str) -> str:
        return self.source.decoder.text(row.get(column), where)

    def links(self, kind: str, old_ids: Iterable[int]) -> dict[int, LegacyLink]:
        ids = sorted({int(i) for i in old_ids})
        if not ids:
            return {}
        if ids[-1] - ids[0] < 2 * len(ids) + 100:
            # A batch of a table's own rows is one stretch of ids: read that stretch.
            # An index range scan, whatever PostgreSQL's statistics say, and one
            # parameter pair instead of thousands.
            wanted = set(ids)
            return {
                link.old_id: link
                for link in LegacyLink.objects.filter(
                    kind=kind, old_id__gte=ids[0], old_id__lte=ids[-1]
                )
                if link.old_id in wanted
            }
        found: dict[int, LegacyLink] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for link in LegacyLink.objects.filter(kind=kind, old_id__in=chunk):
                found[link.old_id] = link
        return found

    def new_ids(self, kind: str, old_ids: Iterable[int]) -> dict[int, int]:
        return {old: link.new_id for old, link in self.links(kind, old_ids).items()}

    def run_table(
        self,
        label: str,
        table: str,
        columns: list[str],
        key: str,
        handle: Callable[[list[Row], TableReport], None],
        *,
        where: str = "1=1",
        uc: bool = False,
    ) -> None:
        report = self.reports.setdefault(label, TableReport())
        progress = Progress(self.out, label, self.source.count(table, uc=uc, where=where))
        batches = self.source.batches(table, columns, key=key, where=where, uc=uc, batch=BATCH)
        for number, batch in enumerate(batches):
            if number % 20 == 0 or number in {1, 2, 4, 8}:  # often while tables are small
                self.refresh_statistics()
            report.read += len(batch)
            with transaction.atomic():
                handle(batch, report)
            progress.add(len(batch))
        progress.close()

    def refresh_statistics(self) -> None:
        """Let PostgreSQL's planner see how big the tables being filled have grown.

        Autovacuum lags behind a bulk load; until it catches up, the planner takes
        the link table for small and reads every link of a kind to find 900 of them.
        """
        if connection.vendor != "postgresql" or self.dry_run:
            return
        tables = [m._meta.db_table for m in (LegacyLink, User, Thread, Post)]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")

    def upsert(
        self,
        kind: str,
        rows: list[Row],
        report: TableReport,
        key: str,
        build: Callable[[Row], Any],
        update: Callable[[Any, Row], None],
        model: Any,
    ) -> dict[int, Any]:
        """Create new objects, update changed ones, skip unchanged; keep the links."""
        existing = self.links(kind, (r[key] for r in rows))
        sums = {int(r[key]): digest(r) for r in rows}
        # Only rows whose digest changed are loaded; for the rest, knowing that the
        # object is still there (not deleted in Lanting since) is enough.
        alive = set(
            model.objects.filter(pk__in=[link.new_id for link in existing.values()]).values_list(
                "pk", flat=True
            )
        )
        changed_ids = [
            link.new_id
            for old, link in existing.items()
            if link.new_id in alive and link.checksum != sums[old]
        ]
        by_id = {o.pk: o for o in model.objects.filter(pk__in=changed_ids)} if changed_ids else {}
        created: list[tuple[int, Any]] = []
        touched: dict[int, Any] = {}
        relinked: list[LegacyLink] = []
        changed: list[Any] = []
        for row in rows:
            old = int(row[key])
            link = existing.get(old)
            try:
                if link is not None and link.new_id in alive:
                    if link.checksum == sums[old]:
                        report.unchanged += 1
                        continue
                    obj = by_id[link.new_id]
                    update(obj, row)
                    changed.append(obj)
                    link.checksum = sums[old]
                    relinked.append(link)
                    report.updated += 1
                    touched[old] = obj
                    continue
                obj = build(row)
            except UnicodeDecodeError:
                report.skip("text not decodable in the site charset", f"{kind} {old}")
                continue
            except SkipRow as skip:
                report.skip(skip.reason, f"{kind} {old}")
                continue
            if obj is None:
                continue
            created.append((old, obj))
        if relinked:
            save_objects(model, changed)
            update_rows(LegacyLink, ["checksum"], [(link.checksum, link.pk) for link in relinked])
        if created:
            insert_objects(model, [obj for _old, obj in created])
            stale = [old for old, _o in created if old in existing]
            if stale:
                LegacyLink.objects.filter(kind=kind, old_id__in=stale).delete()
            insert_rows(
                LegacyLink,
                ["kind", "old_id", "new_id", "checksum"],
                [(kind, old, obj.pk, sums[old]) for old, obj in created],
            )
            report.imported += len(created)
            touched.update(created)
        return touched

    # -- the whole run ---------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        started = time.monotonic()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Each batch is committed on its own; losing the last few commits to a
                # crash costs nothing, as the next run writes them again.
                cursor.execute("SET synchronous_commit TO off")
        # A dry run is one transaction, rolled back at the end. A real run commits
        # batch by batch, so an interrupted run keeps what it wrote and the next run
        # continues from there.
        with transaction.atomic() if self.dry_run else contextlib.nullcontext():
            steps = [
                self.import_settings,
                self.import_groups,
                self.import_members,
                self.import_avatars,
                self.import_bans,
                self.import_boards,
                self.import_moderators,
                self.import_thread_types,
                self.import_threads,
                self.import_posts,
                self.import_attachments,
                self.import_classified_values,
                self.finish_forum,
                self.import_categories,
                self.import_portal_files,
                self.import_articles,
                self.import_comments,
                self.import_navigation,
            ]
            for step in steps:
                step()
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                self.notes.append(
                    "Run `lanting rebuild_search_index` to make the imported content searchable."
                )
        failures = self.source.decoder.failures
        return {
            "tables": {name: r.as_dict() for name, r in self.reports.items()},
            "undecodable_rows": failures[:200],
            "missing_files": self.missing_files[:200],
            "missing_file_count": len(self.missing_files),
            "notes": self.notes,
            "seconds": round(time.monotonic() - started, 1),
            "dry_run": self.dry_run,
        }

    # -- settings, groups, members ----------------------------------------------------

    def settings_map(self) -> dict[str, str]:
        rows = self.source.fetch(
            f"SELECT skey, svalue FROM {self.source.table('common_setting')} "
            "WHERE skey IN ('bbname', 'sitename', 'timeoffset', 'regstatus')"
        )
        return {bytes(k).decode(): self.source.decoder.text(v, "setting") for k, v in rows}

    def import_settings(self) -> None:
        values = self.settings_map()
        site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
        if values.get("bbname"):
            site.name = values["bbname"][:80]
        if values.get("sitename"):
            site.short_name = values["sitename"][:40]
        if values.get("regstatus") == "0":
            site.registration = SiteSettings.Registration.CLOSED
        site.save()
        offset = values.get("timeoffset", "")
        if offset and offset not in {"0", "9999"}:
            self.notes.append(
                f"The Discuz! site showed times at GMT{int(float(offset)):+d}: set "
                "LANTING_TIME_ZONE to the matching zone (e.g. Asia/Shanghai for +8)."
            )

    def import_groups(self) -> None:
        report = self.reports.setdefault("usergroups", TableReport())
        rows = self.source.fetch(
            f"SELECT groupid, type, grouptitle, creditshigher FROM "
            f"{self.source.table('common_usergroup')} ORDER BY groupid"
        )
        self.group_for: dict[int, MemberGroup] = {}
        by_code = {g.code: g for g in MemberGroup.objects.exclude(code="")}
        for groupid, kind, title, credits in rows:
            report.read += 1
            groupid = int(groupid)
            name = self.source.decoder.text(title, f"usergroup {groupid}")[:40]
            kind = bytes(kind).decode()
            if groupid in SYSTEM_GROUPS:
                self.group_for[groupid] = by_code[SYSTEM_GROUPS[groupid]]
                report.unchanged += 1
                continue
            if kind == "member":
                group = MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK, name=name).first()
                if group is None:
                    group = MemberGroup.objects.create(
                        name=name, kind=MemberGroup.Kind.RANK, min_credits=int(credits)
                    )
                    report.imported += 1
                elif group.min_credits != int(credits):
                    group.min_credits = int(credits)
                    group.save(update_fields=["min_credits"])
                    report.updated += 1
                else:
                    report.unchanged += 1
                self.group_for[groupid] = group
            elif kind == "special":
                group, made = MemberGroup.objects.get_or_create(
                    name=name, kind=MemberGroup.Kind.SPECIAL
                )
                report.imported += int(made)
                report.unchanged += int(not made)
                self.group_for[groupid] = group
            else:
                report.skip("system group with no Lanting equivalent", name)

    def rank_for(self, credits: int) -> MemberGroup | None:
        """The rank a member's credits reach: what ``accounts.services.rank_for`` answers."""
        for group in self.ranks:
            if group.min_credits <= credits:
                return group
        return None

    def import_members(self) -> None:
        self.ranks = list(
            MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK).order_by("-min_credits")
        )
        columns = [
            "uid",
            "username",
            "email",
            "groupid",
            "groupexpiry",
            "regdate",
            "credits",
            "status",
            "adminid",
            "emailstatus",
        ]
        for table, label in (
            ("common_member", "members"),
            ("common_member_archive", "members (archive)"),
        ):
            self.run_table(label, table, columns, "uid", self.member_batch)

    def member_batch(self, rows: list[Row], report: TableReport) -> None:
        uids = [int(r["uid"]) for r in rows]
        uc = {
            int(uid): (self.source.decoder.text(pw, "uc"), self.source.decoder.text(salt, "uc"))
            for uid, pw, salt in self.fetch_in("members", "uid, password, salt", uids, uc=True)
        }
        status = {
            int(u): (lv, ip)
            for u, lv, ip in self.fetch_in("common_member_status", "uid, lastvisit, regip", uids)
        }
        signatures = {
            int(u): s for u, s in self.fetch_in("common_member_field_forum", "uid, sightml", uids)
        }
        taken = {
            name.lower()
            for name in User.objects.filter(
                username__in=[self.source.decoder.text(r["username"], "") for r in rows]
            ).values_list("username", flat=True)
        }
        linked = self.new_ids(LegacyLink.Kind.MEMBER, uids)
        # Who already holds each address (any letter case): one query for the batch.
        wanted = {self.source.decoder.text(r["email"], "").strip().lower() for r in rows} - {""}
        email_holders = dict(
            User.objects.annotate(address=Lower("email"))
            .filter(address__in=wanted)
            .values_list("address", "pk")
        )
        emails_seen: set[str] = set()

        def build(row: Row) -> User:
            uid = int(row["uid"])
            username = self.text(row, "username", f"member {uid}").strip()
            if not username:
                raise SkipRow("empty username")
            if username.lower() in taken and uid not in linked:
                raise SkipRow("username already used by a Lanting member")
            user = User(username=username[:15])
            fill(user, row)
            password, salt = uc.get(uid, ("", ""))
            if password and salt:
                user.password = f"discuz${salt}${password}"
            else:
                user.set_unusable_password()
                report.warn("imported without a password: no UCenter row", str(uid))
            return user

        def fill(user: User, row: Row) -> None:
            uid = int(row["uid"])
            email = self.text(row, "email", f"member {uid}").strip()[:254]
            holder = email_holders.get(email.lower())
            if email.lower() in emails_seen or (email and holder not in {None, user.pk}):
                email = ""  # the address is held by another member: recover by username
            emails_seen.add(email.lower())
            user.email = email
            user.date_joined = stamp(row["regdate"]) or timezone.now()
            lastvisit, _ip = status.get(uid, (0, ""))
            user.last_visit = stamp(lastvisit)
            user.credits = int(row["credits"] or 0)
            user.rank = self.rank_for(user.credits)
            group = self.group_for.get(int(row["groupid"]))
            user.group = group if group and group.kind != MemberGroup.Kind.RANK else None
            user.group_expires_at = stamp(row["groupexpiry"])
            user.is_active = int(row["status"] or 0) != -1  # -1: 锁定 (locked)
            user.is_staff = user.is_superuser = int(row["adminid"] or 0) == 1
            user.email_verified = True
            signature = signatures.get(uid)
            if signature:
                user.signature = html_to_text(self.source.decoder.text(signature, "sig"))[:500]

        before = report.imported
        touched = self.upsert(LegacyLink.Kind.MEMBER, rows, report, "uid", build, fill, User)
        ledger = [
            CreditEntry(
                member=user,
                amount=user.credits,
                reason=CreditEntry.Reason.IMPORT,
                reference=f"discuz:uid:{uid}",
            )
            for uid, user in touched.items()
            if user.credits
        ]
        if len(touched) > report.imported - before:  # some were updated: replace their entry
            CreditEntry.objects.filter(
                reason=CreditEntry.Reason.IMPORT, member__in=list(touched.values())
            ).delete()
        insert_objects(CreditEntry, ledger)

    def fetch_in(
        self, table: str, columns: str, ids: list[int], *, uc: bool = False, key: str = "uid"
    ) -> list[tuple[Any, ...]]:
        if not ids or not self.source.has_table(table, uc=uc):
            return []
        marks = ", ".join(["%s"] * len(ids))
        return self.source.fetch(
            f"SELECT {columns} FROM {self.source.table(table, uc=uc)} WHERE `{key}` IN ({marks})",
            ids,
        )

    # -- avatars --------------------------------------------------------------------

    def import_avatars(self) -> None:
        if self.avatars is None:
            return
        for table, label in (
            ("common_member", "avatars"),
            ("common_member_archive", "avatars (archive)"),
        ):
            self.run_table(label, table, ["uid", "avatarstatus"], "uid", self.avatar_batch)

    def avatar_batch(self, rows: list[Row], report: TableReport) -> None:
        assert self.avatars is not None  # noqa: S101  (import_avatars checked)
        uids = [int(r["uid"]) for r in rows]
        members = self.new_ids(LegacyLink.Kind.MEMBER, uids)
        done = self.links(LegacyLink.Kind.AVATAR, uids)
        with_avatar = set(
            User.objects.filter(pk__in=members.values())
            .exclude(avatar_large="")
            .values_list("pk", flat=True)
        )
        for row in rows:
            uid = int(row["uid"])
            member_id = members.get(uid)
            found = next(
                (
                    p
                    for p in (self.avatars / avatar_path(uid, s) for s in AVATAR_SIZES)
                    if p.is_file()
                ),
                None,
            )
            if found is None:
                if int(row["avatarstatus"] or 0):  # Discuz! says there is one: the file is lost
                    self.missing_files.append(avatar_path(uid, "big"))
                    report.skip("avatar file missing from --avatars", str(uid))
                continue
            if member_id is None:
                report.skip("avatar of a member who was not imported", str(uid))
                continue
            stat = found.stat()
            sum_ = hashlib.md5(
                f"{found.name}:{stat.st_size}:{stat.st_mtime_ns}".encode(), usedforsecurity=False
            ).hexdigest()
            link = done.get(uid)
            if link is not None and link.checksum == sum_ and member_id in with_avatar:
                report.unchanged += 1
                continue
            if self.dry_run:
                report.imported += 1
                continue
            member = User.objects.get(pk=member_id)
            upload = SimpleUploadedFile(found.name, found.read_bytes(), "image/jpeg")
            try:
                set_avatar(member=member, upload=upload)
            except ValidationError:
                report.skip("avatar file unusable (not a picture, or too large)", str(uid))
                continue
            if link is None:
                LegacyLink.objects.create(
                    kind=LegacyLink.Kind.AVATAR, old_id=uid, new_id=member_id, checksum=sum_
                )
                report.imported += 1
            else:
                LegacyLink.objects.filter(pk=link.pk).update(new_id=member_id, checksum=sum_)
                report.updated += 1

    # -- bans ----------------------------------------------------------------------

    def import_bans(self) -> None:
        report = self.reports.setdefault("bans", TableReport())
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
                self.source.fetch(
                    "SELECT operator, reason, dateline FROM "
                    f"{self.source.table('common_member_crime')} "
                    "WHERE uid = %s ORDER BY dateline DESC LIMIT 1",
                    (old_uid,),
                )
                if self.source.has_table("common_member_crime")
                else []
            )
            reason, moderator, started = "Discuz! ban", None, None
            if crime:
                operator, text, when = crime[0]
                reason = self.source.decoder.text(text, "crime")[:255] or reason
                moderator = User.objects.filter(
                    username=self.source.decoder.text(operator, "crime")
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
        self.run_table(
            "IP bans",
            "common_banned",
            ["id", "ip1", "ip2", "ip3", "ip4", "admin", "dateline", "expiration"],
            "id",
            self.ip_ban_batch,
        )

    def ip_ban_batch(self, rows: list[Row], report: TableReport) -> None:
        def build(row: Row) -> Ban:
            parts = [int(row[f"ip{n}"]) for n in range(1, 5)]
            # Discuz! writes a wildcard octet as -1: 1.2.-1.-1 is 1.2.0.0/16.
            fixed = 0
            for part in parts:
                if part < 0:
                    break
                fixed += 1
            if any(p >= 0 for p in parts[fixed:]) or any(p > 255 for p in parts):
                raise SkipRow("IP ban not expressible as a network")
            address = ".".join(str(p if p >= 0 else 0) for p in parts)
            network = ipaddress.ip_network(f"{address}/{fixed * 8}", strict=False)
            if fixed == 0:
                raise SkipRow("IP ban of every address")
            admin = User.objects.filter(username=self.text(row, "admin", "ban")).first()
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

        self.upsert(LegacyLink.Kind.BAN, rows, report, "id", build, update, Ban)

    # -- forum ---------------------------------------------------------------------

    def import_boards(self) -> None:
        report = self.reports.setdefault("forums", TableReport())
        rows = self.source.fetch(
            f"SELECT f.fid, f.fup, f.type, f.name, f.displayorder, f.status, ff.description, "
            f"ff.rules FROM {self.source.table('forum_forum')} f LEFT JOIN "
            f"{self.source.table('forum_forumfield')} ff ON ff.fid = f.fid ORDER BY f.fid"
        )
        entries = [
            dict(
                zip(
                    ["fid", "fup", "type", "name", "order", "status", "description", "rules"],
                    r,
                    strict=True,
                )
            )
            for r in rows
        ]
        groups = [e for e in entries if bytes(e["type"]) == b"group"]
        boards = [e for e in entries if bytes(e["type"]) == b"forum"]
        subs = [e for e in entries if bytes(e["type"]) == b"sub"]
        report.read = len(entries)

        def build_section(row: Row) -> Section:
            return Section(
                name=self.text(row, "name", "forum")[:60], order=int(row["order"]) % 32767
            )

        def update_section(section: Section, row: Row) -> None:
            section.name, section.order = (
                self.text(row, "name", "forum")[:60],
                int(row["order"]) % 32767,
            )

        self.upsert(
            LegacyLink.Kind.SECTION, groups, report, "fid", build_section, update_section, Section
        )
        sections = self.new_ids(LegacyLink.Kind.SECTION, (g["fid"] for g in groups))
        fallback: Section | None = None

        def section_for(row: Row) -> int:
            nonlocal fallback
            if int(row["fup"]) in sections:
                return sections[int(row["fup"])]
            if fallback is None:
                fallback, _ = Section.objects.get_or_create(name="Discuz!")
            return fallback.pk

        def fill_board(board: Board, row: Row) -> None:
            board.name = self.text(row, "name", "forum")[:60]
            board.description = html_to_text(self.text(row, "description", "forum"))[:255]
            board.rules = html_to_text(self.text(row, "rules", "forum"))
            board.order = int(row["order"]) % 32767

        def build_board(row: Row) -> Board:
            board = Board(section_id=section_for(row), slug=f"f{int(row['fid'])}")
            fill_board(board, row)
            if int(row["status"]) == 0:
                board.description = (board.description + " (hidden on Discuz!)").strip()[:255]
            return board

        self.upsert(LegacyLink.Kind.BOARD, boards, report, "fid", build_board, fill_board, Board)
        parents = self.new_ids(LegacyLink.Kind.BOARD, (b["fid"] for b in boards))

        def build_sub(row: Row) -> Board:
            parent_id = parents.get(int(row["fup"]))
            if parent_id is None:
                raise SkipRow("sub-forum whose parent forum is missing")
            board = build_board(row)
            board.parent_id = parent_id
            board.section_id = Board.objects.values_list("section_id", flat=True).get(pk=parent_id)
            return board

        self.upsert(LegacyLink.Kind.BOARD, subs, report, "fid", build_sub, fill_board, Board)

    def import_moderators(self) -> None:
        report = self.reports.setdefault("moderators", TableReport())
        rows = self.source.fetch(f"SELECT uid, fid FROM {self.source.table('forum_moderator')}")
        members = self.new_ids(LegacyLink.Kind.MEMBER, (r[0] for r in rows))
        boards = self.new_ids(LegacyLink.Kind.BOARD, (r[1] for r in rows))
        through = Board.moderators.through
        wanted = []
        for uid, fid in rows:
            report.read += 1
            if int(uid) in members and int(fid) in boards:
                wanted.append(through(board_id=boards[int(fid)], user_id=members[int(uid)]))
            else:
                report.skip("moderator of a missing member or forum", f"{uid}@{fid}")
        existing = set(through.objects.values_list("board_id", "user_id"))
        fresh = [w for w in wanted if (w.board_id, w.user_id) not in existing]
        through.objects.bulk_create(fresh)
        report.imported += len(fresh)
        report.unchanged += len(wanted) - len(fresh)

    def import_thread_types(self) -> None:
        report = self.reports.setdefault("thread types", TableReport())
        if not self.source.has_table("forum_threadclass"):
            return
        rows = self.source.fetch(
            f"SELECT typeid, fid, name, displayorder FROM {self.source.table('forum_threadclass')}"
        )
        boards = self.new_ids(LegacyLink.Kind.BOARD, (r[1] for r in rows))
        self.type_for: dict[int, int] = {}
        for typeid, fid, name, order in rows:
            report.read += 1
            board_id = boards.get(int(fid))
            if board_id is None:
                report.skip("thread type of a missing forum", str(typeid))
                continue
            label = html_to_text(self.source.decoder.text(name, "type"))[:40]
            thread_type, made = ThreadType.objects.get_or_create(
                board_id=board_id, name=label, defaults={"order": int(order) % 32767}
            )
            self.type_for[int(typeid)] = thread_type.pk
            report.imported += int(made)
            report.unchanged += int(not made)
        # Classified-info options: fields of the boards whose threads use them.
        self.option_for: dict[int, tuple[str, str]] = {}
        if self.source.has_table("forum_typeoption"):
            for optionid, title, identifier in self.source.fetch(
                f"SELECT optionid, title, identifier FROM {self.source.table('forum_typeoption')}"
            ):
                self.option_for[int(optionid)] = (
                    self.source.decoder.text(identifier, "option") or f"o{optionid}",
                    self.source.decoder.text(title, "option"),
                )

    def import_threads(self) -> None:
        columns = [
            "tid",
            "fid",
            "typeid",
            "author",
            "authorid",
            "subject",
            "dateline",
            "lastpost",
            "lastposter",
            "views",
            "replies",
            "displayorder",
            "digest",
            "closed",
        ]
        self.run_table("threads", "forum_thread", columns, "tid", self.thread_batch)

    def thread_batch(self, rows: list[Row], report: TableReport) -> None:
        boards = self.new_ids(LegacyLink.Kind.BOARD, (r["fid"] for r in rows))
        members = self.new_ids(LegacyLink.Kind.MEMBER, (r["authorid"] for r in rows))
        types = getattr(self, "type_for", {})

        def fill(thread: Thread, row: Row) -> None:
            tid = int(row["tid"])
            thread.title = html_to_text(self.text(row, "subject", f"thread {tid}"))[:200] or "—"
            thread.author_id = members.get(int(row["authorid"]))
            thread.author_name = self.text(row, "author", f"thread {tid}")[:40] or "匿名"
            thread.thread_type_id = types.get(int(row["typeid"] or 0))
            thread.created_at = stamp(row["dateline"]) or timezone.now()
            thread.last_post_at = stamp(row["lastpost"]) or thread.created_at
            thread.last_poster_name = self.text(row, "lastposter", f"thread {tid}")[:40]
            thread.views = max(int(row["views"] or 0), 0)
            order = int(row["displayorder"])
            thread.sticky = {1: 1, 2: 1, 3: 3}.get(order, 0)
            thread.is_deleted = (
                order < 0
            )  # -1 recycle bin, -2 awaiting review, -3 ignored, -4 draft
            thread.digest = min(max(int(row["digest"] or 0), 0), 3)
            thread.is_closed = int(row["closed"] or 0) == 1

        def build(row: Row) -> Thread:
            board_id = boards.get(int(row["fid"]))
            if board_id is None:
                raise SkipRow("thread whose forum was deleted")
            if int(row["closed"] or 0) > 1:
                raise SkipRow("moved-thread pointer (its target thread is imported)")
            thread = Thread(board_id=board_id)
            fill(thread, row)
            return thread

        self.upsert(LegacyLink.Kind.THREAD, rows, report, "tid", build, fill, Thread)

    def import_posts(self) -> None:
        columns = [
            "pid",
            "tid",
            "first",
            "author",
            "authorid",
            "dateline",
            "message",
            "useip",
            "invisible",
            "anonymous",
            "position",
            "attachment",
            "htmlon",
        ]
        self.run_table("posts", "forum_post", columns, "pid", self.post_batch)

    def post_batch(self, rows: list[Row], report: TableReport) -> None:
        threads = self.new_ids(LegacyLink.Kind.THREAD, (r["tid"] for r in rows))
        members = self.new_ids(LegacyLink.Kind.MEMBER, (r["authorid"] for r in rows))

        def fill(post: Post, row: Row) -> None:
            pid = int(row["pid"])
            post.body = self.text(row, "message", f"post {pid}")
            anonymous = int(row["anonymous"] or 0) == 1
            post.author_id = None if anonymous else members.get(int(row["authorid"]))
            name = self.text(row, "author", f"post {pid}")[:40]
            post.author_name = "匿名" if anonymous or not name else name
            if post.author_id is None and not anonymous and int(row["authorid"] or 0):
                report.warn("author no longer exists (post kept, name shown)", str(pid))
            post.created_at = stamp(row["dateline"]) or timezone.now()
            ip = self.text(row, "useip", "ip")
            try:
                post.ip_address = str(ipaddress.ip_address(ip)) if ip else None
            except ValueError:
                post.ip_address = None
            post.is_deleted = int(row["invisible"] or 0) < 0
            if int(row["htmlon"] or 0):
                post.markup = Post.Markup.BBCODE
                post.body_html = sanitize_html(post.body)
            else:
                post.body_html = render_bbcode(post.body)
            post.revealed_html = (
                render_body(Post.Markup.BBCODE, post.body, hide_visible=True)
                if has_hidden_part(Post.Markup.BBCODE, post.body)
                else ""
            )

        def build(row: Row) -> Post:
            thread_id = threads.get(int(row["tid"]))
            if thread_id is None:
                raise SkipRow("post whose thread was not imported")
            position = int(row["position"] or 0)
            # X3.4 numbers floors per thread; where a row has none, its pid is
            # unique within the thread too and keeps the order.
            post = Post(thread_id=thread_id, position=position or int(row["pid"]))
            fill(post, row)
            return post

        self.upsert(LegacyLink.Kind.POST, rows, report, "pid", build, fill, Post)

    def import_attachments(self) -> None:
        self.run_table(
            "attachments",
            "forum_attachment",
            ["aid", "tid", "pid", "uid", "tableid", "downloads"],
            "aid",
            self.attachment_batch,
        )

    def attachment_batch(self, rows: list[Row], report: TableReport) -> None:
        details: dict[int, tuple[Any, ...]] = {}
        by_table: dict[int, list[int]] = defaultdict(list)
        for row in rows:
            by_table[int(row["tableid"]) % 10].append(int(row["aid"]))
        for tableid, aids in by_table.items():
            for found in self.fetch_in(
                f"forum_attachment_{tableid}",
                "aid, dateline, filename, filesize, attachment, isimage, width, remote",
                aids,
                key="aid",
            ):
                details[int(found[0])] = found
        posts = self.new_ids(LegacyLink.Kind.POST, (r["pid"] for r in rows))
        members = self.new_ids(LegacyLink.Kind.MEMBER, (r["uid"] for r in rows))

        def fill(item: Attachment, row: Row) -> None:
            item.downloads = max(int(row["downloads"] or 0), 0)

        def build(row: Row) -> Attachment:
            aid = int(row["aid"])
            detail = details.get(aid)
            post_id = posts.get(int(row["pid"]))
            if detail is None:
                raise SkipRow("attachment row without details")
            if post_id is None:
                raise SkipRow("attachment of a post that was not imported")
            _aid, dateline, filename, size, path, isimage, width, remote = detail
            name = self.source.decoder.text(filename, f"attachment {aid}")[:200] or f"file-{aid}"
            relative = self.source.decoder.text(path, f"attachment {aid}")
            if int(remote or 0):
                raise SkipRow("attachment kept on remote FTP storage")
            source_file = (self.attachments / "forum" / relative) if self.attachments else None
            if source_file is None or not source_file.is_file():
                self.missing_files.append(f"forum/{relative}")
                raise SkipRow("file missing from --attachments")
            item = Attachment(
                post_id=post_id,
                uploader_id=members.get(int(row["uid"])),
                name=name,
                size=int(size or 0),
                is_image=int(isimage or 0) != 0,
                width=int(width or 0) or None,
                created_at=stamp(dateline) or timezone.now(),
            )
            item.content_type = _guess_type(name)
            fill(item, row)
            if not self.dry_run:
                with source_file.open("rb") as handle:
                    item.file.save(name, ContentFile(handle.read()), save=False)
            return item

        self.upsert(LegacyLink.Kind.ATTACHMENT, rows, report, "aid", build, fill, Attachment)

    def import_classified_values(self) -> None:
        report = self.reports.setdefault("classified values", TableReport())
        if not self.source.has_table("forum_typeoptionvar") or not getattr(self, "option_for", {}):
            return
        for batch in self.source.batches(
            "forum_typeoptionvar", ["tid", "optionid", "value"], key="tid", batch=BATCH
        ):
            # keyset on tid alone would skip rows sharing a tid across batches:
            # fetch every option row of the batch's threads at once instead.
            tids = sorted({int(r["tid"]) for r in batch})
            rows = self.fetch_in("forum_typeoptionvar", "tid, optionid, value", tids, key="tid")
            threads = self.new_ids(LegacyLink.Kind.THREAD, tids)
            values: dict[int, dict[str, str]] = defaultdict(dict)
            for tid, optionid, value in rows:
                report.read += 1
                option = self.option_for.get(int(optionid))
                if option is None or int(tid) not in threads:
                    report.skip("value of a missing option or thread")
                    continue
                values[threads[int(tid)]][option[0]] = self.source.decoder.text(value, "option")[
                    :200
                ]
            with transaction.atomic():
                for thread in Thread.objects.filter(pk__in=values).select_related("board"):
                    thread.fields = values[thread.pk]
                    thread.save(update_fields=["fields"])
                    for name in values[thread.pk]:
                        label = next((o[1] for o in self.option_for.values() if o[0] == name), name)
                        ThreadField.objects.get_or_create(
                            board=thread.board, name=name[:30], defaults={"label": label[:40]}
                        )
                    report.imported += 1

    def finish_forum(self) -> None:
        """Counters, floors and [attach] references, once the rows are in."""
        thread_ids = list(
            LegacyLink.objects.filter(kind=LegacyLink.Kind.THREAD).values_list("new_id", flat=True)
        )
        # Grouped counts, written back by id: correlated subqueries per thread were
        # slow on PostgreSQL right after a bulk load, before its statistics catch up.
        for start in range(0, len(thread_ids), 20000):
            chunk = thread_ids[start : start + 20000]
            counts = (
                Post.objects.filter(thread_id__in=chunk)
                .order_by()
                .values("thread_id")
                .annotate(live=Count("pk", filter=Q(is_deleted=False)), top=Max("position"))
                .values_list("thread_id", "live", "top")
            )
            found = {tid: (live, top) for tid, live, top in counts}
            update_rows(
                Thread,
                ["reply_count", "last_position"],
                [
                    (max(found.get(tid, (1, 1))[0] - 1, 0), found.get(tid, (1, 1))[1] or 1, tid)
                    for tid in chunk
                ],
            )
        # Posts that place attachments inline: old aids become new attachment ids.
        attachment_links = dict(
            LegacyLink.objects.filter(kind=LegacyLink.Kind.ATTACHMENT).values_list(
                "old_id", "new_id"
            )
        )
        with_files = Post.objects.filter(
            pk__in=Attachment.objects.filter(pk__in=list(attachment_links.values())).values(
                "post_id"
            )
        )
        for post in with_files.iterator(chunk_size=500):
            body = _ATTACH.sub(
                lambda m: (
                    f"[attach]{attachment_links.get(int(m.group(1)), int(m.group(1)))}[/attach]"
                ),
                post.body,
            )
            files = list(post.attachments.all())
            post.body = body
            post.body_html = render_body(post.markup, body, files)
            post.save(update_fields=["body", "body_html"])
        self.recount_boards(
            list(
                LegacyLink.objects.filter(kind=LegacyLink.Kind.BOARD).values_list(
                    "new_id", flat=True
                )
            )
        )
        members = LegacyLink.objects.filter(kind=LegacyLink.Kind.MEMBER).values_list(
            "new_id", flat=True
        )
        written = _count_by(
            Post.objects.filter(is_deleted=False, author__isnull=False), "author_id"
        )
        update_rows(User, ["post_count"], [(written.get(pk, 0), pk) for pk in members])

    def recount_boards(self, board_ids: list[int]) -> None:
        """What ``forum.services.recount_board`` does, for every board in a few grouped queries.

        Board by board, each count walks that board's posts; at a thousand boards
        and a million posts that took longer than the import itself.
        """
        today = timezone.localdate()
        midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
        threads = _count_by(
            Thread.objects.filter(board_id__in=board_ids, is_deleted=False), "board_id"
        )
        live = Post.objects.filter(
            thread__board_id__in=board_ids, thread__is_deleted=False, is_deleted=False
        ).order_by()
        posts = _count_by(live, "thread__board_id")
        fresh = _count_by(live.filter(created_at__gte=midnight), "thread__board_id")
        boards = list(Board.objects.filter(pk__in=board_ids))
        for board in boards:
            latest = (
                Thread.objects.filter(board_id=board.pk, is_deleted=False)
                .order_by("-last_post_at", "-pk")
                .only("pk", "title", "last_poster_name", "last_post_at")
                .first()
            )
            board.thread_count = threads.get(board.pk, 0)
            board.post_count = posts.get(board.pk, 0)
            board.today_posts, board.today = fresh.get(board.pk, 0), today
            board.last_thread = latest
            board.last_thread_title = latest.title if latest else ""
            board.last_poster_name = latest.last_poster_name if latest else ""
            board.last_post_at = latest.last_post_at if latest else None
        Board.objects.bulk_update(
            boards,
            [
                "thread_count",
                "post_count",
                "today_posts",
                "today",
                "last_thread",
                "last_thread_title",
                "last_poster_name",
                "last_post_at",
            ],
            batch_size=200,
        )
        touch("forum", *(f"board:{pk}" for pk in board_ids))

    # -- portal --------------------------------------------------------------------

    def import_categories(self) -> None:
        report = self.reports.setdefault("portal categories", TableReport())
        rows = [
            dict(zip(["catid", "upid", "catname", "displayorder", "description"], r, strict=True))
            for r in self.source.fetch(
                f"SELECT catid, upid, catname, displayorder, description FROM "
                f"{self.source.table('portal_category')} ORDER BY upid, catid"
            )
        ]
        report.read = len(rows)

        def fill(category: Category, row: Row) -> None:
            category.name = self.text(row, "catname", "category")[:60]
            category.order = int(row["displayorder"]) % 32767
            category.description = html_to_text(self.text(row, "description", "category"))[:255]

        def build(row: Row) -> Category:
            category = Category(slug=f"c{int(row['catid'])}")
            fill(category, row)
            return category

        self.upsert(LegacyLink.Kind.CATEGORY, rows, report, "catid", build, fill, Category)
        ids = self.new_ids(LegacyLink.Kind.CATEGORY, (r["catid"] for r in rows))
        for row in rows:
            parent = ids.get(int(row["upid"]))
            if parent and int(row["catid"]) in ids:
                Category.objects.filter(pk=ids[int(row["catid"])]).update(parent_id=parent)

    def import_articles(self) -> None:
        columns = [
            "aid",
            "catid",
            "uid",
            "username",
            "title",
            "author",
            "from",
            "fromurl",
            "url",
            "summary",
            "allowcomment",
            "dateline",
            "status",
            "pic",
            "remote",
        ]
        self.run_table("articles", "portal_article_title", columns, "aid", self.article_batch)

    def article_batch(self, rows: list[Row], report: TableReport) -> None:
        aids = [int(r["aid"]) for r in rows]
        pages: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for aid, title, content, order in self.fetch_in(
            "portal_article_content", "aid, title, content, pageorder", aids, key="aid"
        ):
            pages[int(aid)].append(
                (
                    int(order),
                    self.source.decoder.text(title, "page"),
                    self.source.decoder.text(content, f"article {aid}"),
                )
            )
        views = {
            int(a): int(v)
            for a, v in self.fetch_in("portal_article_count", "aid, viewnum", aids, key="aid")
        }
        uploads = {
            int(attachid): self.source.decoder.text(path, "portal attachment")
            for attachid, path in self.fetch_in(
                "portal_attachment", "attachid, attachment", aids, key="aid"
            )
        }
        categories = self.new_ids(LegacyLink.Kind.CATEGORY, (r["catid"] for r in rows))
        members = self.new_ids(LegacyLink.Kind.MEMBER, (r["uid"] for r in rows))
        publisher_fallback = User.objects.filter(is_superuser=True).order_by("pk").first()

        def fill(article: Article, row: Row) -> None:
            aid = int(row["aid"])
            article.title = html_to_text(self.text(row, "title", f"article {aid}"))[:200]
            body = "".join(
                (f"<h2>{title}</h2>" if title else "") + content
                for _order, title, content in sorted(pages.get(aid, []))
            )
            url = self.text(row, "url", "article")
            if url.startswith(("http://", "https://")):
                body += f'<p><a href="{url}">{url}</a></p>'  # Discuz! 外链文章: an external link
            article.body = self.portal_links(body, uploads) or "<p></p>"
            article.body_format = Article.Format.HTML
            article.summary = html_to_text(self.text(row, "summary", "article"))[:500]
            article.original_author = self.text(row, "author", "article")[:100]
            article.source_name = self.text(row, "from", "article")[:100]
            from_url = self.text(row, "fromurl", "article")
            article.source_url = from_url if from_url.startswith(("http://", "https://")) else ""
            article.allow_comments = int(row["allowcomment"] or 0) == 1
            article.published_at = stamp(row["dateline"]) or timezone.now()
            article.status = (
                Article.Status.PUBLISHED if int(row["status"] or 0) == 0 else Article.Status.DRAFT
            )
            article.views = views.get(aid, 0)
            pic = self.text(row, "pic", f"article {aid}")
            cover = None
            if pic and not int(row["remote"] or 0):
                # Discuz! keeps the cover as "portal/201902/20/x.jpg" under data/attachment.
                cover = self.store_portal_file(pic.removeprefix("portal/"))
                if cover is None:
                    self.missing_files.append(f"portal/{pic.removeprefix('portal/')}")
                    report.warn("cover image missing from --attachments", str(aid))
            article.cover = cover or ""
            render_article(article)

        def build(row: Row) -> Article:
            category_id = categories.get(int(row["catid"]))
            if category_id is None:
                raise SkipRow("article whose category was deleted")
            publisher_id = members.get(int(row["uid"])) or (
                publisher_fallback.pk if publisher_fallback else None
            )
            if publisher_id is None:
                raise SkipRow("article whose publisher no longer exists")
            article = Article(category_id=category_id, publisher_id=publisher_id)
            fill(article, row)
            return article

        self.upsert(LegacyLink.Kind.ARTICLE, rows, report, "aid", build, fill, Article)

    def store_portal_file(self, relative: str) -> str | None:
        """Copy ``<attachments>/portal/<relative>`` into storage once; its name there, or None."""
        if not _SAFE_PATH.match(relative) or ".." in relative or self.attachments is None:
            return None
        name = f"portal/discuz/{relative}"
        if name in self.stored_portal:
            return name
        source_file = self.attachments / "portal" / relative
        if not source_file.is_file():
            return None
        if not self.dry_run and not default_storage.exists(name):
            with source_file.open("rb") as handle:
                name = default_storage.save(name, File(handle))
        self.stored_portal.add(name)
        return name

    def portal_links(self, body: str, uploads: dict[int, str]) -> str:
        """Point an article's images and file links at the copies in Lanting's storage."""

        def stored_url(relative: str) -> str | None:
            name = self.store_portal_file(relative.removesuffix(".thumb.jpg"))
            return default_storage.url(name) if name else None

        def image(match: re.Match[str]) -> str:
            return stored_url(match.group(1)) or match.group(0)

        def download(match: re.Match[str]) -> str:
            relative = uploads.get(int(match.group(1)))
            return (stored_url(relative) if relative else None) or match.group(0)

        return _PORTAL_DOWNLOAD.sub(download, _PORTAL_FILE.sub(image, body))

    def import_portal_files(self) -> None:
        self.run_table(
            "portal attachments",
            "portal_attachment",
            ["attachid", "aid", "attachment", "remote"],
            "attachid",
            self.portal_file_batch,
        )

    def portal_file_batch(self, rows: list[Row], report: TableReport) -> None:
        """The files an article's body and cover use are copied with the article; this
        copies the rest (and counts every file), so none is left behind."""
        ids = [int(r["attachid"]) for r in rows]
        done = self.links(LegacyLink.Kind.PORTAL_FILE, ids)
        articles = self.new_ids(LegacyLink.Kind.ARTICLE, (r["aid"] for r in rows))
        fresh: list[LegacyLink] = []
        for row in rows:
            attachid = int(row["attachid"])
            relative = self.text(row, "attachment", f"portal attachment {attachid}")
            if int(row["remote"] or 0):
                report.skip("attachment kept on remote FTP storage", str(attachid))
                continue
            name = self.store_portal_file(relative)
            if name is None:
                self.missing_files.append(f"portal/{relative}")
                report.skip("file missing from --attachments", str(attachid))
                continue
            sum_ = digest(row)
            link = done.get(attachid)
            if link is not None and link.checksum == sum_:
                report.unchanged += 1
                continue
            new_id = articles.get(int(row["aid"]), 0)  # 0: uploaded, never published
            if link is not None:
                LegacyLink.objects.filter(pk=link.pk).update(new_id=new_id, checksum=sum_)
                report.updated += 1
            else:
                fresh.append(
                    LegacyLink(
                        kind=LegacyLink.Kind.PORTAL_FILE,
                        old_id=attachid,
                        new_id=new_id,
                        checksum=sum_,
                    )
                )
        LegacyLink.objects.bulk_create(fresh)
        report.imported += len(fresh)

    def import_comments(self) -> None:
        self.run_table(
            "article comments",
            "portal_comment",
            ["cid", "uid", "username", "id", "idtype", "postip", "dateline", "status", "message"],
            "cid",
            self.comment_batch,
            where="idtype = 'aid'",
        )
        recount_comments(
            article_ids=list(
                LegacyLink.objects.filter(kind=LegacyLink.Kind.ARTICLE).values_list(
                    "new_id", flat=True
                )
            )
        )

    def comment_batch(self, rows: list[Row], report: TableReport) -> None:
        articles = self.new_ids(LegacyLink.Kind.ARTICLE, (r["id"] for r in rows))
        members = self.new_ids(LegacyLink.Kind.MEMBER, (r["uid"] for r in rows))

        def fill(comment: Comment, row: Row) -> None:
            text = html_to_text(self.text(row, "message", f"comment {row['cid']}"))
            comment.body = text[:5000] or "—"
            comment.body_html = plain_text_to_html(comment.body)
            comment.is_public = int(row["status"] or 0) == 0
            comment.created_at = stamp(row["dateline"]) or timezone.now()

        def build(row: Row) -> Comment:
            article_id = articles.get(int(row["id"]))
            author_id = members.get(int(row["uid"]))
            if article_id is None:
                raise SkipRow("comment on an article that was not imported")
            if author_id is None:
                raise SkipRow("comment by a guest or a deleted member")
            comment = Comment(article_id=article_id, author_id=author_id)
            fill(comment, row)
            return comment

        self.upsert(LegacyLink.Kind.COMMENT, rows, report, "cid", build, fill, Comment)

    # -- navigation ------------------------------------------------------------------

    def import_navigation(self) -> None:
        report = self.reports.setdefault("navigation", TableReport())
        rows = self.source.fetch(
            f"SELECT id, name, url, navtype, available, displayorder, identifier, target "
            f"FROM {self.source.table('common_nav')} WHERE navtype IN (0, 1) ORDER BY id"
        )
        sections = {
            "portal.php": "portal:home",
            "forum.php": "forum:index",
            "darkroom": "moderation:darkroom",
            "archiver": "archiver:index",
            "mobile": "core:mobile",
        }
        for nav_id, name, url, navtype, available, order, identifier, target in rows:
            report.read += 1
            if int(available) != 1:
                report.skip("switched off on Discuz!")
                continue
            label = html_to_text(self.source.decoder.text(name, "nav"))[:60]
            link = self.source.decoder.text(url, "nav")
            ident = self.source.decoder.text(identifier, "nav")
            section = sections.get(ident) or sections.get(link, "")
            if not section and not link.startswith(("http://", "https://")):
                report.skip("Discuz!-only page (no Lanting equivalent)", label)
                continue
            location = NavItem.Location.MAIN if int(navtype) == 0 else NavItem.Location.FOOTER
            existing = self.links(LegacyLink.Kind.NAV, [int(nav_id)])
            values = {
                "label": label,
                "location": location,
                "section": section,
                "url": "" if section else link,
                "order": int(order) % 32767,
                "new_tab": int(target or 0) == 1,
            }
            if existing:
                NavItem.objects.filter(pk=existing[int(nav_id)].new_id).update(**values)
                report.unchanged += 1
                continue
            item = NavItem.objects.create(**values)
            LegacyLink.objects.create(kind=LegacyLink.Kind.NAV, old_id=int(nav_id), new_id=item.pk)
            report.imported += 1


class SkipRow(Exception):  # noqa: N818  (a signal, not an error)
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def render_bbcode(body: str) -> str:
    """``render_body`` for a BBCode post, with a short cut for plain text.

    Most replies are a line or two of text with no tag and no smiley; the full
    parser and sanitizer are most of the time a post takes to import. For such a
    body this gives the same HTML: Discuz!'s nl2br with runs of spaces kept, and
    no-break spaces written as the sanitizer writes them.
    """
    if not _PLAIN_TEXT.fullmatch(body):
        return render_body(Post.Markup.BBCODE, body)
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\n").removesuffix("\n")
    escaped = html.escape(text, quote=False).replace("\t", "    ")
    if "  " in escaped:
        escaped = _SPACE_RUN.sub(lambda run: "\xa0" * (len(run[0]) - 1) + " ", escaped)
    return escaped.replace("\n", "<br>").replace("\xa0", "&nbsp;")


def avatar_path(uid: int, size: str) -> str:
    """Where UCenter keeps a member's avatar: uid 123 → 000/00/01/23_avatar_big.jpg."""
    digits = f"{uid:09d}"
    return f"{digits[:3]}/{digits[3:5]}/{digits[5:7]}/{digits[7:]}_avatar_{size}.jpg"


def _guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _count_by(rows: QuerySet[Any], field: str) -> dict[int, int]:
    """How many of ``rows`` there are for each value of ``field``, in one grouped query."""
    return dict(rows.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))
