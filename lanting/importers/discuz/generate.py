"""A generated Discuz! X3.4 site of any size, written straight into its tables.

The import benchmark (bench/import_bench.py) and the kill test build their source
with it, on top of the install schema (``sqlfile.load_install_files``). For ``posts``
posts there are posts / 10 members, posts / 1000 boards and posts / 5 threads (the
issue's 100,000 / 1,000 / 200,000 / 1,000,000), and around them what a real site
has: polls with their voters on one thread in 50, views Discuz! has not yet added on
one in 10, 支持 votes on one in 20, ratings on one post in 20, and private
conversations of three messages between one member in 10 and another.
"""

import random
from collections.abc import Sequence
from typing import Any

from lanting.importers.discuz.sample import ucenter_hash

T0 = 1_500_000_000
PASSWORD, SALT = "bench-pass", "s4lt00"
COMMA = "\uff0c"  # the full-width comma of Chinese text
WORDS = [
    "伦敦",
    "租房",
    "二手",
    "招聘",
    "留学",
    "生活",
    "地铁",
    "Zone",
    "2",
    "council",
    "tax",
    "GP",
    "银行",
    "开户",
    "超市",
    "周末",
    "房东",
    "押金",
    "合同",
    "签证",
    "eVisa",
    "学校",
    "工作",
    "兼职",
    "Oyster",
    "公交",
    "天气",
    "美食",
    "中餐",
    "火锅",
]


def sentence(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) + (COMMA if rng.random() < 0.15 else "") for _ in range(n))


