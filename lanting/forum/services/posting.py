"""Starting threads, replying, quoting and editing: counters move in the same transaction."""

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lanting.accounts.models import CreditEntry, User
from lanting.accounts.services import award_credits
from lanting.forum import permissions, search_documents
from lanting.forum.markup import PLACED, has_hidden_part, render_body
from lanting.forum.models import Attachment, Board, Post, Thread, ThreadField, ThreadType
from lanting.forum.pending import note_own_pending
from lanting.forum.services.attachments import PreparedUpload, prepare_uploads, save_attachments
from lanting.markup.bbcode import HIDDEN_CONTENT_NOTICE
from lanting.markup.text import visible_text
from lanting.moderation.antispam import check_posting, claim_posting_slot, note_posted
from lanting.moderation.queue import hold_for_review
from lanting.moderation.services import log_action
from lanting.moderation.wordfilter import check_all
from lanting.notifications.mentions import MAX_MENTIONS, link_mentions, members_named, names_in
from lanting.notifications.models import Notification
from lanting.notifications.services import notify
from lanting.notifications.watching import EXCERPT, after_post
from lanting.pagecache import counters
from lanting.pagecache.tags import touch

THREAD_VIEWS = "thread"
TITLE_MAX = 200
BODY_MAX = 20000


def clean_text(title: str | None, body: str) -> tuple[str, str]:
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


def _render(post: Post, attachments: Sequence[Attachment]) -> None:
    members = members_named(names_in(post.body))  # @name links to the member's profile
    post.body_html = link_mentions(render_body(post.markup, post.body, attachments), members)
    post.revealed_html = (
        link_mentions(render_body(post.markup, post.body, attachments, hide_visible=True), members)
        if has_hidden_part(post.markup, post.body)
        else ""
    )


def _tell_people(post: Post, thread: Thread, author: User, quoted: Post | None = None) -> None:
    """Notices of a new post, once each, the strongest first: @mention, quote, reply, watch.

    Mentions count in the post's own words only (not in what it quotes), at most
    ``MAX_MENTIONS`` names, and only members who may read the board.
    """
    text = visible_text(post.body_html, without=("blockquote", "pre", "code"))
    found = members_named(names_in(text))
    mentioned = [found[name.lower()] for name in names_in(text) if name.lower() in found]
    mentioned = [m for m in mentioned if permissions.can_view_board(m, thread.board)]
    url, told = post.get_absolute_url(), {author.pk}
    excerpt = text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"  # shown, and mailed
    steps: list[tuple[str, list[int | None]]] = [
        (Notification.Kind.MENTION, [member.pk for member in mentioned[:MAX_MENTIONS]]),
        (Notification.Kind.QUOTE, [quoted.author_id] if quoted else []),
        (Notification.Kind.REPLY, [thread.author_id] if post.position > 1 else []),
    ]
    for kind, people in steps:
        fresh = [member_id for member_id in people if member_id and member_id not in told]
        told.update(fresh)
        notify(
            recipients=fresh,
            kind=kind,
            actor=author,
            subject=thread.title,
            url=url,
            group_key=f"{kind}:thread:{thread.pk}",
            text=excerpt,
        )
    after_post(post_id=post.pk, told=told)  # watchers, from a job: not twice, not the author


def _write_post(post: Post, prepared: list[PreparedUpload], author: User) -> Post:
    """Save a new post with its files and its HTML (which may place those files).

    Without files the HTML was rendered before the write began (``_render``), and
    the post is written once.
    """
    if not prepared:
        post.save()
        return post
    post.save()
    attachments = save_attachments(post, prepared, author)
    post.body = number_attachments(post.body, attachments)
    _render(post, attachments)
    post.save(update_fields=["body", "body_html", "revealed_html"])
    return post


def number_attachments(body: str, attachments: Sequence[Attachment]) -> str:
    """``[attach]2[/attach]`` in a new post means its second file: write the file's number.

    The composer cannot know a file's number (Discuz!'s aid) before the post is saved, so
    it counts the files chosen; the saved body holds real numbers, as imported posts do.
    """

    def number(match: re.Match[str]) -> str:
        index = int(match.group(2))
        if not 1 <= index <= len(attachments) or len(match.group(2)) > 3:
            return match.group(0)
        return match.group(0).replace(f"]{index}[", f"]{attachments[index - 1].pk}[", 1)

    return PLACED.sub(number, body)


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
    proof: str = "",
) -> Thread:
    refusal = permissions.post_refusal(author, board)
    if refusal:
        raise PermissionDenied(refusal)
    title, body = clean_text(title, body)
    gate = check_posting(
        member=author,
        texts=[title, body],
        is_thread=True,
        images=_has_images(uploads),
        exempt=permissions.is_board_moderator(author, board),
        proof=proof,
    )
    title, body = gate.texts
    if thread_type is not None and thread_type.board_id != board.pk:
        raise ValidationError(_("Choose a thread type of this board."))
    # Moderators may post notices (rules, guides) without filling in an ad's fields.
    values = clean_classified_fields(
        list(board.thread_fields.all()),
        fields or {},
        enforce_required=not permissions.is_board_moderator(author, board),
    )
    prepared = prepare_uploads(uploads=list(uploads), member=author, board=board)
    claim_posting_slot(member=author, check=gate)
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
        # Held for review: off every public page and counter until approved.
        is_deleted=gate.wait_for_review,
        awaiting_review=gate.wait_for_review,
    )
    first.thread = thread
    _write_post(first, prepared, author)
    after_posting(author, is_thread=True)
    if gate.wait_for_review:
        hold_for_review(target=first, why=gate.why)
        note_own_pending(thread.pk)
        touch_threads(thread)
        return thread
    _board_after_post(board.pk, threads=1, thread=thread, poster=author.username, at=now)
    award_credits(
        member=author, reason=CreditEntry.Reason.THREAD, reference=f"thread:{thread.pk}", posts=1
    )
    touch_threads(thread)
    search_documents.index_thread(thread.pk)
    _tell_people(first, thread, author)
    return thread


