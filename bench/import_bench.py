"""Import benchmark: a generated Discuz! X3.4 site into Lanting; posts per second, peak memory.

    python bench/import_bench.py --posts 1000000            # the issue's full size
    python bench/import_bench.py --posts 100000 --db sqlite  # a tenth, SQLite only

Builds a Discuz! database in the local MariaDB (the real X3.4 schema from
shared/discuz-x3.4 plus generated rows: members : boards : threads : posts =
1 : 0.01 : 2 : 10, the issue's 100,000 / 1,000 / 200,000 / 1,000,000), then runs
``lanting import-discuz`` into a fresh SQLite file and/or a fresh PostgreSQL
database, each in its own process, and reports posts/s and the peak RSS of
that process. Targets 127.0.0.1 only.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pymysql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lanting.importers.discuz.sample import ucenter_hash  # noqa: E402
from lanting.importers.discuz.sqlfile import load_install_files  # noqa: E402

SHARED = ROOT.parent / "shared" / "discuz-x3.4"
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
    return "".join(rng.choice(WORDS) + ("，" if rng.random() < 0.15 else "") for _ in range(n))


def build_source(database: str, posts: int, seed: int) -> None:
    rng = random.Random(seed)
    members, boards, threads = max(posts // 10, 10), max(posts // 1000, 2), max(posts // 5, 2)
    server = pymysql.connect(
        host="127.0.0.1", user="root", password="", charset="utf8mb4", autocommit=True
    )
    with server.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
        cursor.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8")
        cursor.execute(f"USE `{database}`")
        load_install_files(cursor, SHARED)
        cursor.execute("SET SESSION sql_mode=''")
        digest = ucenter_hash("bench-pass", "s4lt00")

        def bulk(table: str, columns: str, rows: list[tuple[object, ...]]) -> None:
            marks = "(" + ", ".join(["%s"] * len(rows[0])) + ")"
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {marks}", rows)  # noqa: S608  (fixed names)

        for start in range(1, members + 1, 5000):
            chunk = range(start, min(start + 5000, members + 1))
            bulk(
                "pre_common_member",
                "uid, username, email, password, groupid, regdate, credits",
                [
                    (u, f"m{u}", f"m{u}@example.com", "x" * 32, 10, 1_500_000_000, u % 500)
                    for u in chunk
                ],
            )
            bulk(
                "pre_ucenter_members",
                "uid, username, email, password, salt",
                [(u, f"m{u}", f"m{u}@example.com", digest, "s4lt00") for u in chunk],
            )
        bulk(
            "pre_forum_forum",
            "fid, fup, type, name, status",
            [(100 + b, 1, "forum", f"版块{b}", 1) for b in range(boards)],
        )
        bulk("pre_forum_forumfield", "fid, description", [(100 + b, "") for b in range(boards)])
        per_thread = max(posts // threads, 1)
        pid = 0
        for start in range(1, threads + 1, 2000):
            chunk = range(start, min(start + 2000, threads + 1))
            bulk(
                "pre_forum_thread",
                "tid, fid, author, authorid, subject, dateline, lastpost, lastposter, replies",
                [
                    (
                        t,
                        100 + t % boards,
                        f"m{t % members + 1}",
                        t % members + 1,
                        sentence(rng, 6),
                        1_500_000_000 + t,
                        1_500_000_000 + t,
                        "m1",
                        per_thread - 1,
                    )
                    for t in chunk
                ],
            )
            rows = []
            for t in chunk:
                for position in range(1, per_thread + 1):
                    pid += 1
                    body = sentence(rng, rng.randint(8, 60))
                    if position % 4 == 0:
                        body = f"[b]{body[:10]}[/b]{body[10:]}"
                    rows.append(
                        (
                            pid,
                            100 + t % boards,
                            t,
                            int(position == 1),
                            f"m{pid % members + 1}",
                            pid % members + 1,
                            1_500_000_000 + pid,
                            body,
                            position,
                        )
                    )
            bulk(
                "pre_forum_post",
                "pid, fid, tid, first, author, authorid, dateline, message, position",
                rows,
            )
    server.close()


def run_import(database: str, backend: str, work: Path, target: str) -> dict[str, float]:
    var = work / backend
    # A fresh target: an earlier run's rows would count as "updates".
    shutil.rmtree(var, ignore_errors=True)
    env = {**os.environ, "LANTING_VAR_DIR": str(var), "LANTING_GUEST_PAGE_CACHE": "0"}
    if backend == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{target}"
        for statement in (f"DROP DATABASE IF EXISTS {target}", f"CREATE DATABASE {target}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", statement],
                check=True,
                env=env,
            )
    lanting = [sys.executable, "-m", "lanting"]
    subprocess.run([*lanting, "migrate", "-v0"], check=True, env=env)
    report = work / f"{backend}.json"
    started = time.monotonic()
    log = work / f"{backend}.log"
    with log.open("w") as output:
        child = subprocess.Popen(
            [
                *lanting,
                "import-discuz",
                "--dsn",
                f"mysql://root@127.0.0.1:3306/{database}",
                "--report",
                str(report),
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        # wait4 gives this child's own peak RSS; RUSAGE_CHILDREN would be the
        # largest of every child so far (migrate, the other backend's import).
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if child.returncode:
        sys.stderr.write(log.read_text()[-3000:])
        raise SystemExit(f"import into {backend} failed")
    peak_kb = usage.ru_maxrss
    data = json.loads(report.read_text())
    posts = data["tables"]["posts"]["imported"]
    return {
        "posts": posts,
        "seconds": round(seconds, 1),
        "posts_per_second": round(posts / seconds, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--keep-source", action="store_true", help="reuse the source database")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work" / "import")
    parser.add_argument(
        "--source-db", default="lanting_import_bench_src", help="MariaDB database to build"
    )
    parser.add_argument(
        "--target-db", default="lanting_import_bench", help="PostgreSQL database to fill"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    database = args.source_db
    started = time.monotonic()
    if not args.keep_source:
        build_source(database, args.posts, args.seed)
    print(f"source built: {args.posts} posts in {time.monotonic() - started:.0f}s", flush=True)
    results = {}
    for backend in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        results[backend] = run_import(database, backend, args.work, args.target_db)
        print(backend, results[backend], flush=True)
    out = ROOT / "bench" / "results" / f"import-{time.strftime('%Y%m%d')}-{args.posts}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    command = "python bench/import_bench.py " + " ".join(sys.argv[1:])
    out.write_text(
        json.dumps({"posts": args.posts, "command": command, "results": results}, indent=2)
    )
    print(f"written {out}")


if __name__ == "__main__":
    main()
