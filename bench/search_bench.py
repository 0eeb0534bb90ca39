"""Search at forum scale: load N posts into the search index, then time queries.

    .venv/bin/python bench/search_bench.py                      # 1,000,000 posts, SQLite
    .venv/bin/python bench/search_bench.py --posts 100000       # smaller
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lanting_bench \\
        .venv/bin/python bench/search_bench.py --posts 1000000  # PostgreSQL (a scratch database)

Without DATABASE_URL the index goes to a SQLite file in a fresh temporary folder.
With it, the database must be a scratch one: the script migrates it and refuses
to run if its search index holds anything but an earlier run's rows (--reuse
keeps those and only times the queries again).

Posts are made of words drawn from jieba's dictionary (Zipf-like: a few very
common words, many rare ones) plus some English, and indexed as the site would
index them but without running jieba on each (a million cuts take longer than
the queries are worth): how fast jieba indexes is measured apart, on a sample,
through the real ``index_documents``. Each query runs several times; the
median is reported in milliseconds and as a ratio to a floor measured in the
same run (fetching one entry by primary key), because this machine is shared.
Prints a table, then one JSON line.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from functools import partial
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENGLISH = ["flat", "room", "zone", "station", "deposit", "rent", "bills", "viewing", "london"]
BENCH_MARK = "bench"  # author_name of the rows this script writes


def setup_django(var_dir: str | None) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["LANTING_VAR_DIR"] = var_dir or tempfile.mkdtemp(prefix="lanting-search-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def vocabulary(size: int) -> list[str]:
    import jieba

    jieba.initialize()
    words = [w for w, f in jieba.dt.FREQ.items() if f > 0 and len(w) >= 2]
    words.sort(key=lambda w: -jieba.dt.FREQ[w])
    return words[:size]


def load(posts: int, batch: int, seed: int) -> float:
    """Write ``posts`` entries (with their index rows); seconds taken."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from lanting.search.backends import get_backend
    from lanting.search.models import Kind, SearchEntry

    rng = random.Random(seed)
    words = vocabulary(50_000)
    cumulative = list(accumulate(1 / (rank + 10) for rank in range(len(words))))  # Zipf-like
    backend = get_backend()
    now = timezone.now()
    started = time.perf_counter()
    for first in range(0, posts, batch):
        entries = []
        for object_id in range(first + 1, min(posts, first + batch) + 1):
            body = rng.choices(words, cum_weights=cumulative, k=rng.randint(15, 80))
            if rng.random() < 0.2:
                body += rng.sample(ENGLISH, 3)
            if rng.random() < 0.01:
                body += ["zone", "2"]
            title = rng.choices(words, cum_weights=cumulative, k=rng.randint(3, 8))
            entries.append(
                SearchEntry(
                    kind=Kind.POST,
                    object_id=object_id,
                    title="".join(title),
                    text="".join(body)[:2000],
                    url=f"/thread/{object_id // 20 + 1}/#p{object_id % 20 + 1}",
                    author_name=BENCH_MARK,
                    board_id=object_id % 40 + 1,
                    created_at=now - dt.timedelta(minutes=(posts - object_id) * 5),
                    title_tokens=" ".join(title),
                    body_tokens=" ".join(body),
                    fingerprint="bench",
                    indexed_at=now,
                )
            )
        with transaction.atomic():
            SearchEntry.objects.bulk_create(entries)
            backend.added(entries)
        done = min(posts, first + batch)
        if done % (batch * 20) == 0 or done == posts:
            rate = done / (time.perf_counter() - started)
            print(f"  loaded {done:>9,} posts ({rate:,.0f}/s)", file=sys.stderr)
    return time.perf_counter() - started


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE search_searchentry")
        else:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")


def segmentation_rate(sample: int) -> float:
    """Documents per second through the real pipeline: jieba, stemming, index writes."""
    from django.utils import timezone

    from lanting.search.documents import SearchDocument
    from lanting.search.models import Kind
    from lanting.search.services import index_documents, remove_documents

    text = (
        "我们在伦敦租房子的时候要注意押金和合同。Zone 2 附近的公寓每月一千二百镑。"
        "包水电网络。近地铁站。适合上班族和留学生。有意者请站内短信联系。"
    )
    base = 10**12  # far past the loaded posts' ids
    vocabulary(1)  # jieba loads its dictionary once per process: not part of the rate
    docs = [
        SearchDocument(
            kind=Kind.POST,
            object_id=base + n,
            title="",
            body=f"{n} {text}",
            url="/",
            author_name=BENCH_MARK,
            created_at=timezone.now(),
        )
        for n in range(sample)
    ]
    started = time.perf_counter()
    index_documents(docs)
    seconds = time.perf_counter() - started
    remove_documents(Kind.POST, [base + n for n in range(sample)])
    return sample / seconds


def timed(run, repeat: int) -> float:
    run()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def cases(words: list[str]) -> dict[str, dict[str, object]]:
    import datetime as dt

    from django.utils import timezone

    common = words[5]
    return {
        "common word": {"text": common},
        "middling word": {"text": words[400]},
        "rare word": {"text": words[20_000]},
        "two words": {"text": f"{words[30]} {words[200]}"},
        "mixed zh/en": {"text": f"{words[50]} flat zone 2"},
        "phrase": {"text": '"zone 2"'},
        "common, page 50": {"text": common, "page": 50},
        "common, one board": {"text": common, "board_id": 7},
        "common, replies only": {"text": common, "kinds": ["post"]},
        "common, last 30 days": {
            "text": common,
            "since": timezone.localdate() - dt.timedelta(days=30),
        },
        "no match": {"text": "不存在的词语组合 xyzzyq"},
    }


