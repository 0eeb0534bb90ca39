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
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pymysql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lanting.importers.discuz.generate import write_generated_site  # noqa: E402
from lanting.importers.discuz.sqlfile import load_install_files  # noqa: E402

SHARED = ROOT.parent / "shared" / "discuz-x3.4"


def build_source(database: str, posts: int, seed: int) -> None:
    server = pymysql.connect(
        host="127.0.0.1", user="root", password="", charset="utf8mb4", autocommit=True
    )
    with server.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
        cursor.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8")
        cursor.execute(f"USE `{database}`")
        load_install_files(cursor, SHARED)
        write_generated_site(cursor, posts, seed=seed)
    server.close()


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # ended meanwhile
    return total


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
        # The import and the processes it forks to cut text: their resident memory
        # added up, sampled twice a second; wait4 gives their CPU time (the
        # children the import reaped count in its own).
        peak_kb = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            peak_kb = max(peak_kb, tree_rss_kb(child.pid))
            time.sleep(0.5)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if child.returncode:
        sys.stderr.write(log.read_text()[-3000:])
        raise SystemExit(f"import into {backend} failed")
    peak_kb = max(peak_kb, usage.ru_maxrss)
    cpu = usage.ru_utime + usage.ru_stime
    data = json.loads(report.read_text())
    posts = data["tables"]["posts"]["imported"]
    indexing = float(data.get("index_seconds", 0.0))
    copying = max(seconds - indexing, 1e-9)
    return {
        "posts": posts,
        "seconds": round(seconds, 1),
        "posts_per_second": round(posts / seconds, 1),
        "copy_seconds": round(copying, 1),
        "index_seconds": round(indexing, 1),
        "copy_posts_per_second": round(posts / copying, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "import_cpu_seconds": round(cpu, 1),
        "load_average_after": round(os.getloadavg()[0], 1),
        "tables": {name: t["seconds"] for name, t in data["tables"].items()},
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
    parser.add_argument("--label", default="", help="added to the results file's name")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    database = args.source_db
    started = time.monotonic()
    if not args.keep_source:
        build_source(database, args.posts, args.seed)
    print(f"source built: {args.posts} posts in {time.monotonic() - started:.0f}s", flush=True)
    load = os.getloadavg()[0]
    print(f"load average before the imports: {load:.1f} on {os.cpu_count()} cores", flush=True)
    results = {}
    for backend in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        results[backend] = run_import(database, backend, args.work, args.target_db)
        print(backend, results[backend], flush=True)
    label = f"-{args.label}" if args.label else ""
    out = ROOT / "bench" / "results" / f"import-{time.strftime('%Y%m%d')}-{args.posts}{label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    command = "python bench/import_bench.py " + " ".join(sys.argv[1:])
    out.write_text(
        json.dumps(
            {
                "posts": args.posts,
                "command": command,
                "cores": os.cpu_count(),
                "load_average_before": round(load, 1),
                "results": results,
            },
            indent=2,
        )
    )
    print(f"written {out}")


if __name__ == "__main__":
    main()
