"""Posts and their attachments from Discuz!: forum_post, and forum_attachment with
the ten tables (forum_attachment_0…9) that hold each file's details."""

import html
import ipaddress
import mimetypes
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.forum.markup import has_hidden_part, render_body
from lanting.forum.models import Attachment, Post
from lanting.importers.discuz.bulk import update_rows
from lanting.importers.discuz.indexing import index_posts
from lanting.importers.discuz.links import (
    Row,
    SkipRow,
    TableReport,
    digest,
    links,
    new_ids,
    upsert,
)
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.markup.sanitize import sanitize_html

# No tag ([b]), no smiley ({:1_2:}, :), ;P) and no control character: text only.
_PLAIN_TEXT = re.compile(r"[^\[\]{}:;\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*")
_SPACE_RUN = re.compile(r" {2,}")
_ATTACH = re.compile(r"\[attach\](\d+)\[/attach\]", re.IGNORECASE)


def import_posts(run: RunState) -> None:
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
    run.import_table("posts", "forum_post", columns, "pid", post_batch)


def post_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    threads = new_ids(LegacyLink.Kind.THREAD, (r["tid"] for r in rows))
    members = new_ids(LegacyLink.Kind.MEMBER, (r["authorid"] for r in rows))

    def fill(post: Post, row: Row) -> None:
        pid = int(row["pid"])
        post.body = run.text(row, "message", f"post {pid}")
        anonymous = int(row["anonymous"] or 0) == 1
        post.author_id = None if anonymous else members.get(int(row["authorid"]))
        name = run.text(row, "author", f"post {pid}")[:40]
        post.author_name = "匿名" if anonymous or not name else name
        if post.author_id is None and not anonymous and int(row["authorid"] or 0):
            report.warn(gettext_noop("author no longer exists (post kept, name shown)"), str(pid))
        post.created_at = stamp(row["dateline"]) or timezone.now()
        ip = run.text(row, "useip", "ip")
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
        post.revealed_html = _revealed_html(post.body)

    def build(row: Row) -> Post:
        thread_id = threads.get(int(row["tid"]))
        if thread_id is None:
            raise SkipRow(gettext_noop("post whose thread was not imported"))
        position = int(row["position"] or 0)
        # X3.4 numbers floors per thread; where a row has none, its pid is
        # unique within the thread too and keeps the order.
        post = Post(thread_id=thread_id, position=position or int(row["pid"]))
        fill(post, row)
        return post

    touched = upsert(LegacyLink.Kind.POST, rows, report, "pid", build, fill, Post)
    # Until place_attachments maps their [attach] tags, these posts' links keep no
    # digest: a run interrupted before then writes them again from the source.
    by_pid = {int(row["pid"]): row for row in rows}
    unplaced = {
        post.pk: (pid, digest(by_pid[pid]))
        for pid, post in touched.items()
        if _ATTACH.search(post.body)
    }
    if unplaced:
        LegacyLink.objects.filter(
            kind=LegacyLink.Kind.POST, old_id__in=[pid for pid, _sum in unplaced.values()]
        ).update(checksum="")
        run.unplaced.update(unplaced)
    # Those are indexed once their attachments are placed.
    index_posts(run, (post for post in touched.values() if post.pk not in unplaced))


def place_attachments(run: RunState) -> None:
    """In the posts this run wrote, [attach]N names old aids: make them the new ids.

    Only those posts: in a post written by an earlier run, N is already a new id,
    which may also be some other attachment's old aid.
    """
    attachment_links = dict(
        LegacyLink.objects.filter(kind=LegacyLink.Kind.ATTACHMENT).values_list("old_id", "new_id")
    )

    def new_tag(match: re.Match[str]) -> str:
        return f"[attach]{attachment_links.get(int(match.group(1)), int(match.group(1)))}[/attach]"

    ids = sorted(run.unplaced)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        posts = list(Post.objects.filter(pk__in=chunk).prefetch_related("attachments"))
        found = links(LegacyLink.Kind.POST, (run.unplaced[pk][0] for pk in chunk))
        with transaction.atomic():
            for post in posts:
                post.body = _ATTACH.sub(new_tag, post.body)
                files = post.attachments.all()
                post.body_html = render_body(post.markup, post.body, files)
                post.revealed_html = _revealed_html(post.body, files)
                post.save(update_fields=["body", "body_html", "revealed_html"])
            index_posts(run, posts)
            update_rows(
                LegacyLink,
                ["checksum"],
                [
                    (checksum, found[pid].pk)
                    for pid, checksum in (run.unplaced[pk] for pk in chunk)
                    if pid in found
                ],
            )
    run.unplaced = {}


def import_attachments(run: RunState) -> None:
    run.import_table(
        "attachments",
        "forum_attachment",
        ["aid", "tid", "pid", "uid", "tableid", "downloads"],
        "aid",
        attachment_batch,
    )


def attachment_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    details: dict[int, tuple[Any, ...]] = {}
    by_table: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        by_table[int(row["tableid"]) % 10].append(int(row["aid"]))
    for tableid, aids in by_table.items():
        for found in run.fetch_in(
            f"forum_attachment_{tableid}",
            "aid, dateline, filename, filesize, attachment, isimage, width, remote",
            aids,
            key="aid",
        ):
            details[int(found[0])] = found
    posts = new_ids(LegacyLink.Kind.POST, (r["pid"] for r in rows))
    members = new_ids(LegacyLink.Kind.MEMBER, (r["uid"] for r in rows))

    def fill(item: Attachment, row: Row) -> None:
        item.downloads = max(int(row["downloads"] or 0), 0)

    def build(row: Row) -> Attachment:
        aid = int(row["aid"])
        detail = details.get(aid)
        post_id = posts.get(int(row["pid"]))
        if detail is None:
            raise SkipRow(gettext_noop("attachment row without details"))
        if post_id is None:
            raise SkipRow(gettext_noop("attachment of a post that was not imported"))
        _aid, dateline, filename, size, path, isimage, width, remote = detail
        name = run.source.decoder.text(filename, f"attachment {aid}")[:200] or f"file-{aid}"
        relative = run.source.decoder.text(path, f"attachment {aid}")
        if int(remote or 0):
            raise SkipRow(gettext_noop("attachment kept on remote FTP storage"))
        source_file = (run.attachments / "forum" / relative) if run.attachments else None
        if source_file is None or not source_file.is_file():
            run.missing_files.append(f"forum/{relative}")
            raise SkipRow(gettext_noop("file missing from --attachments"))
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
        if not run.dry_run:
            with source_file.open("rb") as handle:
                item.file.save(name, ContentFile(handle.read()), save=False)
        return item

    upsert(LegacyLink.Kind.ATTACHMENT, rows, report, "aid", build, fill, Attachment)


def _revealed_html(body: str, files: Iterable[Attachment] = ()) -> str:
    """The HTML shown to those who may see a post's [hide] parts; "" when it has none."""
    if not has_hidden_part(Post.Markup.BBCODE, body):
        return ""
    return render_body(Post.Markup.BBCODE, body, files, hide_visible=True)


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


def _guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
