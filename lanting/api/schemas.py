"""What the API reads and writes, as the OpenAPI schema shows it."""

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from ninja import Field, Schema
from pydantic import ConfigDict


class NavLink(Schema):
    label: str
    href: str
    new_tab: bool


class SiteOut(Schema):
    name: str
    slogan: str
    short_name: str
    footer_text: str
    language: str
    time_zone: str
    header_nav: list[NavLink]
    main_nav: list[NavLink]
    footer_nav: list[NavLink]


class ThreadTypeOut(Schema):
    id: int
    name: str


class ThreadFieldOut(Schema):
    name: str
    label: str
    kind: str
    unit: str
    required: bool
    filterable: bool
    choices: list[str]


class BoardOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    parent_id: int | None
    section: str
    thread_count: int
    post_count: int
    posts_today: int
    last_thread_id: int | None
    last_thread_title: str
    last_poster_name: str
    last_post_at: dt.datetime | None
    url: str


class BoardDetailOut(BoardOut):
    rules: str
    thread_types: list[ThreadTypeOut]
    fields: list[ThreadFieldOut]


class SectionOut(Schema):
    name: str
    boards: list[BoardOut]


class ThreadOut(Schema):
    id: int
    board_id: int
    title: str
    author: str
    author_id: int | None
    thread_type: ThreadTypeOut | None
    fields: dict[str, Any]
    created_at: dt.datetime
    last_post_at: dt.datetime
    last_poster_name: str
    reply_count: int
    sticky: int
    digest: int
    is_closed: bool
    url: str


class ThreadPage(Schema):
    sticky: list[ThreadOut]
    items: list[ThreadOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page.")


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    is_image: bool
    url: str


class PostOut(Schema):
    id: int
    thread_id: int
    position: int
    author: str
    author_id: int | None
    markup: str
    body: str | None = Field(
        description="The source (BBCode or Markdown); null when it holds a [hide] part "
        "the reader may not see."
    )
    html: str = Field(description="Sanitized HTML, as the page shows it.")
    created_at: dt.datetime
    edited_at: dt.datetime | None
    is_deleted: bool
    attachments: list[AttachmentOut]
    url: str


class PostPage(Schema):
    items: list[PostOut]
    next_cursor: str | None


class CategoryOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    parent_id: int | None
    url: str


class ArticleOut(Schema):
    id: int
    title: str
    category_id: int
    publisher: str | None
    published_at: dt.datetime
    summary: str
    original_author: str
    source_name: str
    source_url: str
    comment_count: int
    allow_comments: bool
    url: str


class ArticleDetailOut(ArticleOut):
    html: str


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None


class CommentOut(Schema):
    id: int
    article_id: int
    author: str | None
    html: str
    created_at: dt.datetime


class CommentPage(Schema):
    items: list[CommentOut]
    next_cursor: str | None


class MemberOut(Schema):
    id: int
    username: str
    display_name: str
    group: str | None
    date_joined: dt.datetime
    post_count: int
    comment_count: int
    credits: int
    location: str
    bio: str
    url: str


class BanOut(Schema):
    member: str | None
    member_url: str | None
    kind: str
    kind_label: str
    moderator: str | None
    reason: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None


class BanPage(Schema):
    items: list[BanOut]
    next_cursor: str | None


class SearchHitOut(Schema):
    kind: str
    id: int
    url: str
    title_html: str
    snippet_html: str
    author: str
    context: str
    board_id: int | None
    created_at: dt.datetime


class SearchPage(Schema):
    query: str
    total: int
    total_is_capped: bool
    items: list[SearchHitOut]
    next_cursor: str | None


Markup = Literal["bbcode", "markdown"]
# Something besides spaces: what the services call empty, the schema refuses too.
WORDS = r"[^\s\x1c-\x1f\x85]"  # \x1c-\x1f, \x85: spaces to Python, not to JSON Schema


class NewThreadIn(Schema):
    title: str = Field(max_length=200, pattern=WORDS)
    body: str = Field(max_length=20000, pattern=WORDS)
    markup: Markup = "bbcode"
    thread_type_id: int | None = None
    fields: dict[str, str] = Field(default_factory=dict)


class ReplyIn(Schema):
    body: str = Field(max_length=20000, pattern=WORDS)
    markup: Markup = "bbcode"
    quoted_post_id: int | None = None


class EditPostIn(Schema):
    body: str = Field(max_length=20000, pattern=WORDS)
    title: str | None = Field(
        default=None, max_length=200, pattern=WORDS, description="For a thread's first post."
    )


class CommentIn(Schema):
    body: str = Field(max_length=5000, pattern=WORDS)


# Likes (支持 / 反对), favourites (收藏), private messages and reports (举报).


class VoteIn(Schema):
    attitude: Literal["support", "against"]


class VoteOut(Schema):
    post_id: int
    support: int
    against: int
    voted: Literal["support", "against"] | None = Field(
        description="The member's vote on the post now; null once taken back."
    )


# A member's name, as the To field reads names: no separators, no leading @.
# Commas and semicolons of either width, 、, spaces (\x1c-\x1f and \x85 named: Python's \s
# has them, JSON Schema's does not, and the two must agree on what a name is).
SEPARATORS = r",\uff0c\u3001;\uff1b\s\x1c-\x1f\x85"
MemberName = Annotated[str, Field(max_length=150, pattern=rf"^[^{SEPARATORS}@][^{SEPARATORS}]*$")]


class FavoriteOut(Schema):
    id: int
    kind: str
    item_id: int
    title: str
    url: str
    created_at: dt.datetime


class FavoritePage(Schema):
    items: list[FavoriteOut]
    next_cursor: str | None


class ConversationOut(Schema):
    id: int
    subject: str
    is_group: bool
    started_by: str | None
    participants: list[str] = Field(description="Who is in it now (you too).")
    message_count: int
    unread: int = Field(description="Messages you have not read.")
    created_at: dt.datetime
    last_message_at: dt.datetime
    url: str


class ConversationPage(Schema):
    items: list[ConversationOut]
    next_cursor: str | None


class MessageOut(Schema):
    id: int
    conversation_id: int
    author: str | None
    author_id: int | None
    markup: str
    body: str
    html: str
    created_at: dt.datetime


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut] = Field(description="One page of messages, oldest first.")
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next messages.")


class NewConversationIn(Schema):
    to: list[MemberName] = Field(min_length=1, max_length=10, description="Member names.")
    subject: str = Field("", max_length=80)
    body: str = Field(max_length=10000, pattern=WORDS)
    markup: Markup = "bbcode"


class MessageIn(Schema):
    body: str = Field(max_length=10000, pattern=WORDS)
    markup: Markup = "bbcode"


ReportTarget = Literal["post", "comment", "message", "member"]
ReportReason = Literal["spam", "abuse", "illegal", "porn", "fraud", "other"]
REASONS = get_args(ReportReason)


class ReportIn(Schema):
    model_config = ConfigDict(
        # "Something else" needs words: said in the schema, so a client knows before sending.
        json_schema_extra={
            "anyOf": [
                {"properties": {"reason": {"enum": [r for r in REASONS if r != "other"]}}},
                {"properties": {"text": {"pattern": WORDS}}, "required": ["text"]},
            ]
        }
    )

    target: ReportTarget
    id: int = Field(
        ge=1, le=2**63 - 1, description="The post's, comment's, message's or member's id."
    )
    reason: ReportReason
    text: str = Field(
        "", max_length=500, description="What is wrong; needed when the reason is `other`."
    )


class ReportOut(Schema):
    target: str
    id: int
    reason: str
    text: str
    created_at: dt.datetime
