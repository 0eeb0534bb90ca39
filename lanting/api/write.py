"""Members' writes, through the same services as the pages: one path for every rule."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Status

from lanting.accounts.models import User
from lanting.api import schemas
from lanting.api.auth import member_auth
from lanting.api.errors import ApiError
from lanting.api.read import article_out, comment_out, may_reveal, post_out, router, thread_out
from lanting.core.ratelimit import client_ip
from lanting.forum import selectors as forum
from lanting.forum import services as forum_services
from lanting.forum.models import Post
from lanting.portal import selectors as portal
from lanting.portal import services as portal_services

# The read router: a path that is read and written is one path for Django.
Created = Status[dict[str, Any]]
WRITE: dict[str, Any] = {"auth": member_auth, "tags": ["write"]}


def _member(request: HttpRequest) -> User:
    member = request.auth  # type: ignore[attr-defined]
    if not isinstance(member, User):
        raise ApiError(401)
    return member


def _reason(reason: str) -> str:
    return " ".join(reason.split())[:200]


@router.post(
    "/boards/{slug}/threads",
    response={201: schemas.ThreadOut},
    summary="Start a thread",
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    "GetThread": {
                        "operationId": "lanting_api_read_thread",
                        "parameters": {"thread_id": "$response.body#/id"},
                    },
                    "GetThreadPosts": {
                        "operationId": "lanting_api_read_thread_posts",
                        "parameters": {"thread_id": "$response.body#/id"},
                    },
                }
            }
        }
    },
    **WRITE,
)
def new_thread(request: HttpRequest, slug: str, payload: schemas.NewThreadIn) -> Created:
    member = _member(request)
    board = forum.board_for(slug, member)
    thread_type = None
    if payload.thread_type_id is not None:
        thread_type = board.thread_types.filter(pk=payload.thread_type_id).first()
        if thread_type is None:
            # A thread type the board does not have: not found, as a thread that is not there.
            message = _("Choose a thread type of this board.")
            raise ApiError(404, message, fields={"thread_type_id": [message]})
    created = forum_services.create_thread(
        board=board,
        author=member,
        title=payload.title,
        body=payload.body,
        markup=payload.markup,
        thread_type=thread_type,
        fields=payload.fields,
        ip_address=client_ip(request),
    )
    return Status(201, thread_out(request, created))


@router.post(
    "/threads/{int:thread_id}/posts",
    response={201: schemas.PostOut},
    summary="Reply to a thread",
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    "GetPost": {
                        "operationId": "lanting_api_read_post",
                        "parameters": {"post_id": "$response.body#/id"},
                    },
                    "EditPost": {
                        "operationId": "lanting_api_write_edit_post",
                        "parameters": {"post_id": "$response.body#/id"},
                    },
                    "DeletePost": {
                        "operationId": "lanting_api_write_delete_post",
                        "parameters": {"post_id": "$response.body#/id"},
                    },
                }
            }
        }
    },
    **WRITE,
)
def reply(request: HttpRequest, thread_id: int, payload: schemas.ReplyIn) -> Created:
    member = _member(request)
    current = forum.thread_for(thread_id, member, kept=False)
    quoted = None
    if payload.quoted_post_id is not None:
        quoted = Post.objects.filter(
            thread=current, pk=payload.quoted_post_id, is_deleted=False
        ).first()
    post = forum_services.reply_to_thread(
        thread=current,
        author=member,
        body=payload.body,
        markup=payload.markup,
        ip_address=client_ip(request),
        quoted=quoted,
    )
    return Status(201, post_out(request, post, reveal=True))


@router.patch("/posts/{int:post_id}", response=schemas.PostOut, summary="Edit a post", **WRITE)
def edit_post(request: HttpRequest, post_id: int, payload: schemas.EditPostIn) -> dict[str, Any]:
    member = _member(request)
    post = forum.post_for(post_id, member)  # first: a hidden post is 404 to everyone
    edited = forum_services.edit_post(
        post=post, editor=member, body=payload.body, title=payload.title
    )
    reveal = bool(edited.revealed_html) and may_reveal(request, edited.thread)
    return post_out(request, edited, reveal=reveal)


@router.delete(
    "/posts/{int:post_id}",
    response={204: None},
    summary="Delete a post (into the recycle bin)",
    description="Members delete their own replies; moderators any post, with a `reason` "
    "(sent to the author). Deleting a thread's first post deletes the thread.",
    **WRITE,
)
def delete_post(request: HttpRequest, post_id: int, reason: str = "") -> HttpResponse:
    member = _member(request)
    post = forum.post_for(post_id, member)
    own = post.author_id == member.pk and not post.is_first
    if not own:
        forum_services.ensure_moderator(member, post.thread.board)
        if not _reason(reason):
            message = _("Give a reason: the author is told it.")
            raise ApiError(400, message, fields={"reason": [message]})
    forum_services.delete_post(post=post, actor=member, reason=_reason(reason))
    return HttpResponse(status=204)


@router.delete(
    "/threads/{int:thread_id}",
    response={204: None},
    summary="Delete a thread (moderators; into the recycle bin)",
    **WRITE,
)
def delete_thread(request: HttpRequest, thread_id: int, reason: str = "") -> HttpResponse:
    member = _member(request)
    current = forum.thread_for(thread_id, member, kept=False)
    forum_services.ensure_moderator(member, current.board)
    if not _reason(reason):
        message = _("Give a reason: the author is told it.")
        raise ApiError(400, message, fields={"reason": [message]})
    forum_services.delete_thread(thread=current, moderator=member, reason=_reason(reason))
    return HttpResponse(status=204)


@router.post(
    "/articles/{int:article_id}/comments",
    response={201: schemas.CommentOut},
    summary="Comment on an article",
    **WRITE,
)
def comment(request: HttpRequest, article_id: int, payload: schemas.CommentIn) -> Created:
    member = _member(request)
    shown = portal.article_for_reader(article_id, member)
    try:
        created = portal_services.comment_on_article(
            article=shown, author=member, body=payload.body, ip_address=client_ip(request)
        )
    except PermissionDenied as refusal:
        raise ApiError(403, str(refusal) or None) from refusal
    return Status(201, comment_out(created))


__all__ = ["article_out", "router"]
