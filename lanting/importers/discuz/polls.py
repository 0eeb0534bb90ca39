"""Polls and ratings from Discuz!: forum_poll, forum_polloption and forum_pollvoter onto the
imported threads; forum_ratelog as the 评分 list under each post (section i of the notes).

A poll and everything under it (its options and voters) is one unit: its LegacyLink
(kind "poll", the tid) keeps a digest of all those rows, so a second run leaves an
unchanged poll alone and builds a changed one afresh. Ratings likewise go by post
(kind "ratings", the pid). Counts are kept as Discuz! had them (a voter whose member
was not imported still counts); the credits are already in the members' totals.
"""

import re
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.importers.discuz.bulk import insert_rows, update_rows
from lanting.importers.discuz.links import Row, TableReport, digest, links, new_ids
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.markup.text import html_to_text
from lanting.pagecache.tags import touch
from lanting.polls.models import OPTION_MAX_LENGTH, Ballot, Poll, PollOption, PostRating, Vote

# What the installer names the first three credits (the `extcredits` setting may rename them).
CREDIT_NAMES = {1: "威望", 2: "金钱", 3: "贡献"}
_CREDIT = re.compile(r"i:(\d+);a:\d+:\{(.*?)\}", re.DOTALL)
_TITLE = re.compile(r's:5:"title";s:\d+:"(.*?)";', re.DOTALL)


def import_polls(run: RunState) -> None:
    columns = ["tid", "overt", "multiple", "visible", "maxchoices", "expiration", "voters"]
    run.import_table("polls", "forum_poll", columns, "tid", poll_batch)


def poll_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    tids = [int(r["tid"]) for r in rows]
    options: dict[int, list[Row]] = defaultdict(list)
    for polloptionid, tid, votes, order, text in run.fetch_in(
        "forum_polloption", "polloptionid, tid, votes, displayorder, polloption", tids, key="tid"
    ):
        options[int(tid)].append(
            {"id": int(polloptionid), "votes": votes, "order": order, "text": text}
        )
    voters: dict[int, list[Row]] = defaultdict(list)
    for tid, uid, chosen, dateline in run.fetch_in(
        "forum_pollvoter", "tid, uid, options, dateline", tids, key="tid"
    ):
        voters[int(tid)].append({"uid": int(uid), "options": chosen, "dateline": dateline})
    threads = new_ids(LegacyLink.Kind.THREAD, tids)
    members = new_ids(
        LegacyLink.Kind.MEMBER, {v["uid"] for rows_ in voters.values() for v in rows_}
    )
    existing = links(LegacyLink.Kind.POLL, tids)
    renewed: list[int] = []
    for row in rows:
        tid = int(row["tid"])
        mine = sorted(options[tid], key=lambda o: (int(o["order"] or 0), o["id"]))
        cast = sorted(voters[tid], key=lambda v: (v["uid"], int(v["dateline"] or 0)))
        checksum = digest(
            {"poll": tuple(row.values()), "options": repr(mine), "voters": repr(cast)}
        )
        link = existing.get(tid)
        thread_id = threads.get(tid)
        if thread_id is None:
            report.skip(gettext_noop("poll of a thread that was not imported"), f"poll {tid}")
            continue
        if (
            link is not None
            and link.checksum == checksum
            and Poll.objects.filter(pk=link.new_id).exists()
        ):
            report.unchanged += 1
            continue
        if len(mine) < 2:
            report.warn(gettext_noop("poll with fewer than two options"), f"poll {tid}")
        Poll.objects.filter(thread_id=thread_id).delete()  # a changed poll is built afresh
        poll = _write_poll(run, row, thread_id, mine, cast, members, report)
        if link is None:
            LegacyLink.objects.create(
                kind=LegacyLink.Kind.POLL, old_id=tid, new_id=poll.pk, checksum=checksum
            )
            report.imported += 1
        else:
            LegacyLink.objects.filter(pk=link.pk).update(new_id=poll.pk, checksum=checksum)
            report.updated += 1
        renewed.append(thread_id)
    if renewed:  # the thread rows kept in the cache say whether a thread has a poll
        tags = [f"thread:{pk}" for pk in renewed]
        touch(*tags)
        transaction.on_commit(lambda: touch(*tags))


