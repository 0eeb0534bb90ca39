"""Lighthouse over one page of each type on a running Lanting, as a Markdown table.

    LANTING_VAR_DIR=/tmp/lh-var .venv/bin/python bench/lighthouse.py --base http://127.0.0.1:8791

The server must serve the database under that LANTING_VAR_DIR (the demo: ``lanting migrate``,
``lanting load_demo --no-discuz``, ``lanting collectstatic``, then ``lanting runserver`` or
granian): the script reads it to find the pages, the same ones the standards test checks
(``lanting/core/tests/test_standards.py``). Lighthouse is pinned (``lighthouse@12.2.3``, run
through npx) and drives Debian's Chromium (``CHROME_PATH``, default /usr/bin/chromium),
headless, with its default mobile emulation and throttling. Not part of the timed test suite.

The table goes to bench/results/<date>-<commit>-lighthouse.md: accessibility, best
practices, SEO and performance per page, and under it every audit that kept a category
below 100 (performance aside). A page that asks not to be indexed is marked so: its SEO score
is held to nothing.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def pages() -> dict[str, str]:
    """The standards test's pages, read from the database the server serves."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
    import django

    django.setup()
    from urllib.parse import quote

    from lanting.accounts.models import User
    from lanting.forum.models import Board, Thread
    from lanting.portal.models import Article

    thread = Thread.objects.filter(is_deleted=False).order_by("-last_position").first()
    article = Article.objects.order_by("pk").first()
    author = User.objects.filter(is_staff=False, post_count__gt=0).order_by("pk").first()
    if thread is None or article is None or author is None:
        raise SystemExit("no demo content: run `lanting load_demo --no-discuz` first")
    board = Board.objects.get(pk=thread.board_id)
    later = min(10, thread.last_page)
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "forum": "/forum/",
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        f"thread-{later}": f"{thread.get_absolute_url()}?page={later}",
        "search": f"/search/?q={quote('伦敦')}",
        "profile": author.get_absolute_url(),
        "login": "/accounts/login/",
        "register": "/accounts/register/",
        "darkroom": "/darkroom/",
        "archiver": "/archiver/",
        "mobile": "/mobile/",
    }


def run_lighthouse(url: str, chrome: str, out: Path) -> dict[str, Any]:
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(command, env=env, check=True, timeout=300)
    report: dict[str, Any] = json.loads(out.read_text())
    return report


def score(report: dict[str, Any], category: str) -> str:
    value = report["categories"][category]["score"]
    return "–" if value is None else str(round(value * 100))


def failures(report: dict[str, Any], category: str) -> list[str]:
    """The audits that kept a category below 100, with what they name."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            found.append(f"`{ref['id']}` ({audit['title']})")
    return found


def indexable(report: dict[str, Any]) -> bool:
    audit = report["audits"].get("is-crawlable", {})
    return audit.get("score") != 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8791")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--only", nargs="*", help="page names (default: all)")
    parser.add_argument("--keep", type=Path, help="a folder for Lighthouse's JSON reports")
    parser.add_argument("--commit", help="the commit the server runs (default: this checkout's)")
    args = parser.parse_args()
    chosen = {k: v for k, v in pages().items() if not args.only or k in args.only}
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in chosen.items():
            url = args.base.rstrip("/") + path
            print(f"lighthouse {name}: {url}", flush=True)
            report = run_lighthouse(url, args.chrome, Path(args.keep or tmp) / f"{name}.json")
            marked = name if indexable(report) else f"{name} (noindex)"
            rows.append(f"| {marked} | " + " | ".join(score(report, c) for c in CATEGORIES) + " |")
            for category in CATEGORIES[:3]:
                for failure in failures(report, category):
                    if not failure.startswith("`is-crawlable`") or indexable(report):
                        notes.append(f"- {name}, {category}: {failure}")
    commit = (
        args.commit
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        ).stdout.strip()
    )
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    lines = [
        f"# Lighthouse ({LIGHTHOUSE}), {today}, commit {commit}",
        "",
        f"Demo site at {args.base}; Chromium headless, Lighthouse's mobile emulation and "
        "throttling. Pages marked noindex ask search engines not to index them.",
        "",
        "| page | accessibility | best practices | SEO | performance |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        "## What kept a score below 100 (performance aside)",
        "",
        "Pages marked noindex lose SEO points for that alone (`is-crawlable`); anything else "
        "is listed here.",
        "",
        *(notes or ["Nothing."]),
        "",
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"{today}-{commit}-lighthouse.md"
    target.write_text("\n".join(lines))
    print("\n".join(lines))
    print(f"written to {target}")


if __name__ == "__main__":
    main()