def sizes(posts: int) -> dict[str, int]:
    """How many members, boards and threads a site of ``posts`` posts has."""
    return {
        "members": max(posts // 10, 10),
        "boards": max(posts // 1000, 2),
        "threads": max(posts // 5, 2),
        "posts": posts,
    }


def write_generated_site(cursor: Any, posts: int, *, seed: int = 1, chunk: int = 2000) -> None:
    """Fill the (installed, empty) Discuz! tables on ``cursor``'s database."""
    rng = random.Random(seed)  # noqa: S311  (made-up text, the same for a seed)
    size = sizes(posts)
    members, boards, threads = size["members"], size["boards"], size["threads"]
    cursor.execute("SET SESSION sql_mode=''")
    digest = ucenter_hash(PASSWORD, SALT)

    def bulk(table: str, columns: str, rows: Sequence[Sequence[object]]) -> None:
        if not rows:
            return
        marks = "(" + ", ".join(["%s"] * len(rows[0])) + ")"
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES {marks}",  # noqa: S608  (fixed names)
                rows[start : start + 5000],
            )

    for start in range(1, members + 1, 5000):
        uids = range(start, min(start + 5000, members + 1))
        bulk(
            "pre_common_member",
            "uid, username, email, password, groupid, regdate, credits",
            [(u, f"m{u}", f"m{u}@example.com", "x" * 32, 10, T0, u % 500) for u in uids],
        )
        bulk(
            "pre_ucenter_members",
            "uid, username, email, password, salt",
            [(u, f"m{u}", f"m{u}@example.com", digest, SALT) for u in uids],
        )
    bulk(
        "pre_forum_forum",
        "fid, fup, type, name, status",
        [(100 + b, 1, "forum", f"版块{b}", 1) for b in range(boards)],
    )
    bulk("pre_forum_forumfield", "fid, description", [(100 + b, "") for b in range(boards)])
    per_thread = max(posts // threads, 1)
    pid = 0
    for start in range(1, threads + 1, chunk):
        tids = range(start, min(start + chunk, threads + 1))
        bulk(
            "pre_forum_thread",
            "tid, fid, author, authorid, subject, dateline, lastpost, lastposter, replies, "
            "special, recommend_add",
            [
                (
                    t,
                    100 + t % boards,
                    f"m{t % members + 1}",
                    t % members + 1,
                    sentence(rng, 6),
                    T0 + t,
                    T0 + t,
                    "m1",
                    per_thread - 1,
                    int(t % 50 == 0),
                    2 if t % 20 == 0 else 0,
                )
                for t in tids
            ],
        )
        rows = []
        rated = []
        for t in tids:
            for position in range(1, per_thread + 1):
                pid += 1
                body = sentence(rng, rng.randint(8, 60))
                if position % 4 == 0:
                    body = f"[b]{body[:10]}[/b]{body[10:]}"
                author = pid % members + 1
                thread_fid, first = 100 + t % boards, int(position == 1)
                rows.append(
                    (pid, thread_fid, t, first, f"m{author}", author, T0 + pid, body, position)
                )
                if pid % 20 == 0:
                    rater = (pid * 7) % members + 1
                    rated.append((pid, rater, f"m{rater}", 1, T0 + pid + 60, 1 + pid % 3, "好"))
                    if pid % 60 == 0:
                        rater = (pid * 11) % members + 1
                        rated.append((pid, rater, f"m{rater}", 2, T0 + pid + 90, -1, ""))
        bulk(
            "pre_forum_post",
            "pid, fid, tid, first, author, authorid, dateline, message, position",
            rows,
        )
        bulk(
            "pre_forum_ratelog",
            "pid, uid, username, extcredits, dateline, score, reason",
            rated,
        )
        _write_thread_extras(bulk, list(tids), members)
    _write_private_messages(bulk, rng, members)


def _write_thread_extras(bulk: Any, tids: list[int], members: int) -> None:
    """Polls (one thread in 50), pending views (one in 10) and 支持 votes (one in 20)."""
    polls: list[tuple[object, ...]] = []
    options: list[tuple[object, ...]] = []
    voters: list[tuple[object, ...]] = []
    views: list[tuple[object, ...]] = []
    recommends: list[tuple[object, ...]] = []
    for t in tids:
        if t % 10 == 0:
            views.append((t, t % 7 + 1))
        if t % 20 == 0:
            for n in range(2):
                recommends.append((t, (t + 13 * n) % members + 1, T0 + t + n))
        if t % 50:
            continue
        cast = sorted({(t * 3 + 17 * n) % members + 1 for n in range(4)})
        picks = {uid: 3 * t + 1 + (uid % 2) for uid in cast}
        polls.append((t, 1, 0, 0, 1, 0, len(cast)))
        for n in range(3):
            option = 3 * t + 1 + n
            who = [uid for uid, pick in picks.items() if pick == option]
            options.append((option, t, len(who), n + 1, f"选项{n + 1}", "\t".join(map(str, who))))
        voters.extend((t, uid, f"m{uid}", str(picks[uid]), T0 + t + uid) for uid in cast)
    bulk(
        "pre_forum_poll",
        "tid, overt, multiple, visible, maxchoices, expiration, voters",
        polls,
    )
    bulk(
        "pre_forum_polloption",
        "polloptionid, tid, votes, displayorder, polloption, voterids",
        options,
    )
    bulk("pre_forum_pollvoter", "tid, uid, username, options, dateline", voters)
    bulk("pre_forum_threadaddviews", "tid, addviews", views)
    bulk("pre_forum_memberrecommend", "tid, recommenduid, dateline", recommends)


def _write_private_messages(bulk: Any, rng: random.Random, members: int) -> None:
    """One-to-one conversations of three messages, one for every ten members."""
    lists, lines = [], []
    messages: dict[int, list[tuple[object, ...]]] = {n: [] for n in range(10)}
    pmid = 0
    for plid in range(1, members // 10 + 1):
        one, other = plid % members + 1, (plid * 7 + 3) % members + 1
        if one == other:
            continue
        low, high = sorted((one, other))
        when = T0 + plid
        lists.append((plid, one, 1, "", 2, f"{low}_{high}", when, ""))
        lines.extend(
            [(plid, one, 0, 3, when + 2, when + 2), (plid, other, 1, 3, when + 2, when + 2)]
        )
        for n in range(3):
            pmid += 1
            author = (one, other)[n % 2]
            messages[plid % 10].append((pmid, plid, author, sentence(rng, 10), 0, when + n))
    bulk(
        "pre_ucenter_pm_lists",
        "plid, authorid, pmtype, subject, members, min_max, dateline, lastmessage",
        lists,
    )
    bulk(
        "pre_ucenter_pm_members",
        "plid, uid, isnew, pmnum, lastupdate, lastdateline",
        lines,
    )
    for table, rows in messages.items():
        bulk(
            f"pre_ucenter_pm_messages_{table}",
            "pmid, plid, authorid, message, delstatus, dateline",
            rows,
        )
        bulk("pre_ucenter_pm_indexes", "pmid, plid", [(row[0], row[1]) for row in rows])
