"""Where a logged-in member's page spends its time: cProfile over the benchmark's own site.

    python bench/profile_member.py --path /forum/ --requests 300 --out bench/results/x.txt

With ``--time`` nothing is profiled: the requests are timed (seven rounds, the
fastest and the median round's milliseconds per request), and ``--floor`` times the
member floor (``bench/floor/member_floor_app.py``, a 22 KB page) the same way, for
a ratio measured in-process, where the machine's noise weighs less than under wrk.

Run after ``bench/run.py`` (with --backends postgres, the default site it leaves behind
in PostgreSQL and Redis, or --backend sqlite for the SQLite file): it opens that site
with the benchmark's settings, logs the benchmark member in, warms the page up, then
profiles ``--requests`` requests through the whole middleware stack (Django's test
client, in this process: no server, no network) and prints the functions by
cumulative time. The totals include cProfile's own overhead: compare profiles with
each other, never with the benchmark's requests per second.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/forum/")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--backend", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--method", choices=("get", "post"), default="get")
    parser.add_argument("--follow", action="store_true", help="a reply's redirect is followed")
    parser.add_argument("--limit", type=int, default=70, help="lines of the profile shown")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--time", action="store_true", help="time the requests, no profile")
    parser.add_argument("--floor", action="store_true", help="the member floor, not --path")
    args = parser.parse_args()

    from run import site_env

    work = ROOT / "bench" / ".work" / f"site-{args.backend}"
    manifest = json.loads((work / "manifest.json").read_text())
    secret = os.environ.get("SECRET_KEY", "profile-secret-" + "x" * 40)
    os.environ.update(site_env(args.backend, secret))
    os.environ["LANTING_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    if args.floor:
        page = work / "floor-page.html"
        page.write_bytes(b"x" * 22_000)
        os.environ["BENCH_FLOOR_PAGE"] = str(page)
        sys.path.insert(0, str(ROOT / "bench" / "floor"))
        import member_floor_app  # noqa: F401  (its settings, set up)

        args.path = "/"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.test import Client

    if not args.floor:  # what the benchmark's server kept was made under another secret key
        for name in caches:
            caches[name].clear()
    member = get_user_model().objects.get(username=manifest["member"])
    client = Client()
    client.force_login(member)
    path = args.path.replace("{thread}", str(manifest.get("thread_id", "")))
    path = path.replace("{reply_thread}", str(manifest.get("reply_thread_id", "")))
    path = path.replace("{board}", str(manifest.get("board_slug", "")))
    writers = [client]
    if args.method == "post":  # replies, as the write scenario sends them, from its members
        writers = []
        for name in manifest["writers"]:
            writer = Client()
            writer.force_login(get_user_model().objects.get(username=name))
            writers.append(writer)

    def send(number: int) -> int:
        one = writers[number % len(writers)]
        if args.method == "get":
            return one.get(path).status_code
        body = f"回复 {number}，Thanks for sharing! 第 {number} 条。"
        data = {"markup": "bbcode", "body": body}
        return one.post(path, data, follow=args.follow).status_code

    for number in range(20):
        status = send(number)
    if status not in (200, 302):
        raise SystemExit(f"{path} answered {status}")
    if args.time:
        rounds = []
        for _ in range(7):
            started = time.perf_counter()
            for number in range(args.requests):
                send(20 + number)
            rounds.append((time.perf_counter() - started) / args.requests * 1000)
        rounds.sort()
        print(f"{path}: {rounds[0]:.3f} ms a request (fastest round), {rounds[3]:.3f} (median)")
        return
    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(args.requests):
        send(20 + number)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(args.sort)
    stats.print_stats(args.limit)
    text = f"{path}, {args.requests} requests, logged in as {member.username}\n{out.getvalue()}"
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
