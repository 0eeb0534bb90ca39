"""What a guest can read, through the same selectors and permission checks as the pages."""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from lanting.accounts.selectors import member_by_username
from lanting.accounts.services import title_group
from lanting.api import schemas
from lanting.api.errors import ApiError, default_message
from lanting.api.http import retry_after, too_many
from lanting.core.ratelimit import client_ip
from lanting.core.selectors import site_chrome
from lanting.forum import permissions as forum_permissions
from lanting.forum import selectors as forum
from lanting.forum.models import Board, Post, Thread
from lanting.moderation.selectors import darkroom_page
from lanting.pagecache.guests import keep_for_guests, show_on_page
from lanting.pagecache.language import LANGUAGE_PARAM, choose_language
from lanting.portal import selectors as portal
from lanting.portal.models import Article, Comment
from lanting.search import selectors as search
from lanting.search.documents import board_choices_for
from lanting.search.forms import FIRST_DAY, LAST_DAY, SearchForm
from lanting.search.models import Kind

router = Router(tags=["read"])
SEARCHES = 60  # a minute, from one address
THREAD_CURSOR = r"^\d{1,12}(\.\d{1,6})?_\d{1,18}$"
PAGE_CURSOR = r"^[1-9]\d{0,3}$"  # a page number, up to 9999
CURSOR_HELP = "From `next_cursor` of the page before."


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _page_cursor(cursor: str | None) -> int:
    """Opaque to clients; here the page number a list goes on from (its pattern checked)."""
    return int(cursor) if cursor else 1


def _next(page: Any) -> str | None:
    return str(page.number + 1) if page.has_next() else None


@router.get("/site", response=schemas.SiteOut, summary="The site: name, slogan, navigation")
def site(request: HttpRequest) -> dict[str, Any]:
    chrome = site_chrome()
    return {
        **chrome,
        "language": get_language(),
        "time_zone": timezone.get_current_timezone_name(),
    }


def board_out(request: HttpRequest, board: Board) -> dict[str, Any]:
    return {
        "id": board.pk,
        "slug": board.slug,
        "name": board.name,
        "description": board.description,
        "parent_id": board.parent_id,
        "section": board.section.name,
        "thread_count": board.thread_count,
        "post_count": board.post_count,
        "posts_today": board.posts_today,
        "last_thread_id": board.last_thread_id,
        "last_thread_title": board.last_thread_title,
        "last_poster_name": board.last_poster_name,
        "last_post_at": board.last_post_at,
        "url": _absolute(request, board.get_absolute_url()),
    }


@router.get("/boards", response=list[schemas.SectionOut], summary="Board groups and their boards")
def boards(request: HttpRequest) -> list[dict[str, Any]]:
    result = []
    for section, tops in forum.forum_index(request.user):
        listed: list[dict[str, Any]] = []
        for board in tops:
            listed.append(board_out(request, board))
            listed.extend(board_out(request, child) for child in getattr(board, "sub_boards", []))
        result.append({"name": section.name, "boards": listed})
    return result


@router.get("/boards/{slug}", response=schemas.BoardDetailOut, summary="One board")
def board(request: HttpRequest, slug: str) -> dict[str, Any]:
    current = forum.board_for(slug, request.user)
    return {
        **board_out(request, current),
        "rules": current.rules,
        "thread_types": [{"id": t.pk, "name": t.name} for t in current.thread_types.all()],
        "fields": [
            {
                "name": f.name,
                "label": f.label,
                "kind": f.kind,
                "unit": f.unit,
                "required": f.required,
                "filterable": f.filterable,
                "choices": f.choice_list,
            }
            for f in current.thread_fields.all()
        ],
    }


