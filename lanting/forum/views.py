from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts import captcha
from lanting.accounts.middleware import visit_since
from lanting.accounts.selectors import member_of
from lanting.core.ratelimit import client_ip
from lanting.forum import permissions, postlist, reading, selectors, services, unread_holes
from lanting.forum.forms import (
    BulkModerateForm,
    DeleteForm,
    EditPostForm,
    ModerateForm,
    PostForm,
    ThreadForm,
)
from lanting.forum.markup import render_body
from lanting.forum.models import POSTS_PER_PAGE, Attachment, Board, Post, Thread, ThreadType
from lanting.forum.pending import has_own_pending
from lanting.forum.services import attachments as attachment_services
from lanting.forum.templatetags.forum import composer_words
from lanting.notifications.mentions import mention_problems
from lanting.notifications.watching import fill_watch_buttons, watch_key
from lanting.pagecache import requestmemo
from lanting.pagecache.guests import CHROME, cached_for_guests, count_on_page, show_on_page
from lanting.pagecache.members import Rendered, alike_key, may_share, shared_page
from lanting.polls import services as poll_services
from lanting.polls.forms import PollForm
from lanting.polls.holes import fill_polls


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            key = f"field_{name}" if f"field_{name}" in form.fields else None
            for message in errors:
                form.add_error(key, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _awaiting_review_message() -> str:
    return _("Your post is awaiting review: it shows to others once a moderator approves it.")


@cached_for_guests
def index(request: HttpRequest) -> HttpResponse:
    show_on_page(request, "forum")

    def page() -> HttpResponse:
        sections = selectors.forum_index(request.user)
        if request.user.is_authenticated:  # "new since your last visit": holes, filled below
            for _section, boards in sections:
                for board in boards:
                    board.since_hole = unread_holes.since_hole(board.last_post_at)  # type: ignore[attr-defined]
        return render(request, "forum/index.html", {"sections": sections})

    if not request.user.is_authenticated:
        return page()
    since, member_id = visit_since(request), int(request.user.pk)

    def fill(html: str) -> str:
        return unread_holes.fill(html, member_id, since)

    if may_share(request):
        # Members who see the same boards, on the same day (today's counts), share one copy
        # until a board changes ("forum"); what is new to each of them is a hole.
        key = alike_key(
            request,
            str(timezone.localdate()),
            _hidden_boards(request),
            unread_holes.version(),  # the holes' names: another secret key, a new copy
        )
        shared = shared_page(
            request,
            f"forum-index:{key}",
            lambda: Rendered(page(), [CHROME, "forum"], True),
            fill=fill,
        )
        if shared is not None:
            return shared
    response = page()
    response.content = fill(response.content.decode())
    return response


@cached_for_guests
def board(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.board_for(slug, request.user)
    show_on_page(request, "forum", f"board:{current.pk}")
    raw_type = request.GET.get("type", "")
    thread_type = int(raw_type) if raw_type.isascii() and raw_type.isdigit() else None
    if thread_type is not None and thread_type >= 2**31:
        thread_type = None
    is_moderator = permissions.is_board_moderator(request.user, current)
    can_post = permissions.post_refusal(request.user, current) is None

    def page() -> HttpResponse:
        listing = selectors.board_listing(
            current,
            viewer=request.user,
            sort=request.GET.get("sort", "last"),
            cursor=request.GET.get("after", ""),
            page=_board_page(request.GET.get("page", "1")),
            thread_type=thread_type,
            filters={
                key: request.GET.get(key, "")
                for key in request.GET
                if key not in {"sort", "after", "type", "page"}
            },
        )
        if request.user.is_authenticated:  # each member's unread markers: holes (unread_holes)
            unread_holes.mark([*listing.sticky, *listing.threads])
        context = {
            "board": current,
            "listing": listing,
            "thread_type": thread_type,
            "can_post": can_post,
            "is_moderator": is_moderator,
            "bulk_form": BulkModerateForm() if is_moderator else None,
        }
        return render(request, "forum/board.html", context)

    if not request.user.is_authenticated:
        return page()
    since, member_id = visit_since(request), int(request.user.pk)

    def fill(html: str) -> str:
        return fill_watch_buttons(unread_holes.fill(html, member_id, since), request)

    if may_share(request) and not is_moderator:
        _prefetch_holes(request, "board", current.pk)
        # Members who see the same boards and may post here alike share one copy of the
        # page until the board changes; their unread markers and 关注 button are holes.
        key = alike_key(request, str(can_post), _hidden_boards(request), unread_holes.version())
        tags = [CHROME, "forum", f"board:{current.pk}"]
        shared = shared_page(
            request, f"board:{key}", lambda: Rendered(page(), tags, True), fill=fill
        )
        if shared is not None:
            return shared
    response = page()
    response.content = fill(response.content.decode())
    return response


def _hidden_boards(request: HttpRequest) -> str:
    return ",".join(map(str, sorted(permissions.hidden_board_ids(request.user))))


def _prefetch_holes(request: HttpRequest, target: str, target_id: int) -> None:
    """What a member's holes on the page read (the account box's numbers, their 关注
    button): fetched in one round trip, not one each."""
    member: Any = request.user
    keys = [*member.account_count_keys(), watch_key(member.pk, target, target_id)]
    requestmemo.prefetch_keys(keys)


def _board_page(raw: str) -> int:
    """The page asked for; anything that is not a number is page 1 (past the end, the last)."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1


def _page_number(request: HttpRequest, last_page: int) -> int:
    raw = request.GET.get("page", "1")
    if raw == "last":
        return last_page
    try:
        number = int(raw)
    except ValueError:
        return 1
    if number < 1 or number > last_page:
        raise Http404
    return number


def _thread_page(
    request: HttpRequest,
    current: Thread,
    page: int,
    *,
    views: int,
    refusal: str | None,
    can_upload: bool,
    form: PostForm,
    own_links: bool,
    is_moderator: bool,
    quoted_id: int | None = None,
    preview: str = "",
    status: int = 200,
    own_pending: bool = False,
    captcha: bool = False,
) -> Rendered:
    """The thread page for this reader; a reply's refusal or preview shows in its reply box."""
    posts = postlist.thread_posts(
        request,
        current,
        page,
        may_reveal=lambda: permissions.can_see_hidden_content(
            request.user, current, has_replied=selectors.has_replied(request.user, current)
        ),
        can_quote=request.user.is_authenticated and refusal is None,
        is_moderator=is_moderator,
        own_links=own_links,
        own_pending=own_pending,
    )
    opening: Post | selectors.OpeningPost | None = None
    if posts.posts is not None:  # what search engines read: guests' and moderators' pages
        first = posts.posts[0] if posts.posts else None
        if page == 1 and first is not None and first.position == 1 and not first.is_deleted:
            opening = first
        else:
            opening = selectors.opening_post(current)
    response = render(
        request,
        "forum/thread.html",
        {
            "opening": opening,
            "thread": current,
            "board": current.board,
            "posts": posts.posts,
            "posts_html": posts.html,
            "page": page,
            "last_page": current.last_page,
            "views": views,
            "reply_refusal": refusal,
            "can_upload": can_upload,
            "form": form,
            "quoted_id": quoted_id,
            "preview": preview,
            "captcha": captcha,
            "is_moderator": is_moderator,
            "boards": Board.objects.all() if is_moderator else [],
        },
        status=status,
    )
    if own_links:  # rendered for this reader alone: their 关注 button and poll now
        response.content = fill_polls(
            fill_watch_buttons(response.content.decode(), request), request
        )
    tags = [CHROME, f"board:{current.board_id}", *posts.tags]
    return Rendered(response, tags, shareable=not posts.hidden)


def _quoted_post(current: Thread, raw: str | None) -> Post | None:
    """The post a reply quotes (``?quote=`` or the form's ``quoted``), if it is in this thread."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    return Post.objects.filter(thread=current, pk=int(raw), is_deleted=False).first()


@cached_for_guests
def thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    current = selectors.thread_for(thread_id, request.user)
    show_on_page(request, f"thread:{current.pk}", f"board:{current.board_id}")
    page = _page_number(request, current.last_page)
    if page == 1 and not current.is_deleted:
        seen = services.count_thread_view(current, for_guests=not request.user.is_authenticated)
        views = selectors.shown_views(current, seen)
        count_on_page(request, "thread", current.pk, shown=views, seen=seen)
    else:
        views = selectors.shown_views(current)
    refusal = (
        permissions.reply_refusal(request.user, current) if request.user.is_authenticated else None
    )
    # The reply box offers files only to those who may upload: part of what makes readers alike.
    can_upload = (
        request.user.is_authenticated
        and refusal is None
        and permissions.upload_refusal(request.user, current.board) is None
    )
    quote = request.GET.get("quote")
    quoted = _quoted_post(current, quote)
    initial = services.quote_source(quoted) if quoted else ""
    is_moderator = permissions.is_board_moderator(request.user, current.board)
    own_pending = not is_moderator and has_own_pending(request.user.pk, current)
    # The reply box carries the captcha (and loads its script) only for those who solve it.
    wants_captcha = refusal is None and captcha.shown_to(request.user)
    if request.user.is_authenticated:
        reading.record(
            request.user.pk, current.pk, min(page * POSTS_PER_PAGE, current.last_position)
        )

    def page_for_reader(own_links: bool) -> Rendered:
        return _thread_page(
            request,
            current,
            page,
            views=views,
            refusal=refusal,
            can_upload=can_upload,
            form=PostForm(initial={"body": initial}),
            own_links=own_links,
            is_moderator=is_moderator,
            quoted_id=quoted.pk if quoted else None,
            own_pending=own_pending,
            captcha=wants_captcha,
        )

    if may_share(request) and not is_moderator and not quote and not own_pending:
        _prefetch_holes(request, "thread", current.pk)
        # Members who may reply alike (or are refused alike) share one copy of the page.
        key = alike_key(
            request, refusal or "", "upload" if can_upload else "", "captcha" * wants_captcha
        )
        shared = shared_page(
            request,
            f"thread:{key}",
            lambda: page_for_reader(own_links=False),
            views=views,
            fill=lambda html: fill_polls(
                fill_watch_buttons(postlist.fill_own_links(html, request), request), request
            ),
        )
        if shared is not None:
            return shared
    return page_for_reader(own_links=True).response


@login_required
def first_unread(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Where the member stopped reading: the first post after it (the last, if all is read)."""
    current = selectors.thread_for(thread_id, request.user)
    post = reading.first_unread(member_of(request).pk, current)
    if post is None:
        return redirect(f"{current.get_absolute_url()}?page=last")
    return redirect(post.get_absolute_url())


def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.board_for(slug, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    member = member_of(request)
    refusal = permissions.post_refusal(member, current)
    if refusal:
        raise PermissionDenied(refusal)
    form = ThreadForm(current, request.POST or None, request.FILES or None)
    poll_form = PollForm(request.POST or None, prefix="poll")
    upload_refusal = permissions.upload_refusal(member, current)
    preview = ""
    if upload_refusal is not None:
        del form.fields["attachments"]  # offered only to those who may upload
    status = 200
    refused: ValidationError | None = None
    if request.method == "POST":
        status = 400
        if upload_refusal is not None and request.FILES.getlist("attachments"):
            form.is_valid()
            form.add_error(None, upload_refusal)  # files sent all the same: said, text kept
        elif "preview" in request.POST and form.is_valid():
            status = 200
            preview = render_body(form.cleaned_data["markup"], form.cleaned_data["body"])
        elif form.is_valid() & poll_form.is_valid():  # both checked: every error shown at once
            try:
                with transaction.atomic():  # a poll that fails leaves no thread behind
                    created = _create_thread(request, current, member, form, poll_form)
            except ValidationError as error:
                _add_errors(form, error)
                refused = error
            except PermissionDenied as refusal:  # e.g. no upload right: said, text kept
                form.add_error(None, str(refusal) or _("You may not post here."))
            else:
                if created.awaiting_review:
                    messages.info(request, _awaiting_review_message())
                _say_mention_problems(request, form.cleaned_data["body"], member)
                return redirect(created)
    form.fields["body"].widget.attrs["data-composer"] = composer_words()
    context = {
        "board": current,
        "form": form,
        "poll_form": poll_form,
        "preview": preview,
        "captcha": captcha.shown_to(member, refused),
    }
    return render(request, "forum/new_thread.html", context, status=status)


def _create_thread(
    request: HttpRequest, current: Board, member: Any, form: ThreadForm, poll_form: PollForm
) -> Thread:
    """The thread, and its poll when one was asked for; a poll's refusal goes on its form."""
    created = services.create_thread(
        board=current,
        author=member,
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
        markup=form.cleaned_data["markup"],
        thread_type=form.cleaned_data.get("thread_type"),
        fields=form.classified_values(),
        uploads=form.cleaned_data.get("attachments", []),
        ip_address=client_ip(request),
        proof=request.POST.get("altcha", ""),
    )
    values = poll_form.poll_values()
    if values is not None:
        try:
            poll_services.start_poll(thread=created, author=member, **values)
        except ValidationError as error:
            for message in error.messages:
                poll_form.add_error("options", message)
            raise ValidationError(_("The poll needs fixing: see below.")) from None
    return created


def _say_mention_problems(request: HttpRequest, body: str, author: Any) -> None:
    """@names that reach nobody are said, so the author knows who was not told."""
    unknown, muted = mention_problems(body, author)
    if unknown:
        names = "、".join(f"@{name}" for name in unknown)
        messages.warning(
            request, _("No member is called %(names)s: nobody was told.") % {"names": names}
        )
    if muted:
        names = "、".join(f"@{name}" for name in muted)
        messages.warning(
            request,
            _("%(names)s does not take notices from you: they were not told.") % {"names": names},
        )


@require_POST
def reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    current = selectors.thread_for(thread_id, request.user, kept=False)
    if not request.user.is_authenticated:
        return redirect_to_login(current.get_absolute_url())
    member = member_of(request)
    can_upload = permissions.upload_refusal(member, current.board) is None
    form = PostForm(request.POST, request.FILES)
    quoted = _quoted_post(current, request.POST.get("quoted"))
    preview, status = "", 400
    refused: ValidationError | None = None
    if "preview" in request.POST and form.is_valid():  # the same renderer as the saved post
        preview, status = render_body(form.cleaned_data["markup"], form.cleaned_data["body"]), 200
    elif form.is_valid():
        try:
            post = services.reply_to_thread(
                thread=current,
                author=member,
                body=form.cleaned_data["body"],
                markup=form.cleaned_data["markup"],
                uploads=form.cleaned_data["attachments"],
                ip_address=client_ip(request),
                quoted=quoted,
                proof=request.POST.get("altcha", ""),
            )
        except ValidationError as error:
            _add_errors(form, error)
            refused = error
        except PermissionDenied as refusal:  # closed meanwhile, banned, no right: said, text kept
            form.add_error(None, str(refusal) or _("You may not reply here."))
        else:
            if post.awaiting_review:
                messages.info(request, _awaiting_review_message())
            _say_mention_problems(request, form.cleaned_data["body"], member)
            return redirect(post)
    # Back on the thread page the member was on, the reply box holding the text and the answer.
    page = _board_page(request.POST.get("page", ""))
    page = page if 1 <= page <= current.last_page and "page" in request.POST else current.last_page
    return _thread_page(
        request,
        current,
        page,
        views=selectors.shown_views(current),
        refusal=None,  # the form stays, so the text can be kept or copied even when refused
        can_upload=can_upload,
        form=form,
        own_links=True,
        is_moderator=permissions.is_board_moderator(member, current.board),
        quoted_id=quoted.pk if quoted else None,
        preview=preview,
        status=status,
        captcha=captcha.shown_to(member, refused),
    ).response


def edit_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(post_id, request.user)  # first: a hidden post is 404 to everyone
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    member = member_of(request)
    if not permissions.can_edit_post(member, post):
        raise PermissionDenied(_("You may not edit this post."))
    initial = {"body": post.body, "title": post.thread.title if post.is_first else ""}
    form = EditPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                post=post,
                editor=member,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title") or None,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect(post)
    return render(
        request,
        "forum/edit_post.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


def _confirm_delete(
    request: HttpRequest, *, thread: Thread, post: Post | None, needs_reason: bool
) -> tuple[DeleteForm, bool]:
    """The confirmation form; True once it was sent back confirmed and valid."""
    form = DeleteForm(request.POST if request.method == "POST" else None, needs_reason=needs_reason)
    return form, request.method == "POST" and form.is_valid()


@login_required
def delete_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """Asks first (what goes, and why: the reason goes to the author and the log)."""
    post = selectors.post_for(post_id, request.user)
    actor = member_of(request)
    own = post.author_id == actor.pk and not post.is_first
    if not own:
        services.ensure_moderator(actor, post.thread.board)
    if post.is_first:
        return redirect("forum:thread-delete", thread_id=post.thread_id)
    form, confirmed = _confirm_delete(request, thread=post.thread, post=post, needs_reason=not own)
    if confirmed:
        services.delete_post(post=post, actor=actor, reason=form.cleaned_data["reason"])
        messages.success(request, _("Moved to the recycle bin."))
        return redirect(post.thread)
    context = {"thread": post.thread, "post": post, "form": form}
    return render(request, "forum/confirm_delete.html", context, status=400 if form.errors else 200)


@login_required
def delete_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    current = selectors.thread_for(thread_id, request.user, kept=False)
    moderator = member_of(request)
    services.ensure_moderator(moderator, current.board)
    form, confirmed = _confirm_delete(request, thread=current, post=None, needs_reason=True)
    if confirmed:
        services.delete_thread(
            thread=current, moderator=moderator, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Moved to the recycle bin."))
        return redirect(current.board)
    context = {"thread": current, "post": None, "form": form}
    return render(request, "forum/confirm_delete.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def moderate(request: HttpRequest, thread_id: int) -> HttpResponse:
    current = selectors.thread_for(thread_id, request.user, kept=False)
    moderator = member_of(request)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That moderation request was not understood."))
        return redirect(current)
    data = form.cleaned_data
    action = data["action"]
    try:
        if action == "stick":
            services.stick_thread(thread=current, moderator=moderator, level=data["level"] or 0)
        elif action == "digest":
            services.digest_thread(thread=current, moderator=moderator, level=data["level"] or 0)
        elif action in {"close", "open"}:
            services.close_thread(thread=current, moderator=moderator, closed=action == "close")
        elif action == "move" and data["board"]:
            target = data["board"]
            types = list(target.thread_types.all()) if target.pk != current.board_id else []
            if types and "thread_type" not in request.POST:
                return _choose_thread_type(request, current, target, types)
            chosen = next((t for t in types if str(t.pk) == data["thread_type"]), None)
            services.move_thread(
                thread=current, moderator=moderator, board=target, thread_type=chosen
            )
        elif action == "delete":
            services.ensure_moderator(moderator, current.board)
            return redirect("forum:thread-delete", thread_id=current.pk)
        elif action == "restore":
            services.restore_thread(thread=current, moderator=moderator)
        elif action == "merge" and data["target"]:
            target = get_object_or_404(Thread, pk=data["target"])
            merged = services.merge_threads(source=current, target=target, moderator=moderator)
            return redirect(merged)
        elif action == "delete_posts":
            count = services.delete_posts(
                thread=current,
                post_ids=_ticked_posts(request),
                moderator=moderator,
                reason=data["reason"] or "",
            )
            messages.success(
                request, _("%(count)s replies moved to the recycle bin.") % {"count": count}
            )
            return redirect(current)
        elif action == "split":
            ids = _ticked_posts(request)
            new = services.split_thread(
                thread=current, post_ids=ids, title=data["title"] or "", moderator=moderator
            )
            return redirect(new)
        else:
            raise ValidationError(_("That moderation request was not understood."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Done."))
    return redirect(current)


@require_POST
@login_required
def board_moderate(request: HttpRequest, slug: str) -> HttpResponse:
    """Close, stick, digest, move or delete the threads ticked on a board page, at once."""
    current = selectors.board_for(slug, request.user)
    moderator = member_of(request)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts=None) or not back.startswith("/"):
        back = current.get_absolute_url()
    services.ensure_moderator(moderator, current)
    form = BulkModerateForm(request.POST)
    raw = request.POST.getlist("threads")
    ids = [int(p) for p in raw if p.isascii() and p.isdigit() and len(p) < 19]
    threads = list(
        Thread.objects.filter(pk__in=ids, board=current).select_related("board", "author")
    )
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the ticked threads."))
        return redirect(back)
    data = form.cleaned_data
    try:
        done = services.bulk_moderate(
            threads=threads,
            moderator=moderator,
            action=data["action"],
            board=data["board"],
            reason=data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except PermissionDenied as refusal:  # e.g. a board they do not moderate: nothing was done
        messages.error(request, str(refusal))
    else:
        action = dict(form.fields["action"].choices)[data["action"]]  # type: ignore[attr-defined]
        messages.success(
            request,
            _("%(action)s: done for %(count)s threads.") % {"action": action, "count": done},
        )
    return redirect(back)


def _ticked_posts(request: HttpRequest) -> list[int]:
    # Ticked checkboxes arrive as several "posts" values; a typed list as one.
    raw = " ".join(request.POST.getlist("posts")).replace(",", " ").split()
    return [int(p) for p in raw if p.isascii() and p.isdigit() and len(p) < 19]


def _choose_thread_type(
    request: HttpRequest, thread: Thread, target: Board, types: list[ThreadType]
) -> HttpResponse:
    """The new board sorts its threads by type: the moderator picks one (nothing dropped unseen)."""
    same = next(
        (t for t in types if thread.thread_type and t.name == thread.thread_type.name), None
    )
    context = {"thread": thread, "target": target, "types": types, "preselected": same}
    return render(request, "forum/move.html", context)


@require_POST
@login_required
def restore_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(post_id, request.user)
    services.restore_post(post=post, moderator=member_of(request))
    return redirect(post)


@login_required
def recycle_bin(request: HttpRequest) -> HttpResponse:
    threads, posts = selectors.recycle_bin(request.user)
    return render(request, "forum/recycle_bin.html", {"threads": threads, "posts": posts})


def _to_object_storage(url: str) -> HttpResponse:
    """The reader may see it: off to the object store, by a URL that soon expires.

    The browser may keep the redirect (only for this reader) while the URL is good.
    """
    response = HttpResponseRedirect(url)
    seconds = settings.STORAGES["attachments"].get("OPTIONS", {}).get("querystring_expire", 0)
    response["Cache-Control"] = f"private, max-age={max(int(seconds) // 2, 0)}"
    return response


def attachment(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    item = get_object_or_404(
        Attachment.objects.select_related("post__thread__board"), pk=attachment_id
    )
    post = item.post
    if post is None or not permissions.can_view_board(request.user, post.thread.board):
        raise Http404
    if (post.is_deleted or post.thread.is_deleted) and not permissions.is_board_moderator(
        request.user, post.thread.board
    ):
        raise Http404
    if request.GET.get("thumb") and item.thumbnail:
        remote = attachment_services.signed_url(item, thumbnail=True)
        if remote:
            return _to_object_storage(remote)
        return FileResponse(item.thumbnail.open("rb"), content_type="image/webp")
    Attachment.objects.filter(pk=item.pk).update(downloads=F("downloads") + 1)
    remote = attachment_services.signed_url(item)
    if remote:
        return _to_object_storage(remote)
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=not item.is_image,
        filename=item.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
