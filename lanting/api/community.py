"""Likes, favourites, private messages and reports: the pages' services, their refusals.

Each operation finds what it acts on as the page does (a hidden post or thread is 404),
then makes the one service call the page makes; a refusal comes back in the one error
shape, in the requester's language.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Status

from lanting.accounts.models import User
from lanting.api import schemas
from lanting.api.errors import ApiError
from lanting.api.read import PageCursor, _absolute, _next, _page_cursor, router
from lanting.api.webhooks import REPORTABLE
from lanting.api.write import WRITE, Created, _member
from lanting.favorites import selectors as favorite_selectors
from lanting.favorites import services as favorite_services
from lanting.favorites.models import Favorite
from lanting.forum import selectors as forum
from lanting.forum.models import Post, Thread
from lanting.messages import selectors as pm
from lanting.messages import services as pm_services
from lanting.messages.models import Message, Participant
from lanting.moderation import queue, targets
from lanting.portal import selectors as portal
from lanting.portal.models import Article
from lanting.reactions import services as reactions
from lanting.reactions.models import PostVote

# ------------------------------------------------------------------ likes (支持 / 反对)

ATTITUDES = {"support": PostVote.Attitude.SUPPORT, "against": PostVote.Attitude.AGAINST}
VOTE_STATUS = {"own": 403, "refused": 403, "already": 409, "not_voted": 409}


def _vote_refused(refusal: reactions.Refused) -> ApiError:
    if not refusal.visible:
        return ApiError(404, refusal.message)
    code = refusal.code if refusal.code != "refused" else None  # a plain refusal: forbidden
    return ApiError(VOTE_STATUS.get(refusal.code, 403), refusal.message, code=code)


def _votes(post: Post, voted: str | None) -> dict[str, Any]:
    post.refresh_from_db(fields=["support", "against"])
    return {"post_id": post.pk, "support": post.support, "against": post.against, "voted": voted}


@router.post(
    "/posts/{int:post_id}/vote",
    response={201: schemas.VoteOut},
    summary="Support (支持) or vote against (反对) a post",
    description="Once per post; not on your own. `DELETE` takes the vote back.",
    **WRITE,
)
def vote(request: HttpRequest, post_id: int, payload: schemas.VoteIn) -> Created:
    member = _member(request)
    post = forum.post_for(post_id, member)
    try:
        reactions.vote_on_post(member=member, post=post, attitude=ATTITUDES[payload.attitude])
    except reactions.Refused as refusal:
        raise _vote_refused(refusal) from None
    return Status(201, _votes(post, payload.attitude))


@router.delete(
    "/posts/{int:post_id}/vote",
    response=schemas.VoteOut,
    summary="Take back your vote on a post",
    **WRITE,
)
def undo_vote(request: HttpRequest, post_id: int) -> dict[str, Any]:
    member = _member(request)
    post = forum.post_for(post_id, member)
    try:
        reactions.undo_post_vote(member=member, post=post)
    except reactions.Refused as refusal:
        raise _vote_refused(refusal) from None
    return _votes(post, None)


# ------------------------------------------------------------------ favourites (收藏)

FAVORITE_STATUS = {"already": 409, "missing": 404, "refused": 404}


def _favorite_out(request: HttpRequest, favorite: Favorite) -> dict[str, Any]:
    item = favorite.thread or favorite.article or favorite.board
    return {
        "id": favorite.pk,
        "kind": favorite.kind,
        "item_id": item.pk if item is not None else 0,
        "title": getattr(item, "title", None) or getattr(item, "name", ""),
        "url": _absolute(request, item.get_absolute_url()) if item is not None else "",
        "created_at": favorite.created_at,
    }


def _favorite_refused(refusal: favorite_services.Refused) -> ApiError:
    code = refusal.code if refusal.code != "refused" else None  # not theirs to see: not found
    return ApiError(FAVORITE_STATUS.get(refusal.code, 404), refusal.message, code=code)


def _add_favorite(request: HttpRequest, item: Thread | Article) -> Created:
    try:
        favorite = favorite_services.add_favorite(member=_member(request), item=item)
    except favorite_services.Refused as refusal:
        raise _favorite_refused(refusal) from None
    return Status(201, _favorite_out(request, favorite))


def _remove_favorite(request: HttpRequest, item: Thread | Article) -> HttpResponse:
    try:
        favorite_services.remove_favorite_of(member=_member(request), item=item)
    except favorite_services.Refused as refusal:
        raise _favorite_refused(refusal) from None
    return HttpResponse(status=204)


@router.get(
    "/favorites",
    response=schemas.FavoritePage,
    summary="Your favourites, newest first",
    auth=WRITE["auth"],
    tags=["favourites"],
)
def favorites(request: HttpRequest, paging: Query[PageCursor]) -> dict[str, Any]:
    number = _page_cursor(paging.cursor)
    page = favorite_selectors.favorites_page(_member(request), None, str(number))
    if page.number != number:
        return {"items": [], "next_cursor": None}
    return {"items": [_favorite_out(request, f) for f in page], "next_cursor": _next(page)}


@router.post(
    "/threads/{int:thread_id}/favorite",
    response={201: schemas.FavoriteOut},
    summary="Keep a thread in your favourites",
    **WRITE,
)
def favorite_thread(request: HttpRequest, thread_id: int) -> Created:
    return _add_favorite(request, forum.thread_for(thread_id, _member(request), kept=False))


@router.delete(
    "/threads/{int:thread_id}/favorite",
    response={204: None},
    summary="Take a thread out of your favourites",
    **WRITE,
)
def unfavorite_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    return _remove_favorite(request, forum.thread_for(thread_id, _member(request), kept=False))


@router.post(
    "/articles/{int:article_id}/favorite",
    response={201: schemas.FavoriteOut},
    summary="Keep an article in your favourites",
    **WRITE,
)
def favorite_article(request: HttpRequest, article_id: int) -> Created:
    return _add_favorite(request, portal.article_for_reader(article_id, _member(request)))


@router.delete(
    "/articles/{int:article_id}/favorite",
    response={204: None},
    summary="Take an article out of your favourites",
    **WRITE,
)
def unfavorite_article(request: HttpRequest, article_id: int) -> HttpResponse:
    return _remove_favorite(request, portal.article_for_reader(article_id, _member(request)))


# ------------------------------------------------------------------ private messages

# Why the messages service refused (its code), as a status: a name that is no member's is
# not found; someone who blocks you, yourself, a closed account may not be written to.
MESSAGE_REFUSALS = {"to_unknown": 404, "to_blocked": 403, "to_self": 403, "to_closed": 403}
MESSAGE_FIELDS = {"to", "body", "subject"}


def _pm_refused(error: ValidationError) -> ApiError:
    """A refusal of the messages service, beside the field it is about (its code)."""
    messages = [str(m) for m in error.messages]
    message = " ".join(messages)
    code = str(getattr(error, "code", "") or "")
    field = code.partition("_")[0]
    fields = {field: messages} if field in MESSAGE_FIELDS else {}
    if code in MESSAGE_REFUSALS:
        return ApiError(MESSAGE_REFUSALS[code], message, code=code, fields=fields)
    if fields:
        return ApiError(400, message, code="invalid", fields=fields)
    return ApiError(403, message)  # the member's group or a ban: not theirs to do


def _conversation_out(request: HttpRequest, line: Participant) -> dict[str, Any]:
    conversation = line.conversation
    present = getattr(conversation, "present", [])
    return {
        "id": conversation.pk,
        "subject": conversation.subject,
        "is_group": conversation.is_group,
        "started_by": conversation.started_by.username if conversation.started_by else None,
        "participants": [p.member.username for p in present],
        "message_count": conversation.message_count,
        "unread": line.unread,
        "created_at": conversation.created_at,
        "last_message_at": conversation.last_message_at,
        "url": _absolute(request, conversation.get_absolute_url()),
    }


def _message_out(message: Message) -> dict[str, Any]:
    return {
        "id": message.pk,
        "conversation_id": message.conversation_id,
        "author": message.author.username if message.author else None,
        "author_id": message.author_id,
        "markup": message.markup,
        "body": message.body,
        "html": message.body_html,
        "created_at": message.created_at,
    }


PM: dict[str, Any] = {"auth": WRITE["auth"], "tags": ["private messages"]}


@router.get(
    "/conversations",
    response=schemas.ConversationPage,
    summary="Your private conversations, the latest message first",
    **PM,
)
def conversations(request: HttpRequest, paging: Query[PageCursor]) -> dict[str, Any]:
    number = _page_cursor(paging.cursor)
    page = pm.inbox_page(_member(request).pk, number)
    if page.number != number:
        return {"items": [], "next_cursor": None}
    items = [_conversation_out(request, line) for line in page]
    return {"items": items, "next_cursor": _next(page)}


@router.post(
    "/conversations",
    response={201: schemas.ConversationDetailOut},
    summary="Start a private conversation",
    description="Refused, naming `to`, when someone you write to blocks you.",
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    "GetConversation": {
                        "operationId": "lanting_api_community_conversation",
                        "parameters": {"conversation_id": "$response.body#/id"},
                    },
                    "ReplyInConversation": {
                        "operationId": "lanting_api_community_send_message",
                        "parameters": {"conversation_id": "$response.body#/id"},
                    },
                }
            }
        }
    },
    **{**WRITE, "tags": PM["tags"]},
)
def start_conversation(request: HttpRequest, payload: schemas.NewConversationIn) -> Created:
    member = _member(request)
    try:
        started = pm_services.start_conversation(
            author=member,
            to=",".join(payload.to),
            subject=payload.subject,
            body=payload.body,
            markup=payload.markup,
        )
    except ValidationError as error:
        raise _pm_refused(error) from None
    return Status(201, _conversation_detail(request, member, started.pk, None))


def _conversation_detail(
    request: HttpRequest, member: User, conversation_id: int, cursor: str | None
) -> dict[str, Any]:
    line = pm.place_in(member, conversation_id)
    number = _page_cursor(cursor)
    page = pm.messages_page(line.conversation, number)
    shown = list(page) if page.number == number else []
    if shown:
        pm_services.mark_read(line)  # as the conversation's page does
    return {
        **_conversation_out(request, line),
        "messages": [_message_out(m) for m in shown],
        "next_cursor": _next(page) if shown else None,
    }


@router.get(
    "/conversations/{int:conversation_id}",
    response=schemas.ConversationDetailOut,
    summary="One of your conversations, its messages oldest first (marks it read)",
    description="404 for a conversation you are not in.",
    **PM,
)
def conversation(
    request: HttpRequest, conversation_id: int, paging: Query[PageCursor]
) -> dict[str, Any]:
    return _conversation_detail(request, _member(request), conversation_id, paging.cursor)


@router.post(
    "/conversations/{int:conversation_id}/messages",
    response={201: schemas.MessageOut},
    summary="Answer in one of your conversations",
    **{**WRITE, "tags": PM["tags"]},
)
def send_message(request: HttpRequest, conversation_id: int, payload: schemas.MessageIn) -> Created:
    member = _member(request)
    line = pm.place_in(member, conversation_id)
    try:
        message = pm_services.reply(
            conversation=line.conversation, author=member, body=payload.body, markup=payload.markup
        )
    except ValidationError as error:
        raise _pm_refused(error) from None
    return Status(201, _message_out(message))


# ------------------------------------------------------------------ reports (举报)


def _reported(label: str, object_id: int, member: User) -> Any:
    """What is reported, found as the report page finds it: 404 unless the member sees it."""
    kind = targets.kind_for_label(label)
    if kind is None:
        raise Http404
    found = apps.get_model(label)._default_manager.filter(pk=object_id).first()
    if found is None or not kind.visible_to(found, member):
        raise Http404
    return found


@router.post(
    "/reports",
    response={201: schemas.ReportOut},
    summary="Report (举报) a post, a comment, a message sent to you, or a profile",
    description="Moderators see it in their queue; reports of one item gather there. "
    "Reporting the same item twice is a 409.",
    **{**WRITE, "tags": ["reports"]},
)
def report(request: HttpRequest, payload: schemas.ReportIn) -> Created:
    member = _member(request)
    target = _reported(REPORTABLE[payload.target], payload.id, member)
    try:
        entry = queue.report_content(
            target=target, reporter=member, reason=payload.reason, text=payload.text
        )
    except ValidationError as error:
        message = " ".join(error.messages)
        if getattr(error, "code", None) == "duplicate":
            raise ApiError(409, message, code="already_reported") from None
        if getattr(error, "code", None) == "own":
            raise ApiError(403, message, code="own") from None
        raise ApiError(400, message, code="invalid") from None
    made = entry.reports.get(reporter=member)
    out = {"target": payload.target, "id": target.pk, "reason": made.reason, "text": made.text}
    return Status(201, {**out, "created_at": made.created_at})


__all__ = ["router"]