def thread_out(request: HttpRequest, thread: Thread) -> dict[str, Any]:
    kind = thread.thread_type
    return {
        "id": thread.pk,
        "board_id": thread.board_id,
        "title": thread.title,
        "author": thread.author_name,
        "author_id": thread.author_id,
        "thread_type": {"id": kind.pk, "name": kind.name} if kind else None,
        "fields": thread.fields if isinstance(thread.fields, dict) else {},
        "created_at": thread.created_at,
        "last_post_at": thread.last_post_at,
        "last_poster_name": thread.last_poster_name,
        "reply_count": thread.reply_count,
        "sticky": thread.sticky,
        "digest": thread.digest,
        "is_closed": thread.is_closed,
        "url": _absolute(request, thread.get_absolute_url()),
    }


class ThreadFilters(Schema):
    sort: Literal["last", "new"] = "last"
    cursor: str | None = Field(None, pattern=THREAD_CURSOR, description=CURSOR_HELP)
    type: int | None = Field(None, ge=1, le=2**31 - 1, description="A thread type's id.")


@router.get(
    "/boards/{slug}/threads",
    response=schemas.ThreadPage,
    summary="A board's threads, newest activity first",
    description=(
        "`sort=new` lists by creation. A board's classified fields filter the list as on its "
        "page: `?rent=800`, `?rent_min=500&rent_max=900` (the fields are in `GET /boards/{slug}`)."
        " Sticky threads come with the first page only."
    ),
)
def board_threads(request: HttpRequest, slug: str, filters: Query[ThreadFilters]) -> dict[str, Any]:
    current = forum.board_for(slug, request.user)
    cursor = filters.cursor or ""
    thread_type = filters.type
    listing = forum.board_listing(
        current,
        viewer=request.user,
        sort=filters.sort,
        cursor=cursor,
        thread_type=thread_type,
        filters={
            key: request.GET.get(key, "")[:100]
            for key in request.GET
            if key not in {"sort", "cursor", "type", "lang"}
        },
    )
    next_cursor = listing.next_cursor or None
    if not cursor and len(listing.threads) == forum.THREADS_PER_PAGE:
        last = listing.threads[-1]
        moment = last.created_at if listing.sort == "new" else last.last_post_at
        next_cursor = f"{moment.timestamp():.6f}_{last.pk}"
    return {
        "sticky": [thread_out(request, t) for t in listing.sticky] if not cursor else [],
        "items": [thread_out(request, t) for t in listing.threads],
        "next_cursor": next_cursor,
    }


@router.get("/threads/{int:thread_id}", response=schemas.ThreadOut, summary="One thread")
def thread(request: HttpRequest, thread_id: int) -> dict[str, Any]:
    return thread_out(request, forum.thread_for(thread_id, request.user))


def post_out(request: HttpRequest, post: Post, *, reveal: bool) -> dict[str, Any]:
    hidden = bool(post.revealed_html)
    own = getattr(request.user, "pk", None) is not None and post.author_id == request.user.pk
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "position": post.position,
        "author": post.author_name,
        "author_id": post.author_id,
        "markup": post.markup,
        # The source holds the [hide] part in clear: only for those who may read it.
        "body": post.body if not hidden or reveal or own else None,
        "html": post.revealed_html if hidden and reveal else post.body_html,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "is_deleted": post.is_deleted,
        "attachments": [
            {
                "id": a.pk,
                "name": a.name,
                "size": a.size,
                "is_image": a.is_image,
                "url": _absolute(request, a.get_absolute_url()),
            }
            for a in post.attachments.all()
        ],
        "url": _absolute(request, post.get_absolute_url()),
    }


def may_reveal(request: HttpRequest, thread: Thread) -> bool:
    return forum_permissions.can_see_hidden_content(
        request.user, thread, has_replied=forum.has_replied(request.user, thread)
    )


class PageCursor(Schema):
    cursor: str | None = Field(None, pattern=PAGE_CURSOR, description=CURSOR_HELP)


