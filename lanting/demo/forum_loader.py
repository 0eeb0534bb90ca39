"""Load the demo forum: boards in the style of a London community site, threads and replies."""

import datetime as dt
from typing import Any

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from lanting.accounts.models import User
from lanting.demo import forum_content as content
from lanting.demo.members import joined_on
from lanting.forum import search_documents, services
from lanting.forum.markup import render_body
from lanting.forum.models import Board, Post, Section, Thread, ThreadField, ThreadType

LONG_THREAD_REPLIES = 360


def _member(username: str, password: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username.lower()}@demo.invalid", "date_joined": joined_on(username)},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def load_boards() -> dict[str, Board]:
    boards: dict[str, Board] = {}
    for section_order, (section_name, board_rows) in enumerate(content.SECTIONS, start=1):
        section, _ = Section.objects.update_or_create(
            name=section_name, defaults={"order": section_order}
        )
        for order, row in enumerate(board_rows, start=1):
            parent = boards.get(row.get("parent", ""))
            board, _ = Board.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "section": section,
                    "parent": parent,
                    "name": row["name"],
                    "description": row.get("description", ""),
                    "rules": row.get("rules", ""),
                    "order": order,
                },
            )
            boards[row["slug"]] = board
            for type_order, name in enumerate(row.get("types", []), start=1):
                ThreadType.objects.update_or_create(
                    board=board, name=name, defaults={"order": type_order}
                )
            for field_order, field in enumerate(row.get("fields", []), start=1):
                ThreadField.objects.update_or_create(
                    board=board,
                    name=field["name"],
                    defaults={
                        "label": field["label"],
                        "kind": field.get("kind", "text"),
                        "choices": field.get("choices", ""),
                        "unit": field.get("unit", ""),
                        "required": field.get("required", False),
                        "filterable": field.get("kind") in {"number", "choice"},
                        "order": field_order,
                    },
                )
    return boards


def _backdate_thread(thread: Thread, when: dt.datetime) -> None:
    """Demo threads look lived-in: move their times into the past, keeping their order."""
    Thread.objects.filter(pk=thread.pk).update(created_at=when, last_post_at=when)
    Post.objects.filter(thread=thread, position=1).update(created_at=when)


def _thread(board: Board, author: User, item: dict[str, Any]) -> Thread | None:
    if Thread.objects.filter(board=board, title=item["title"]).exists():
        return None
    thread_type = (
        ThreadType.objects.filter(board=board, name=item.get("type", "")).first()
        if item.get("type")
        else None
    )
    thread = services.create_thread(
        board=board,
        author=author,
        title=item["title"],
        body=item["body"],
        thread_type=thread_type,
        fields=item.get("fields", {}),
    )
    return thread


def load_forum(password: str) -> int:
    boards = load_boards()
    members = {name: _member(name, password) for name in content.AUTHORS}
    now = timezone.now()
    created = 0
    for item in sorted(content.THREADS, key=lambda t: -int(t.get("days_ago", 0))):
        board = boards[item["board"]]
        thread = _thread(board, members[item["author"]], item)
        if thread is None:
            continue
        created += 1
        start = now - dt.timedelta(days=int(item.get("days_ago", 0)), hours=3)
        _backdate_thread(thread, start)
        for reply in item.get("replies", []):
            post = services.reply_to_thread(
                thread=thread, author=members[reply["author"]], body=reply["body"]
            )
            when = min(now, start + dt.timedelta(hours=int(reply.get("hours_after", 1))))
            Post.objects.filter(pk=post.pk).update(created_at=when)
            Thread.objects.filter(pk=thread.pk).update(last_post_at=when)
        flags = {
            "sticky": int(item.get("sticky", 0)),
            "digest": int(item.get("digest", 0)),
            "is_closed": bool(item.get("closed", False)),
        }
        Thread.objects.filter(pk=thread.pk).update(**flags, views=F("reply_count") * 17 + 40)
        # Indexed again after the back-dating: search shows when each post was written.
        search_documents.index_thread(thread.pk, with_replies=True)
    created += _load_long_thread(boards, members, now)
    for board in boards.values():
        services.recount_board(board)
    posts = (
        Post.objects.filter(author=OuterRef("pk"), is_deleted=False)
        .order_by()
        .values("author")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.filter(pk__in=[m.pk for m in members.values()]).update(
        post_count=Coalesce(Subquery(posts), 0)
    )
    return created


def _load_long_thread(boards: dict[str, Board], members: dict[str, User], now: dt.datetime) -> int:
    data = content.LONG_THREAD
    board = boards[data.get("board", "life")]
    authors = list(members.values())
    thread = _thread(board, authors[0], {"title": data["title"], "body": data["body"]})
    if thread is None:
        return 0
    start = now - dt.timedelta(days=90)
    _backdate_thread(thread, start)
    templates = data["reply_templates"]
    rendered = [render_body(Post.Markup.BBCODE, text) for text in templates]
    step = dt.timedelta(days=90) / LONG_THREAD_REPLIES
    # Written in bulk (each body rendered once): the services would take as long
    # as several hundred members replying one after another.
    Post.objects.bulk_create(
        Post(
            thread=thread,
            position=n + 2,
            author=(author := authors[(n * 7 + 3) % len(authors)]),
            author_name=author.username,
            body=templates[n % len(templates)],
            body_html=rendered[n % len(templates)],
            created_at=start + step * (n + 1),
        )
        for n in range(LONG_THREAD_REPLIES)
    )
    services.recount_thread(thread)
    search_documents.index_thread(thread.pk, with_replies=True)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=start + step * LONG_THREAD_REPLIES, sticky=1, views=8800
    )
    return 1