def after_posting(author: User, *, is_thread: bool) -> None:
    transaction.on_commit(lambda: note_posted(member=author, is_thread=is_thread))


def _has_images(uploads: Sequence[UploadedFile]) -> bool:
    return any((upload.content_type or "").startswith("image/") for upload in uploads)


def reply_to_thread(
    *,
    thread: Thread,
    author: User,
    body: str,
    markup: str = Post.Markup.BBCODE,
    uploads: Sequence[UploadedFile] = (),
    ip_address: str | None = None,
    quoted: Post | None = None,
    proof: str = "",
) -> Post:
    refusal = permissions.reply_refusal(author, thread)
    if refusal:
        raise PermissionDenied(refusal)
    _title, body = clean_text(None, body)
    gate = check_posting(
        member=author,
        texts=[body],
        is_thread=False,
        images=_has_images(uploads),
        exempt=permissions.is_board_moderator(author, thread.board),
        proof=proof,
    )
    body = gate.texts[0]
    prepared = prepare_uploads(uploads=list(uploads), member=author, board=thread.board)
    claim_posting_slot(member=author, check=gate)
    post = Post(
        author=author, author_name=author.username, markup=markup, body=body, ip_address=ip_address
    )
    # Held for review: the floor is given now, the counters move when it is approved.
    post.is_deleted = post.awaiting_review = gate.wait_for_review
    if not prepared:
        _render(post, [])  # before the write: nothing waits on the thread's lock meanwhile
    with transaction.atomic():
        # The row lock (and SQLite's IMMEDIATE transactions) hands out floors one
        # at a time: two replies at once get 2楼 and 3楼, never the same floor.
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.awaiting_review:
            raise ValidationError(
                _("This thread is awaiting review: replies open once it is approved.")
            )
        if locked.is_deleted:
            raise ValidationError(_("This thread was deleted."))
        post.created_at = now = timezone.now()
        post.thread, post.position = locked, locked.last_position + 1
        _write_post(post, prepared, author)
        after_posting(author, is_thread=False)
        if gate.wait_for_review:
            Thread.objects.filter(pk=locked.pk).update(last_position=post.position)
            hold_for_review(target=post, why=gate.why)
            note_own_pending(locked.pk)
            touch_threads(locked)
            return post
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
        touch_threads(locked)
        search_documents.index_new_reply(post, locked)
        _tell_people(
            post, locked, author, quoted if quoted and quoted.thread_id == locked.pk else None
        )
    return post


def quote_source(post: Post) -> str:
    """The BBCode a reply starts with when it quotes ``post``, as Discuz! builds it.

    Only the words everyone sees are quoted: they come from the post as the renderer
    made it for readers who may not see [hide] parts (its parsed document, never a
    pattern over the source), without earlier quotes and with no markup, so a quote
    never reveals hidden content nor cuts a tag in half.
    """
    text = visible_text(post.body_html, without=("blockquote",))
    text = " ".join(text.replace(HIDDEN_CONTENT_NOTICE, " ").split())
    if len(text) > 200:
        text = text[:200].rstrip() + " ..."
    when = timezone.localtime(post.created_at).strftime("%Y-%m-%d %H:%M")
    header = _("%(name)s posted at %(when)s") % {"name": post.author_name, "when": when}
    return f"[quote][color=#999999]{header}[/color]\n{text}[/quote]\n"


@transaction.atomic
def edit_post(*, post: Post, editor: User, body: str, title: str | None = None) -> Post:
    if not permissions.can_edit_post(editor, post):
        raise PermissionDenied(_("You may not edit this post."))
    new_title, body = clean_text(title if post.is_first and title is not None else None, body)
    verdict, (new_title, body) = check_all(new_title, body)
    if verdict.refused:
        raise ValidationError(verdict.refusal())
    exempt = permissions.is_board_moderator(editor, post.thread.board)
    waiting = post.awaiting_review or (post.is_first and post.thread.awaiting_review)
    hold = verdict.needs_review and not exempt and not waiting
    post.body = body
    _render(post, list(post.attachments.all()))
    post.edited_at, post.edited_by_name = timezone.now(), editor.username
    post.save(update_fields=["body", "body_html", "revealed_html", "edited_at", "edited_by_name"])
    if new_title and new_title != post.thread.title:
        Thread.objects.filter(pk=post.thread_id).update(title=new_title)
        post.thread.title = new_title
    if editor.pk != post.author_id:
        log_action(actor=editor, action="edit_post", member=post.author, target=str(post))
    touch_threads(post.thread)
    search_documents.index_post(post.pk, title_changed=bool(new_title))
    if hold:  # an edit that brings in a {MOD} word takes the post back to the queue
        from lanting.forum.services.review import hold_published_post  # it builds on this module

        hold_published_post(
            post=post,
            why=_("Edited; words held for review: %(words)s")
            % {"words": "、".join(verdict.review_words) or "?"},
        )
    return post


def touch_threads(*threads: Thread, boards: tuple[int, ...] = ()) -> None:
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