@router.get(
    "/threads/{int:thread_id}/posts",
    response=schemas.PostPage,
    summary="A thread's posts, floor by floor (20 a page)",
)
def thread_posts(request: HttpRequest, thread_id: int, paging: Query[PageCursor]) -> dict[str, Any]:
    # A guest's answer is kept and served as the thread's guest page is (pagecache): from
    # the cache before Django, dropped when the thread, its board or a poster changes,
    # 304 for If-None-Match. Kept only in the language the page cache keys it by.
    if get_language() == choose_language(
        request.GET.get(LANGUAGE_PARAM, ""), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    ):
        keep_for_guests(request)
    current = forum.thread_for(thread_id, request.user)
    page = _page_cursor(paging.cursor)
    posts = forum.posts_on_page(current, page, request.user) if page <= current.last_page else []
    authors = sorted({f"member:{p.author_id}" for p in posts if p.author_id})
    show_on_page(request, f"thread:{current.pk}", f"board:{current.board_id}", *authors)
    reveal = any(p.revealed_html for p in posts) and may_reveal(request, current)
    return {
        "items": [post_out(request, p, reveal=reveal) for p in posts],
        "next_cursor": str(page + 1) if page < current.last_page else None,
    }


@router.get("/posts/{int:post_id}", response=schemas.PostOut, summary="One post")
def post(request: HttpRequest, post_id: int) -> dict[str, Any]:
    found = forum.post_for(post_id, request.user)
    reveal = bool(found.revealed_html) and may_reveal(request, found.thread)
    return post_out(request, found, reveal=reveal)


def category_out(request: HttpRequest, category: Any) -> dict[str, Any]:
    return {
        "id": category.pk,
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "parent_id": category.parent_id,
        "url": _absolute(request, category.get_absolute_url()),
    }


@router.get("/categories", response=list[schemas.CategoryOut], summary="Article categories")
def categories(request: HttpRequest) -> list[dict[str, Any]]:
    return [category_out(request, c) for c in portal.categories()]


def article_out(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "title": article.title,
        "category_id": article.category_id,
        "publisher": article.publisher.username if article.publisher else None,
        "published_at": article.published_at,
        "summary": article.summary_text,
        "original_author": article.original_author,
        "source_name": article.source_name,
        "source_url": article.source_url,
        "comment_count": article.comment_count,
        "allow_comments": article.allow_comments,
        "url": _absolute(request, article.get_absolute_url()),
    }


class ArticleFilters(Schema):
    cursor: str | None = Field(None, pattern=PAGE_CURSOR, description=CURSOR_HELP)
    category: str | None = Field(None, description="A category's slug.")


@router.get(
    "/articles",
    response=schemas.ArticlePage,
    summary="Published articles, newest first; ?category=<slug> for one category",
)
def articles(request: HttpRequest, filters: Query[ArticleFilters]) -> dict[str, Any]:
    page_number = _page_cursor(filters.cursor)
    if filters.category:
        page = portal.category_page(portal.category_by_slug(filters.category), str(page_number))
    else:
        listed = portal.published_articles().defer("body", "body_html")
        page = Paginator(listed, portal.ARTICLES_PER_PAGE).get_page(page_number)
    if page.number != page_number and page_number > 1:
        return {"items": [], "next_cursor": None}
    return {"items": [article_out(request, a) for a in page], "next_cursor": _next(page)}


@router.get("/articles/{int:article_id}", response=schemas.ArticleDetailOut, summary="An article")
def article(request: HttpRequest, article_id: int) -> dict[str, Any]:
    shown = portal.article_for_reader(article_id, request.user)
    return {**article_out(request, shown), "html": shown.body_html}


def comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "article_id": comment.article_id,
        "author": comment.author.username if comment.author else None,
        "html": comment.body_html,
        "created_at": comment.created_at,
    }


@router.get(
    "/articles/{int:article_id}/comments",
    response=schemas.CommentPage,
    summary="An article's comments, newest first",
)
def article_comments(
    request: HttpRequest, article_id: int, paging: Query[PageCursor]
) -> dict[str, Any]:
    shown = portal.article_for_reader(article_id, request.user)
    page_number = _page_cursor(paging.cursor)
    page = portal.comments_page(shown, str(page_number))
    if page.number != page_number and page_number > 1:
        return {"items": [], "next_cursor": None}
    return {"items": [comment_out(c) for c in page], "next_cursor": _next(page)}


