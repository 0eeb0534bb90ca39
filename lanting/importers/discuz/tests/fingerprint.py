"""What an import left in a database, keyed by the old site's ids, as JSON on stdout.

    DATABASE_URL=... python -m lanting.importers.discuz.tests.fingerprint

The kill test runs it against two databases, one imported in a single run and one
whose import was killed and run again, and compares the two: rows, links, every
counter and what search finds. New ids may differ between the two (PostgreSQL does
not give back the ids of a rolled-back batch), so everything is told by old id.
"""

import json
import os
import sys
from typing import Any


def fingerprint() -> dict[str, Any]:
    from django.db.models import Count

    from lanting.accounts.models import CreditEntry, User
    from lanting.forum.models import Board, Post, Thread
    from lanting.importers.discuz.models import LegacyLink
    from lanting.messages.models import Conversation, Message, Participant
    from lanting.polls.models import Ballot, Poll, PollOption, PostRating, Vote
    from lanting.reactions.models import PostVote
    from lanting.search import selectors
    from lanting.search.models import SearchEntry

    old: dict[str, dict[int, int]] = {}
    for kind, new_id, old_id in LegacyLink.objects.values_list("kind", "new_id", "old_id"):
        old.setdefault(kind, {})[new_id] = old_id
    tid, pid, uid = old.get("thread", {}), old.get("post", {}), old.get("member", {})
    fid, plid = old.get("board", {}), old.get("pmlist", {})
    models = [
        User,
        CreditEntry,
        Board,
        Thread,
        Post,
        PostVote,
        Poll,
        PollOption,
        Ballot,
        Vote,
        PostRating,
        Conversation,
        Participant,
        Message,
        SearchEntry,
    ]
    out: dict[str, Any] = {
        "rows": {model.__name__: model._default_manager.count() for model in models},
        "links": {kind: len(ids) for kind, ids in sorted(old.items())},
        "distinct_posts": Post.objects.values("thread_id", "position").distinct().count(),
    }
    out["threads"] = {
        tid[pk]: [replies, last, views, str(at), poster, add]
        for pk, replies, last, views, at, poster, add in Thread.objects.filter(
            pk__in=list(tid)
        ).values_list(
            "pk",
            "reply_count",
            "last_position",
            "views",
            "last_post_at",
            "last_poster_name",
            "recommend_add",
        )
    }
    out["boards"] = {
        fid[pk]: [threads, posts, tid.get(last), str(at), poster, title]
        for pk, threads, posts, last, at, poster, title in Board.objects.filter(
            pk__in=list(fid)
        ).values_list(
            "pk",
            "thread_count",
            "post_count",
            "last_thread_id",
            "last_post_at",
            "last_poster_name",
            "last_thread_title",
        )
    }
    out["members"] = {
        uid[pk]: [posts, credits]
        for pk, posts, credits in User.objects.filter(pk__in=list(uid)).values_list(
            "pk", "post_count", "credits"
        )
    }
    out["posts"] = sorted(
        [pid[pk], tid.get(thread), position, support]
        for pk, thread, position, support in Post.objects.values_list(
            "pk", "thread_id", "position", "support"
        )
    )
    options: dict[int, list[int]] = {}
    for poll, votes in PollOption.objects.order_by("poll_id", "order").values_list(
        "poll_id", "votes"
    ):
        options.setdefault(poll, []).append(votes)
    ballots: dict[int, int] = dict(
        Ballot.objects.order_by()
        .values("poll_id")
        .annotate(n=Count("pk"))
        .values_list("poll_id", "n")
    )
    out["polls"] = {
        tid[thread]: [voters, options.get(pk, []), ballots.get(pk, 0)]
        for pk, thread, voters in Poll.objects.values_list("pk", "thread_id", "voter_count")
    }
    out["ratings"] = sorted(
        [pid[post], uid.get(rater), score]
        for post, rater, score in PostRating.objects.values_list("post_id", "rater_id", "score")
    )
    out["conversations"] = {
        plid[pk]: [count, str(at)]
        for pk, count, at in Conversation.objects.values_list(
            "pk", "message_count", "last_message_at"
        )
    }
    ids = {"thread": tid, "post": pid, "member": uid}
    out["search_entries"] = sorted(
        [kind, ids.get(kind, {}).get(object_id)]
        for kind, object_id in SearchEntry.objects.values_list("kind", "object_id")
    )
    out["searches"] = {}
    for words, author in (("火锅", ""), ("伦敦 押金", "m7"), ("Oyster", "m12")):
        found = selectors.search(words, author=author)
        out["searches"][f"{words}/{author}"] = {
            "total": found.total,
            "hits": [[hit.kind, ids[hit.kind].get(hit.object_id)] for hit in found.hits],
        }
    return out


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
    import django

    django.setup()
    json.dump(fingerprint(), sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
