"""Members and their groups from Discuz!: user groups, members with their UCenter
passwords and credits, and avatars from the UCenter folder."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.accounts.models import USERNAME_MAX_LENGTH, CreditEntry, MemberGroup, User
from lanting.accounts.services import set_avatar
from lanting.importers.discuz.bulk import insert_objects
from lanting.importers.discuz.indexing import index_members
from lanting.importers.discuz.links import Row, SkipRow, TableReport, links, new_ids, upsert
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.markup.text import html_to_text

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


def import_groups(run: RunState) -> None:
    report = run.report("usergroups")
    rows = run.source.fetch(
        f"SELECT groupid, type, grouptitle, creditshigher, allowsendpm FROM "
        f"{run.source.table('common_usergroup')} ORDER BY groupid"
    )
    by_code = {g.code: g for g in MemberGroup.objects.exclude(code="")}
    for groupid, kind, title, credits, sends_pm in rows:
        report.read += 1
        groupid = int(groupid)
        name = run.source.decoder.text(title, f"usergroup {groupid}")[:40]
        kind = bytes(kind).decode()
        if groupid in SYSTEM_GROUPS:
            run.group_for[groupid] = by_code[SYSTEM_GROUPS[groupid]]
            report.unchanged += 1
            continue
        if kind == "member":
            group = MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK, name=name).first()
            may_message = bool(int(sends_pm or 0))  # allowsendpm: may write private messages
            if group is None:
                group = MemberGroup.objects.create(
                    name=name,
                    kind=MemberGroup.Kind.RANK,
                    min_credits=int(credits),
                    can_message=may_message,
                )
                report.imported += 1
            elif group.min_credits != int(credits) or group.can_message != may_message:
                group.min_credits, group.can_message = int(credits), may_message
                group.save(update_fields=["min_credits", "can_message"])
                report.updated += 1
            else:
                report.unchanged += 1
            run.group_for[groupid] = group
        elif kind == "special":
            group, made = MemberGroup.objects.get_or_create(
                name=name,
                kind=MemberGroup.Kind.SPECIAL,
                defaults={"can_message": bool(int(sends_pm or 0))},
            )
            report.imported += int(made)
            report.unchanged += int(not made)
            run.group_for[groupid] = group
        else:
            report.skip(gettext_noop("system group with no Lanting equivalent"), name)


def rank_for(run: RunState, credits: int) -> MemberGroup | None:
    """The rank a member's credits reach: what ``accounts.services.rank_for`` answers."""
    for group in run.ranks:
        if group.min_credits <= credits:
            return group
    return None


def import_members(run: RunState) -> None:
    run.ranks = list(
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
        run.import_table(label, table, columns, "uid", member_batch)


def member_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    uids = [int(r["uid"]) for r in rows]
    uc = {
        int(uid): (run.source.decoder.text(pw, "uc"), run.source.decoder.text(salt, "uc"))
        for uid, pw, salt in run.fetch_in("members", "uid, password, salt", uids, uc=True)
    }
    status = {
        int(u): (lv, ip)
        for u, lv, ip in run.fetch_in("common_member_status", "uid, lastvisit, regip", uids)
    }
    signatures = {
        int(u): s for u, s in run.fetch_in("common_member_field_forum", "uid, sightml", uids)
    }
    # Usernames are unique whatever their letter case, here as on a Discuz! site with
    # a case-insensitive collation; but its archive table, a binary collation or a
    # latin1 table holding GBK let "Kate" and "kate" both exist there.
    holders = dict(
        User.objects.annotate(name=Lower("username"))
        .filter(name__in=[_username(run, r).lower() for r in rows])
        .values_list("name", "pk")
    )
    imported_holders = set(
        LegacyLink.objects.filter(
            kind=LegacyLink.Kind.MEMBER, new_id__in=list(holders.values())
        ).values_list("new_id", flat=True)
    )
    claimed: set[str] = set()  # names this batch gives out
    # Who already holds each address (any letter case): one query for the batch.
    wanted = {run.source.decoder.text(r["email"], "").strip().lower() for r in rows} - {""}
    email_holders = dict(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=wanted)
        .values_list("address", "pk")
    )
    emails_seen: set[str] = set()

    def build(row: Row) -> User:
        uid = int(row["uid"])
        username = run.text(row, "username", f"member {uid}").strip()
        if not username:
            raise SkipRow(gettext_noop("empty username"))
        username = username[:USERNAME_MAX_LENGTH]
        holder = holders.get(username.lower())
        if holder is not None and holder not in imported_holders:
            # A member who registered on Lanting: the name is theirs.
            raise SkipRow(gettext_noop("username already used by a Lanting member"))
        if holder is not None or username.lower() in claimed:
            # Another old member has it, in another letter case: both keep their
            # accounts, this one under the name with its uid (the same on every run).
            renamed = _with_uid(username, uid)
            if renamed.lower() in claimed or User.objects.filter(username__iexact=renamed).exists():
                raise SkipRow(gettext_noop("username taken, also with the uid added"))
            report.warn(
                gettext_noop("renamed: another old member has this username, letter case aside"),
                f"{uid}: {username} → {renamed}",
            )
            username = renamed
        claimed.add(username.lower())
        user = User(username=username)
        fill(user, row)
        password, salt = uc.get(uid, ("", ""))
        if password and salt:
            user.password = f"discuz${salt}${password}"
        else:
            user.set_unusable_password()
            report.warn(gettext_noop("imported without a password: no UCenter row"), str(uid))
        return user

    def fill(user: User, row: Row) -> None:
        uid = int(row["uid"])
        email = run.text(row, "email", f"member {uid}").strip()[:254]
        holder = email_holders.get(email.lower())
        if email.lower() in emails_seen or (email and holder not in {None, user.pk}):
            email = ""  # the address is held by another member: recover by username
        emails_seen.add(email.lower())
        user.email = email
        user.date_joined = stamp(row["regdate"]) or timezone.now()
        lastvisit, _ip = status.get(uid, (0, ""))
        user.last_visit = stamp(lastvisit)
        user.credits = int(row["credits"] or 0)
        user.rank = rank_for(run, user.credits)
        group = run.group_for.get(int(row["groupid"]))
        user.group = group if group and group.kind != MemberGroup.Kind.RANK else None
        user.group_expires_at = stamp(row["groupexpiry"])
        user.is_active = int(row["status"] or 0) != -1  # -1: 锁定 (locked)
        user.is_staff = user.is_superuser = int(row["adminid"] or 0) == 1
        user.email_verified = True
        signature = signatures.get(uid)
        if signature:
            user.signature = html_to_text(run.source.decoder.text(signature, "sig"))[:500]

    before = report.imported
    touched = upsert(LegacyLink.Kind.MEMBER, rows, report, "uid", build, fill, User)
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
    index_members(run, (user.pk for user in touched.values()))


