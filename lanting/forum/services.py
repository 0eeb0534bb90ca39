"""Writing to the forum. Counters and last-post data change in the same transaction."""

import datetime as dt
import io
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, F, Max, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from lanting.accounts import permissions as member_permissions
from lanting.accounts.models import CreditEntry, User
from lanting.accounts.services import award_credits
from lanting.forum import permissions, search_documents
from lanting.forum.markup import has_hidden_part, render_body
from lanting.forum.models import Attachment, Board, Post, Thread, ThreadField, ThreadType
from lanting.moderation.services import log_action
from lanting.pagecache import counters
from lanting.pagecache.tags import touch

THREAD_VIEWS = "thread"
TITLE_MAX = 200
BODY_MAX = 20000
ATTACHMENTS_MAX = 10
# MPO: camera JPEGs that carry a second, preview picture; served and stored as JPEG.
IMAGE_TYPES = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
FILE_EXTENSIONS = {".pdf", ".txt", ".zip", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"}
THUMBNAIL_SIZE = (400, 400)
MAX_IMAGE_PIXELS = 40_000_000


@dataclass
class PreparedUpload:
    """An upload checked before anything is written, so a bad file changes nothing."""

    name: str
    content: bytes
    content_type: str
    is_image: bool
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None


def _clean_text(title: str | None, body: str) -> tuple[str, str]:
    body = body.replace("\r\n", "\n").strip()
    if title is not None:
        title = " ".join(title.split())
        if not title:
            raise ValidationError(_("Give the thread a title."))
        if len(title) > TITLE_MAX:
            raise ValidationError(
                _("A title can be at most %(max)d characters long.") % {"max": TITLE_MAX}
            )
    if not body:
        raise ValidationError(_("Write something before you post."))
    if len(body) > BODY_MAX:
        raise ValidationError(
            _("A post can be at most %(max)d characters long.") % {"max": BODY_MAX}
        )
    return title or "", body


def prepare_uploads(
    *, uploads: Sequence[UploadedFile], member: User, board: Board
) -> list[PreparedUpload]:
    """Check every file (type, size, a real picture) before anything is saved."""
    if not uploads:
        return []
    refusal = permissions.upload_refusal(member, board)
    if refusal:
        raise PermissionDenied(refusal)
    if len(uploads) > ATTACHMENTS_MAX:
        raise ValidationError(_("At most %(max)d files per post.") % {"max": ATTACHMENTS_MAX})
    limit = member_permissions.upload_limit_kb(member) * 1024
    prepared = []
    for upload in uploads:
        name = (upload.name or "file").rsplit("/", 1)[-1][-200:]
        if upload.size is None or upload.size > limit:
            raise ValidationError(
                _("%(name)s is larger than %(kb)d KB.") % {"name": name, "kb": limit // 1024}
            )
        content = upload.read()
        prepared.append(_prepare_one(name, content))
    return prepared


def _prepare_one(name: str, content: bytes) -> PreparedUpload:
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension in {".jpg", ".jpeg", ".png", ".gif", ".webp"}:
        try:
            with Image.open(io.BytesIO(content)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(content))
            if image.width * image.height > MAX_IMAGE_PIXELS or image.format not in IMAGE_TYPES:
                raise ValidationError(_("%(name)s is not a picture we accept.") % {"name": name})
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
            raise ValidationError(_("%(name)s is not a real picture.") % {"name": name}) from None
        content_type = IMAGE_TYPES[str(image.format)]
        clean = _strip_metadata(image, str(image.format), content)
        thumb = ImageOps.exif_transpose(image).convert("RGB")
        thumb.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        thumb.save(out, "WEBP", quality=80)
        return PreparedUpload(
            name, clean, content_type, True, image.width, image.height, out.getvalue()
        )
    if extension not in FILE_EXTENSIONS:
        raise ValidationError(_("%(name)s: this kind of file cannot be attached.") % {"name": name})
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return PreparedUpload(name, content, content_type, False)


def _strip_metadata(image: Image.Image, image_format: str, original: bytes) -> bytes:
    """Re-save photos without EXIF and text chunks, so where a photo was taken is never published.

    GIFs are kept as they are: they carry no EXIF, and re-encoding would break animations.
    """
    if image_format == "GIF":
        return original
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if image_format in {"JPEG", "MPO"}:
        upright.convert("RGB").save(out, "JPEG", quality=90)
    elif image_format == "WEBP":
        upright.save(out, "WEBP", quality=90)
    else:
        upright.save(out, "PNG", optimize=True)  # no exif= and no pnginfo=: nothing carried over
    return out.getvalue()


def _save_attachments(
    post: Post, uploads: list[PreparedUpload], uploader: User
) -> list[Attachment]:
    saved: list[Attachment] = []
    try:
        for item in uploads:
            attachment = Attachment(
                post=post,
                uploader=uploader,
                name=item.name,
                size=len(item.content),
                content_type=item.content_type,
                is_image=item.is_image,
                width=item.width,
                height=item.height,
            )
            attachment.file.save(item.name, ContentFile(item.content), save=False)
            saved.append(attachment)
            if item.thumbnail:
                stem = item.name.rsplit(".", 1)[0]
                attachment.thumbnail.save(f"{stem}.webp", ContentFile(item.thumbnail), save=False)
            attachment.save()
    except BaseException:
        _remove_files(saved)  # nothing half-written stays on disk when the post fails
        raise
    return saved


def _remove_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        for field in (attachment.file, attachment.thumbnail):
            if field:
                field.storage.delete(field.name)


def _render(post: Post, attachments: Sequence[Attachment]) -> None:
    post.body_html = render_body(post.markup, post.body, attachments)
    post.revealed_html = (
        render_body(post.markup, post.body, attachments, hide_visible=True)
        if has_hidden_part(post.markup, post.body)
        else ""
    )


def _write_post(post: Post, prepared: list[PreparedUpload], author: User) -> Post:
    """Save a new post with its files and its HTML (which may place those files).

    Without files the HTML was rendered before the write began (``_render``), and
    the post is written once.
    """
    if not prepared:
        post.save()
        return post
    post.save()
    attachments = _save_attachments(post, prepared, author)
    _render(post, attachments)
    post.save(update_fields=["body_html", "revealed_html"])
    return post


def clean_classified_fields(
    board_fields: Sequence[ThreadField], raw: dict[str, Any], *, enforce_required: bool = True
) -> dict[str, Any]:
    """Typed values for a board's classified fields, or a ValidationError per field."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in board_fields:
        text = str(raw.get(field.name, "") or "").strip()
        if not text:
            if field.required and enforce_required:
                errors[field.name] = _("%(label)s is required.") % {"label": field.label}
            continue
        if field.kind == ThreadField.Kind.NUMBER:
            try:
                number = Decimal(text)
            except InvalidOperation:
                number = Decimal("NaN")
            if not number.is_finite() or abs(number) >= 10**12:
                errors[field.name] = _("%(label)s must be a number.") % {"label": field.label}
                continue
            values[field.name] = int(number) if number == number.to_integral() else float(number)
        elif field.kind == ThreadField.Kind.DATE:
            try:
                values[field.name] = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                errors[field.name] = _("%(label)s must be a date (YYYY-MM-DD).") % {
                    "label": field.label
                }
        elif field.kind == ThreadField.Kind.CHOICE:
            if text not in field.choice_list:
                errors[field.name] = _("Choose one of the listed values for %(label)s.") % {
                    "label": field.label
                }
            else:
                values[field.name] = text
        else:
            values[field.name] = text[:200]
    if errors:
        raise ValidationError(errors)
    return values


def _board_after_post(
    board_id: int, *, threads: int, thread: Thread, poster: str, at: dt.datetime
) -> None:
    today = timezone.localdate()
    Board.objects.filter(pk=board_id).update(
        thread_count=F("thread_count") + threads,
        post_count=F("post_count") + 1,
        today_posts=Case(When(today=today, then=F("today_posts") + 1), default=Value(1)),
        today=today,
        last_thread=thread,
        last_thread_title=thread.title,
        last_poster_name=poster,
        last_post_at=at,
    )


@transaction.atomic
def create_thread(
    *,
    board: Board,
    author: User,
    title: str,
    body: str,
    markup: str = Post.Markup.BBCODE,
    thread_type: ThreadType | None = None,
    fields: dict[str, Any] | None = None,
    uploads: Sequence[UploadedFile] = (),
    ip_address: str | None = None,
) -> Thread:
    refusal = permissions.post_refusal(author, board)
    if refusal:
        raise PermissionDenied(refusal)
    title, body = _clean_text(title, body)
    if thread_type is not None and thread_type.board_id != board.pk:
        raise ValidationError(_("Choose a thread type of this board."))
    # Moderators may post notices (rules, guides) without filling in an ad's fields.
    values = clean_classified_fields(
        list(board.thread_fields.all()),
        fields or {},
        enforce_required=not permissions.is_board_moderator(author, board),
    )
    prepared = prepare_uploads(uploads=list(uploads), member=author, board=board)
    first = Post(
        position=1,
        author=author,
        author_name=author.username,
        markup=markup,
        body=body,
        ip_address=ip_address,
    )
    if not prepared:
        _render(first, [])
    now = first.created_at = timezone.now()
    thread = Thread.objects.create(
        board=board,
        title=title,
        author=author,
        author_name=author.username,
        thread_type=thread_type,
        fields=values,
        created_at=now,
        last_post_at=now,
        last_poster_name=author.username,
    )
    first.thread = thread
    _write_post(first, prepared, author)
    _board_after_post(board.pk, threads=1, thread=thread, poster=author.username, at=now)
    award_credits(
        member=author, reason=CreditEntry.Reason.THREAD, reference=f"thread:{thread.pk}", posts=1
    )
    _touch_threads(thread)
    search_documents.index_thread(thread.pk)
    return thread


def reply_to_thread(
    *,
    thread: Thread,
    author: User,
    body: str,
    markup: str = Post.Markup.BBCODE,
    uploads: Sequence[UploadedFile] = (),
    ip_address: str | None = None,
) -> Post:
    refusal = permissions.reply_refusal(author, thread)
    if refusal:
        raise PermissionDenied(refusal)
    _title, body = _clean_text(None, body)
    prepared = prepare_uploads(uploads=list(uploads), member=author, board=thread.board)
    post = Post(
        author=author, author_name=author.username, markup=markup, body=body, ip_address=ip_address
    )
    if not prepared:
        _render(post, [])  # before the write: nothing waits on the thread's lock meanwhile
    with transaction.atomic():
        # The row lock (and SQLite's IMMEDIATE transactions) hands out floors one
        # at a time: two replies at once get 2楼 and 3楼, never the same floor.
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.is_deleted:
            raise ValidationError(_("This thread was deleted."))
        post.created_at = now = timezone.now()
        post.thread, post.position = locked, locked.last_position + 1
        _write_post(post, prepared, author)
        Thread.objects.filter(pk=locked.pk).update(
            last_position=post.position,
            reply_count=F("reply_count") + 1,
            last_post_at=now,
            last_poster_name=author.username,
        )
        locked.last_position, locked.reply_count = post.position, locked.reply_count + 1
        locked.last_post_at, locked.last_poster_name = now, author.username
        _board_after_post(locked.board_id, threads=0, thread=locked, poster=author.username, at=now)
        award_credits(
            member=author, reason=CreditEntry.Reason.REPLY, reference=f"post:{post.pk}", posts=1
        )
        _touch_threads(locked)
        search_documents.index_new_reply(post, locked)
    return post


_HIDDEN_PART = re.compile(r"\[hide(?:=[^\]]*)?\].*?\[/hide\]", re.IGNORECASE | re.DOTALL)
_QUOTED_PART = re.compile(r"\[quote(?:=[^\]]*)?\].*?\[/quote\]", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"\[/?[a-z*]{1,12}(?:=[^\]\n]{0,300})?\]", re.IGNORECASE)


def quote_source(post: Post) -> str:
    """The BBCode a reply starts with when it quotes ``post``, as Discuz! builds it.

    Only the visible words are quoted: hidden parts, earlier quotes and markup are
    dropped, so a quote never reveals [hide] content nor cuts a tag in half.
    """
    text = _QUOTED_PART.sub("", _HIDDEN_PART.sub("", post.body))
    text = " ".join(_ANY_TAG.sub("", text).split())
    if len(text) > 200:
        text = text[:200].rstrip() + " ..."
    when = timezone.localtime(post.created_at).strftime("%Y-%m-%d %H:%M")
    header = _("%(name)s posted at %(when)s") % {"name": post.author_name, "when": when}
    return f"[quote][color=#999999]{header}[/color]\n{text}[/quote]\n"


@transaction.atomic
def edit_post(*, post: Post, editor: User, body: str, title: str | None = None) -> Post:
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied(_("You may not edit this post."))
    new_title, body = _clean_text(title if post.is_first and title is not None else None, body)
    post.body = body
    _render(post, list(post.attachments.all()))
    post.edited_at, post.edited_by_name = timezone.now(), editor.username
    post.save(update_fields=["body", "body_html", "revealed_html", "edited_at", "edited_by_name"])
    if new_title and new_title != post.thread.title:
        Thread.objects.filter(pk=post.thread_id).update(title=new_title)
        post.thread.title = new_title
    if editor.pk != post.author_id:
        log_action(actor=editor, action="edit_post", member=post.author, target=str(post))
    _touch_threads(post.thread)
    search_documents.index_post(post.pk, title_changed=bool(new_title))
    return post


def _touch_threads(*threads: Thread, boards: tuple[int, ...] = ()) -> None:
    """Pages that show these threads (and their boards, and the forum index) are now stale.

    Once now and once more when the write commits: a page rendered in between
    read the rows as they were before, and must not be kept as the new version.
    """
    ids = {t.board_id for t in threads} | set(boards)
    tags = ["forum", *(f"thread:{t.pk}" for t in threads), *(f"board:{b}" for b in ids)]
    touch(*tags)
    transaction.on_commit(lambda: touch(*tags))


def count_thread_view(thread: Thread, *, for_guests: bool = True) -> int:
    """Count one view; return the thread's seen count (for cached pages, see core.counters).

    A page made for a member is never kept for guests, whose copies check their
    seen counts against Redis: its view may be counted in the worker first.
    """
    seen_before: int | None = None if for_guests else getattr(thread, "views_seen", None)
    return counters.count_view(THREAD_VIEWS, thread.pk, seen_before=seen_before)


def _refresh_board_last_post(board_id: int) -> None:
    latest = (
        Thread.objects.filter(board_id=board_id, is_deleted=False)
        .order_by("-last_post_at", "-pk")
        .first()
    )
    Board.objects.filter(pk=board_id).update(
        last_thread=latest,
        last_thread_title=latest.title if latest else "",
        last_poster_name=latest.last_poster_name if latest else "",
        last_post_at=latest.last_post_at if latest else None,
    )


def _refresh_thread_last_post(thread_id: int) -> None:
    # By time, not by floor: merged threads put older posts on higher floors.
    last = (
        Post.objects.filter(thread_id=thread_id, is_deleted=False)
        .order_by("-created_at", "-position")
        .first()
    )
    if last is not None:
        Thread.objects.filter(pk=thread_id).update(
            last_post_at=last.created_at, last_poster_name=last.author_name
        )


def ensure_moderator(user: User, board: Board) -> None:
    if not permissions.is_board_moderator(user, board):
        raise PermissionDenied(_("Only this board's moderators may do this."))


@transaction.atomic
def delete_post(*, post: Post, actor: User, reason: str = "") -> None:
    """Into the recycle bin. The first post takes its whole thread along."""
    own = post.author_id == actor.pk and not post.is_first
    if not own:
        ensure_moderator(actor, post.thread.board)
    if post.is_first:
        delete_thread(thread=post.thread, moderator=actor, reason=reason)
        return
    changed = Post.objects.filter(pk=post.pk, is_deleted=False).update(
        is_deleted=True, deleted_at=timezone.now(), deleted_by=actor
    )
    if not changed:
        return
    Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") - 1)
    if not post.thread.is_deleted:  # a recycled thread's posts are already off the board
        Board.objects.filter(pk=post.thread.board_id).update(post_count=F("post_count") - 1)
    _refresh_thread_last_post(post.thread_id)
    _refresh_board_last_post(post.thread.board_id)
    log_action(
        actor=actor, action="delete_post", member=post.author, target=str(post), detail=reason
    )
    _touch_threads(post.thread)
    search_documents.index_post(post.pk)


@transaction.atomic
def restore_post(*, post: Post, moderator: User) -> None:
    ensure_moderator(moderator, post.thread.board)
    if post.is_first:
        restore_thread(thread=post.thread, moderator=moderator)
        return
    changed = Post.objects.filter(pk=post.pk, is_deleted=True).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    if not changed:
        return
    Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
    if not post.thread.is_deleted:
        Board.objects.filter(pk=post.thread.board_id).update(post_count=F("post_count") + 1)
    _refresh_thread_last_post(post.thread_id)
    _refresh_board_last_post(post.thread.board_id)
    log_action(actor=moderator, action="restore_post", member=post.author, target=str(post))
    _touch_threads(post.thread)
    search_documents.index_post(post.pk)


def _live_posts(thread: Thread) -> int:
    return Post.objects.filter(thread=thread, is_deleted=False).count()


@transaction.atomic
def delete_thread(*, thread: Thread, moderator: User, reason: str = "") -> None:
    ensure_moderator(moderator, thread.board)
    changed = Thread.objects.filter(pk=thread.pk, is_deleted=False).update(
        is_deleted=True, deleted_at=timezone.now(), deleted_by=moderator
    )
    if not changed:
        return
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") - 1, post_count=F("post_count") - _live_posts(thread)
    )
    _refresh_board_last_post(thread.board_id)
    log_action(
        actor=moderator,
        action="delete_thread",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
        detail=reason,
    )
    _touch_threads(thread)
    search_documents.index_thread(thread.pk, with_replies=True)


@transaction.atomic
def restore_thread(*, thread: Thread, moderator: User) -> None:
    ensure_moderator(moderator, thread.board)
    changed = Thread.objects.filter(pk=thread.pk, is_deleted=True).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    if not changed:
        return
    Board.objects.filter(pk=thread.board_id).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + _live_posts(thread)
    )
    _refresh_board_last_post(thread.board_id)
    log_action(
        actor=moderator,
        action="restore_thread",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
    )
    _touch_threads(thread)
    search_documents.index_thread(thread.pk, with_replies=True)


def _set(thread: Thread, moderator: User, action: str, **values: Any) -> None:
    ensure_moderator(moderator, thread.board)
    if values.get("sticky") == Thread.Sticky.GLOBAL and not member_permissions.is_moderator(
        moderator
    ):
        raise PermissionDenied(_("Only super moderators may stick a thread everywhere."))
    Thread.objects.filter(pk=thread.pk).update(**values)
    for key, value in values.items():
        setattr(thread, key, value)
    log_action(
        actor=moderator,
        action=action,
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
        detail=str(values),
    )
    _touch_threads(thread)


def stick_thread(*, thread: Thread, moderator: User, level: int) -> None:
    if level not in Thread.Sticky.values:
        raise ValidationError(_("Unknown sticky level."))
    _set(thread, moderator, "stick", sticky=level)


def digest_thread(*, thread: Thread, moderator: User, level: int) -> None:
    if not 0 <= level <= 3:
        raise ValidationError(_("Digest levels go from 0 to 3."))
    _set(thread, moderator, "digest", digest=level)


def close_thread(*, thread: Thread, moderator: User, closed: bool = True) -> None:
    _set(thread, moderator, "close" if closed else "open", is_closed=closed)


@transaction.atomic
def move_thread(*, thread: Thread, moderator: User, board: Board) -> None:
    ensure_moderator(moderator, thread.board)
    ensure_moderator(moderator, board)
    if board.pk == thread.board_id:
        return
    old = thread.board_id
    live = 0 if thread.is_deleted else _live_posts(thread)
    threads = 0 if thread.is_deleted else 1
    Thread.objects.filter(pk=thread.pk).update(board=board, moved_from_id=old, thread_type=None)
    Board.objects.filter(pk=old).update(
        thread_count=F("thread_count") - threads, post_count=F("post_count") - live
    )
    Board.objects.filter(pk=board.pk).update(
        thread_count=F("thread_count") + threads, post_count=F("post_count") + live
    )
    _refresh_board_last_post(old)
    _refresh_board_last_post(board.pk)
    thread.board, thread.moved_from_id = board, old
    log_action(
        actor=moderator,
        action="move",
        member=thread.author,
        target=f"thread:{thread.pk} {thread.title}",
        detail=f"{old} -> {board.pk}",
    )
    _touch_threads(thread, boards=(old,))
    search_documents.index_thread(thread.pk, with_replies=True)


@transaction.atomic
def merge_threads(*, source: Thread, target: Thread, moderator: User) -> Thread:
    """Append every post of ``source`` to ``target`` in time order; ``source`` goes away."""
    ensure_moderator(moderator, source.board)
    ensure_moderator(moderator, target.board)
    if source.pk == target.pk:
        raise ValidationError(_("Choose another thread to merge with."))
    locked = Thread.objects.select_for_update().get(pk=target.pk)
    next_position = locked.last_position
    moved = list(Post.objects.filter(thread=source).order_by("position"))
    for post in moved:
        next_position += 1
        Post.objects.filter(pk=post.pk).update(thread=locked, position=next_position)
    live_moved = sum(1 for p in moved if not p.is_deleted)
    Thread.objects.filter(pk=locked.pk).update(
        last_position=next_position, reply_count=F("reply_count") + live_moved
    )
    _refresh_thread_last_post(locked.pk)
    if not source.is_deleted:  # a recycled source was already off its board's counts
        Board.objects.filter(pk=source.board_id).update(
            thread_count=F("thread_count") - 1, post_count=F("post_count") - live_moved
        )
    if not locked.is_deleted:
        Board.objects.filter(pk=locked.board_id).update(post_count=F("post_count") + live_moved)
    Thread.objects.filter(pk=source.pk).delete()
    _refresh_board_last_post(source.board_id)
    _refresh_board_last_post(locked.board_id)
    log_action(actor=moderator, action="merge", target=f"thread:{source.pk} -> {locked.pk}")
    _touch_threads(source, locked)
    search_documents.forget_thread(source.pk)
    search_documents.index_thread(locked.pk, with_replies=True)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def split_thread(*, thread: Thread, post_ids: Sequence[int], title: str, moderator: User) -> Thread:
    """Move the chosen replies into a new thread of the same board."""
    ensure_moderator(moderator, thread.board)
    title, _body = _clean_text(title, "-")
    posts = list(
        Post.objects.filter(thread=thread, pk__in=post_ids, position__gt=1).order_by("position")
    )
    if not posts:
        raise ValidationError(_("Choose the replies to move (not the first post)."))
    first = posts[0]
    new = Thread.objects.create(
        board=thread.board,
        title=title,
        author=first.author,
        author_name=first.author_name,
        created_at=first.created_at,
        last_post_at=posts[-1].created_at,
        last_poster_name=posts[-1].author_name,
        last_position=len(posts),
        reply_count=sum(1 for p in posts if not p.is_deleted) - 1,
    )
    for position, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk).update(thread=new, position=position)
    live_moved = sum(1 for p in posts if not p.is_deleted)
    Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - live_moved)
    _refresh_thread_last_post(thread.pk)
    Board.objects.filter(pk=thread.board_id).update(thread_count=F("thread_count") + 1)
    _refresh_board_last_post(thread.board_id)
    log_action(
        actor=moderator,
        action="split",
        target=f"thread:{thread.pk} -> {new.pk}",
        detail=",".join(str(p.pk) for p in posts),
    )
    _touch_threads(thread, new)
    search_documents.index_thread(new.pk, with_replies=True)
    return new


def recount_board(board: Board) -> None:
    """Rebuild a board's counters from its rows (after imports or repairs)."""
    threads = Thread.objects.filter(board=board, is_deleted=False)
    posts = Post.objects.filter(thread__board=board, thread__is_deleted=False, is_deleted=False)
    today = timezone.localdate()
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    touch("forum", f"board:{board.pk}")
    Board.objects.filter(pk=board.pk).update(
        thread_count=threads.count(),
        post_count=posts.count(),
        today_posts=posts.filter(created_at__gte=midnight).count(),
        today=today,
    )
    _refresh_board_last_post(board.pk)


def recount_thread(thread: Thread) -> None:
    live = Post.objects.filter(thread=thread, is_deleted=False).count()
    last = Post.objects.filter(thread=thread).aggregate(m=Max("position"))["m"] or 1
    Thread.objects.filter(pk=thread.pk).update(reply_count=max(0, live - 1), last_position=last)
    _refresh_thread_last_post(thread.pk)