def random_queries(words: list[str], count: int, seed: int) -> list[str]:
    """``count`` queries of 1-3 words, drawn the way people search: mostly common words."""
    rng = random.Random(seed)
    pool = words[:5_000]
    cumulative = list(accumulate(1 / (rank + 10) for rank in range(len(pool))))
    return [
        " ".join(rng.choices(pool, cum_weights=cumulative, k=rng.randint(1, 3)))
        for _ in range(count)
    ]


def like_scan(text: str) -> int:
    """What a Discuz! site does: LIKE '%word%' on title and text for every word.

    It fetches the same as the search does, the newest matches up to 1,000 (Discuz!
    keeps up to ``maxsearchresults`` ids in its search cache to page through them).
    """
    from django.db.models import Q

    from lanting.search.models import SearchEntry

    condition = Q()
    for word in text.split():
        condition &= Q(title__contains=word) | Q(text__contains=word)
    matches = SearchEntry.objects.filter(condition).order_by("-created_at").values("pk")
    return len(list(matches[:1000]))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sample", type=int, default=1_000, help="docs cut by jieba, timed")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--var-dir", help="SQLite: where to put the database (default: temp)")
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's posts")
    parser.add_argument("--queries", type=int, default=200, help="random 1-3 word queries")
    parser.add_argument(
        "--like-sample",
        type=int,
        default=10,
        help="how many of them also run as a LIKE scan (each is slow)",
    )
    args = parser.parse_args()

    setup_django(args.var_dir)
    from django.db import connection

    from lanting.search.models import SearchEntry
    from lanting.search.selectors import search

    foreign = SearchEntry.objects.exclude(author_name=BENCH_MARK).exists()
    if foreign:
        sys.exit("This database's search index holds real entries: use a scratch database.")
    existing = SearchEntry.objects.count()
    if existing and not args.reuse:
        sys.exit(f"{existing:,} entries from an earlier run: pass --reuse, or use a new database.")

    load_seconds = 0.0
    if not existing:
        print(f"Loading {args.posts:,} posts into {connection.vendor} ...", file=sys.stderr)
        load_seconds = load(args.posts, args.batch, args.seed)
        analyze()
    posts = SearchEntry.objects.count()
    rate = segmentation_rate(args.sample)

    some = SearchEntry.objects.order_by("pk").values_list("pk", flat=True)[posts // 2]
    floor = timed(lambda: SearchEntry.objects.filter(pk=some).first(), args.repeat)
    rows = []
    for name, options in cases(vocabulary(50_000)).items():
        run = partial(search, **options)
        rows.append(
            {
                "case": name,
                "query": options["text"],
                "total": run().total,
                "ms": round(timed(run, args.repeat), 2),
            }
        )

    queries = random_queries(vocabulary(50_000), args.queries, args.seed)
    search(text=queries[0])  # warm
    fts_ms = []
    for text in queries:
        started = time.perf_counter()
        search(text=text)
        fts_ms.append((time.perf_counter() - started) * 1000)
    like_ms = []
    step = max(1, len(queries) // max(args.like_sample, 1))
    sampled = queries[::step][: args.like_sample]  # spread over common and rare queries
    for text in sampled:
        started = time.perf_counter()
        like_scan(text)
        like_ms.append((time.perf_counter() - started) * 1000)
    sampled_fts = statistics.median(fts_ms[::step][: args.like_sample])
    random_summary = {
        "queries": len(queries),
        "median_ms": round(statistics.median(fts_ms), 2),
        "p99_ms": round(percentile(fts_ms, 0.99), 2),
        "like_sample": len(like_ms),
        "like_median_ms": round(statistics.median(like_ms), 1),
        "like_over_search_same_queries": round(statistics.median(like_ms) / sampled_fts, 1),
    }

    print(f"\n{connection.vendor}: {posts:,} posts; floor (one row by key) {floor:.3f} ms")
    print(
        f"{len(queries)} random queries of 1-3 words: median {random_summary['median_ms']} ms, "
        f"p99 {random_summary['p99_ms']} ms; LIKE scan on {len(like_ms)} of them: median "
        f"{random_summary['like_median_ms']} ms = {random_summary['like_over_search_same_queries']}"
        "x the search's time for the same queries"
    )
    print(f"indexing with jieba: {rate:,.0f} documents/s; bulk load: {load_seconds:,.0f} s\n")
    print(f"{'case':24} {'hits':>6} {'ms':>9} {'x floor':>9}")
    for row in rows:
        ratio = row["ms"] / floor if floor else 0  # type: ignore[operator]
        row["x_floor"] = round(ratio, 1)
        print(f"{row['case']:24} {row['total']:>6} {row['ms']:>9.2f} {ratio:>9.1f}")
    print(
        json.dumps(
            {
                "bench": "search",
                "vendor": connection.vendor,
                "posts": posts,
                "floor_ms": round(floor, 3),
                "jieba_docs_per_s": round(rate),
                "load_s": round(load_seconds, 1),
                "queries": rows,
                "random": random_summary,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