def _write_poll(
    run: RunState,
    row: Row,
    thread_id: int,
    options: list[Row],
    voters: list[Row],
    members: dict[int, int],
    report: TableReport,
) -> Poll:
    tid = int(row["tid"])
    multiple = int(row["multiple"] or 0) == 1
    ends_at = stamp(row["expiration"]) if int(row["expiration"] or 0) else None
    poll = Poll.objects.create(
        thread_id=thread_id,
        multiple=multiple,
        max_choices=max(min(int(row["maxchoices"] or 0), len(options)), 1) if multiple else 1,
        ends_at=ends_at,
        results=Poll.Results.AFTER_VOTE if int(row["visible"] or 0) else Poll.Results.ALWAYS,
        voters_public=int(row["overt"] or 0) == 1,
        voter_count=max(int(row["voters"] or 0), 0),
        end_announced=ends_at is not None and ends_at <= timezone.now(),
    )
    made = PollOption.objects.bulk_create(
        PollOption(
            poll=poll,
            order=n,
            votes=max(int(option["votes"] or 0), 0),
            text=html_to_text(run.source.decoder.text(option["text"], f"poll {tid}"))[
                :OPTION_MAX_LENGTH
            ]
            or "—",
        )
        for n, option in enumerate(options, start=1)
    )
    option_for = {option["id"]: new.pk for option, new in zip(options, made, strict=True)}
    ballots: list[Ballot] = []
    picks: list[list[int]] = []
    seen: set[int] = set()
    for voter in voters:
        member_id = members.get(voter["uid"])
        if member_id is None or member_id in seen:
            report.warn(
                gettext_noop("vote of a member not imported (counted, not linked to anyone)"),
                f"poll {tid} uid {voter['uid']}",
            )
            continue
        seen.add(member_id)
        raw = run.source.decoder.text(voter["options"], f"poll {tid}")
        chosen = sorted(
            {option_for[int(p)] for p in raw.split() if p.isdigit() and int(p) in option_for}
        )
        ballots.append(
            Ballot(
                poll=poll,
                member_id=member_id,
                created_at=stamp(voter["dateline"]) or poll.created_at,
            )
        )
        picks.append(chosen)
    Ballot.objects.bulk_create(ballots)
    Vote.objects.bulk_create(
        Vote(ballot=ballot, poll=poll, member_id=ballot.member_id, option_id=option_id)
        for ballot, chosen in zip(ballots, picks, strict=True)
        for option_id in chosen
    )
    return poll


def credit_names(run: RunState) -> dict[int, str]:
    """Discuz!'s credit names by number (1-8), from the `extcredits` setting if it has them."""
    names = dict(CREDIT_NAMES)
    rows = run.source.fetch(
        f"SELECT svalue FROM {run.source.table('common_setting')} WHERE skey = 'extcredits'"  # noqa: S608  (a table name)
    )
    text = run.source.decoder.text(rows[0][0], "setting") if rows else ""
    for number, body in _CREDIT.findall(text):
        title = _TITLE.search(body)
        if title and title[1].strip():
            names[int(number)] = title[1].strip()[:40]
    return names


def import_ratings(run: RunState) -> None:
    names = credit_names(run)

    def batch(run: RunState, rows: list[Row], report: TableReport) -> None:
        rating_batch(run, rows, report, names)

    run.import_table("ratings", "forum_ratelog", ["pid"], "pid", batch)


def rating_batch(
    run: RunState, rows: list[Row], report: TableReport, names: dict[int, str]
) -> None:
    # Keyset on pid alone would split a post's ratings across batches: read every
    # rating of the batch's posts at once instead.
    pids = sorted({int(r["pid"]) for r in rows})
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for rating in run.fetch_in(
        "forum_ratelog", "pid, uid, username, extcredits, dateline, score, reason", pids, key="pid"
    ):
        found[int(rating[0])].append(rating)
    posts = new_ids(LegacyLink.Kind.POST, pids)
    members = new_ids(LegacyLink.Kind.MEMBER, {int(r[1]) for rs in found.values() for r in rs})
    existing = links(LegacyLink.Kind.RATINGS, pids)
    fresh: list[PostRating] = []
    new_links: list[tuple[Any, ...]] = []
    changed: list[tuple[Any, ...]] = []
    renew: list[int] = []
    for pid in pids:
        ratings = sorted(found[pid], key=lambda r: (int(r[4] or 0), int(r[1]), int(r[3])))
        post_id = posts.get(pid)
        if post_id is None:
            report.skip(gettext_noop("ratings of a post that was not imported"), f"pid {pid}")
            continue
        checksum = digest({"ratings": repr(ratings)})
        link = existing.get(pid)
        if link is not None and link.checksum == checksum:
            report.unchanged += len(ratings)
            continue
        PostRating.objects.filter(post_id=post_id).delete()
        for _pid, uid, username, credit, dateline, score, reason in ratings:
            fresh.append(
                PostRating(
                    post_id=post_id,
                    rater_id=members.get(int(uid)),
                    rater_name=run.source.decoder.text(username, f"pid {pid}")[:40] or "—",
                    credit=names.get(int(credit or 0), f"extcredits{int(credit or 0)}"),
                    score=int(score or 0),
                    reason=run.source.decoder.text(reason, f"pid {pid}")[:100],
                    created_at=stamp(dateline) or timezone.now(),
                )
            )
        if link is None:
            new_links.append((LegacyLink.Kind.RATINGS, pid, post_id, checksum))
            report.imported += len(ratings)
        else:
            changed.append((checksum, post_id, link.pk))
            report.updated += len(ratings)
        renew.append(post_id)
    PostRating.objects.bulk_create(fresh)
    insert_rows(LegacyLink, ["kind", "old_id", "new_id", "checksum"], new_links)
    update_rows(LegacyLink, ["checksum", "new_id"], changed)
    if renew:  # pages with these posts show their ratings now
        threads = set(
            PostRating.objects.filter(post_id__in=renew).values_list("post__thread_id", flat=True)
        )
        tags = [f"thread:{pk}" for pk in threads]
        touch(*tags)
        transaction.on_commit(lambda: touch(*tags))