@router.get("/members/{username}", response=schemas.MemberOut, summary="A member's profile")
def member(request: HttpRequest, username: str) -> dict[str, Any]:
    shown = member_by_username(username)
    group = title_group(shown)
    return {
        "id": shown.pk,
        "username": shown.username,
        "display_name": shown.display_name,
        "group": group.shown_name if group else None,
        "date_joined": shown.date_joined,
        "post_count": shown.post_count,
        "comment_count": shown.comment_count,
        "credits": shown.credits,
        "location": shown.location,
        "bio": shown.bio,
        "url": _absolute(request, shown.get_absolute_url()),
    }


@router.get("/darkroom", response=schemas.BanPage, summary="小黑屋: members banned now")
def darkroom(request: HttpRequest, paging: Query[PageCursor]) -> dict[str, Any]:
    page_number = _page_cursor(paging.cursor)
    page = darkroom_page(str(page_number))
    if page.number != page_number and page_number > 1:
        return {"items": [], "next_cursor": None}
    items = [
        {
            "member": ban.member.username if ban.member else None,
            "member_url": _absolute(request, ban.member.get_absolute_url()) if ban.member else None,
            "kind": ban.kind,
            "kind_label": ban.get_kind_display(),
            "moderator": ban.moderator.username if ban.moderator else None,
            "reason": ban.reason,
            "starts_at": ban.starts_at,
            "ends_at": ban.ends_at,
        }
        for ban in page
    ]
    return {"items": items, "next_cursor": _next(page)}


class SearchParams(Schema):
    q: str = Field("", max_length=200)
    kind: Kind | None = None
    board: int | None = Field(None, ge=1, le=2**31 - 1, description="A board's id.")
    author: str = Field("", max_length=60)
    since: dt.date | None = None
    until: dt.date | None = None
    cursor: str | None = Field(None, pattern=PAGE_CURSOR, description=CURSOR_HELP)


@router.get(
    "/search/results",
    response=schemas.SearchPage,
    summary="Search threads, posts, articles and members",
    description="The same search as the site's: `kind`, `board`, `author`, `since`, `until` "
    "(YYYY-MM-DD) filter it. `/api/search` answers in the shape it always had.",
)
def search_results(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    page_number = _page_cursor(params.cursor)
    # A search costs the database more than any read: a tighter limit, as on the search page.
    if params.q and (seconds := retry_after(f"search:{client_ip(request)}", SEARCHES)):
        raise too_many(seconds)
    for name in ("since", "until"):  # a day out of the index's range finds what its edge finds
        if (day := getattr(params, name)) is not None:
            setattr(params, name, min(max(day, FIRST_DAY), LAST_DAY))
    data = {k: str(v) for k, v in params.dict().items() if k != "cursor" and v}
    boards = board_choices_for(request.user)
    if params.board is not None and params.board not in {pk for pk, _name in boards}:
        raise ApiError(404, fields={"board": [default_message(404)]})  # hidden, or none
    form = SearchForm(data, boards=boards)
    if not form.is_valid():
        fields = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        raise ApiError(400, fields=fields, code="invalid")
    cleaned = form.cleaned_data
    found = search.search(
        cleaned["q"],
        reader=request.user,
        kinds=[cleaned["kind"]] if cleaned["kind"] else [],
        board_id=cleaned["board"],
        author=cleaned["author"],
        since=cleaned["since"],
        until=cleaned["until"],
        page=page_number,
        per_page=search.PER_PAGE,
    )
    return {
        "query": cleaned["q"],
        "total": found.total,
        "total_is_capped": found.capped,
        "items": [
            {
                "kind": h.kind,
                "id": h.object_id,
                "url": _absolute(request, h.url),
                "title_html": str(h.title),
                "snippet_html": str(h.snippet),
                "author": h.author_name,
                "context": h.context,
                "board_id": h.board_id,
                "created_at": h.created_at,
            }
            for h in found.hits
        ],
        "next_cursor": str(page_number + 1) if found.has_next else None,
    }