def _username(run: RunState, row: Row) -> str:
    try:
        return run.source.decoder.text(row["username"], "").strip()
    except UnicodeDecodeError:
        return ""  # the row is skipped as undecodable when it is built


def _with_uid(username: str, uid: int) -> str:
    suffix = f"_{uid}"
    return username[: USERNAME_MAX_LENGTH - len(suffix)] + suffix


def import_avatars(run: RunState) -> None:
    if run.avatars is None:
        return
    for table, label in (
        ("common_member", "avatars"),
        ("common_member_archive", "avatars (archive)"),
    ):
        run.import_table(label, table, ["uid", "avatarstatus"], "uid", avatar_batch)


def avatar_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    assert run.avatars is not None  # noqa: S101  (import_avatars checked)
    uids = [int(r["uid"]) for r in rows]
    members = new_ids(LegacyLink.Kind.MEMBER, uids)
    done = links(LegacyLink.Kind.AVATAR, uids)
    with_avatar = set(
        User.objects.filter(pk__in=members.values())
        .exclude(avatar_large="")
        .values_list("pk", flat=True)
    )
    for row in rows:
        uid = int(row["uid"])
        member_id = members.get(uid)
        found = next(
            (p for p in (run.avatars / avatar_path(uid, s) for s in AVATAR_SIZES) if p.is_file()),
            None,
        )
        if found is None:
            if int(row["avatarstatus"] or 0):  # Discuz! says there is one: the file is lost
                run.missing_files.append(avatar_path(uid, "big"))
                report.skip(gettext_noop("avatar file missing from --avatars"), str(uid))
            continue
        if member_id is None:
            report.skip(gettext_noop("avatar of a member who was not imported"), str(uid))
            continue
        stat = found.stat()
        sum_ = hashlib.md5(
            f"{found.name}:{stat.st_size}:{stat.st_mtime_ns}".encode(), usedforsecurity=False
        ).hexdigest()
        link = done.get(uid)
        if link is not None and link.checksum == sum_ and member_id in with_avatar:
            report.unchanged += 1
            continue
        if run.dry_run:
            report.imported += 1
            continue
        member = User.objects.get(pk=member_id)
        upload = SimpleUploadedFile(found.name, found.read_bytes(), "image/jpeg")
        try:
            set_avatar(member=member, upload=upload)
        except ValidationError:
            report.skip(
                gettext_noop("avatar file unusable (not a picture, or too large)"), str(uid)
            )
            continue
        if link is None:
            LegacyLink.objects.create(
                kind=LegacyLink.Kind.AVATAR, old_id=uid, new_id=member_id, checksum=sum_
            )
            report.imported += 1
        else:
            LegacyLink.objects.filter(pk=link.pk).update(new_id=member_id, checksum=sum_)
            report.updated += 1


def avatar_path(uid: int, size: str) -> str:
    """Where UCenter keeps a member's avatar: uid 123 → 000/00/01/23_avatar_big.jpg."""
    digits = f"{uid:09d}"
    return f"{digits[:3]}/{digits[3:5]}/{digits[5:7]}/{digits[7:]}_avatar_{size}.jpg"
