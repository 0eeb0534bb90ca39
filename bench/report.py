"""The results: JSON (everything), a markdown table, a PNG chart, and the headline."""

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

LABELS = {
    "home": "home /",
    "article": "article page",
    "forum": "forum index",
    "board": "board page 1",
    "thread": "thread page 1 (20 posts)",
    "long_first": "10,000-reply thread, page 1",
    "long_deep": "10,000-reply thread, page 500",
    "search": "search 伦敦",
    "thread_member": "thread page 1, logged in",
    "board_member": "board page 1, logged in",
    "forum_member": "forum index, logged in",
    "notifications": "notifications page, logged in",
    "inbox": "private-message inbox, logged in",
    "api_thread_posts": "API: a thread's posts (JSON, guest)",
    "write": "write: 16 members reply",
    "static_nginx_front": "nginx (deploy/): static copy of the article page",
    "static_thread_nginx_front": "nginx (deploy/): static copy of the thread page",
    "article_nginx_cache": "nginx (deploy/): article page, guest, micro-cache",
    "thread_nginx_cache": "nginx (deploy/): thread page 1, guest, micro-cache",
    "static_nginx_front_gzip": "nginx (deploy/): static copy, gzip",
    "article_nginx_cache_gzip": "nginx (deploy/): article page, micro-cache, gzip",
    "static_nginx_front_http": "nginx (deploy/), HTTP: static copy of the article page",
    "article_nginx_cache_http": "nginx (deploy/), HTTP: article page, guest, micro-cache",
    "static_thread_nginx_front_http": "nginx (deploy/), HTTP: static copy of the thread page",
    "thread_nginx_cache_http": "nginx (deploy/), HTTP: thread page 1, guest, micro-cache",
}
# Through the shipped nginx: each cached page over the static file served the same way.
NGINX_FRONT_PAIRS = {
    "article_nginx_cache": "static_nginx_front",
    "thread_nginx_cache": "static_thread_nginx_front",
    "article_nginx_cache_gzip": "static_nginx_front_gzip",
    "article_nginx_cache_http": "static_nginx_front_http",
    "thread_nginx_cache_http": "static_thread_nginx_front_http",
}
GOALS = {
    "article": 0.70,
    "thread": 0.60,
    "thread_member": 0.30,
    "member_floor": 0.60,
    "vs_misago": 50.0,
    "deep_page": 1.2,
    "scale_growth": 1.2,
    "p99_over_p50": 5.0,
    "replies_per_second": 200.0,
    "worker_rss_mb": 150.0,
    "nginx_cache": 0.80,
}


def _git(root: Path, *args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return ""


def _rps(figures: dict[str, Any] | None) -> float | None:
    if not figures or "requests_per_second" not in figures:
        return None
    return float(figures["requests_per_second"])


def _ratio(a: float | None, b: float | None, digits: int = 4) -> float | None:
    if a is None or not b:
        return None
    return round(a / b, digits)


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}" if value >= 0.1 or value == 0 else f"{value:.2g}"


def headline_figures(results: dict[str, Any]) -> dict[str, Any]:
    backends = results["backends"]
    backend = "postgres" if "postgres" in backends else next(iter(backends), "")
    scenarios = backends.get(backend, {}).get("scenarios", {})
    server = backends.get(backend, {}).get("server", "")
    floor = _rps(results["floors"]["framework"].get(server))
    member_floor = _rps(backends.get(backend, {}).get("member_floor"))
    misago = _rps(results.get("peer", {}).get("misago"))
    first, deep = scenarios.get("long_first", {}), scenarios.get("long_deep", {})
    errors = sum(
        figures.get("errors", 0)
        for entry in backends.values()
        for figures in entry.get("scenarios", {}).values()
        if isinstance(figures, dict)
    )
    return {
        "backend": backend,
        "server": server,
        "article": _ratio(_rps(scenarios.get("article")), floor),
        "thread": _ratio(_rps(scenarios.get("thread")), floor),
        "thread_member": _ratio(_rps(scenarios.get("thread_member")), floor),
        "thread_member_floor": _ratio(_rps(scenarios.get("thread_member")), member_floor),
        "board_member": _ratio(_rps(scenarios.get("board_member")), floor),
        "board_member_floor": _ratio(_rps(scenarios.get("board_member")), member_floor),
        "forum_member": _ratio(_rps(scenarios.get("forum_member")), floor),
        "forum_member_floor": _ratio(_rps(scenarios.get("forum_member")), member_floor),
        # The JSON API's thread posts for a guest, as a ratio of the floor (no goal yet).
        "api_thread_posts": _ratio(_rps(scenarios.get("api_thread_posts")), floor),
        "vs_misago": _ratio(_rps(scenarios.get("thread_member")), misago, 2),
        "deep_page": _ratio(deep.get("p50_ms"), first.get("p50_ms")),
        "errors": errors,
    }


def headline_line(h: dict[str, Any]) -> str:
    def show(value: float | None, digits: int = 2) -> str:
        if value is None:
            return "n/a"
        if digits == 0 and value >= 10:
            return f"{value:.0f}"
        # Two significant digits however small: 0.0021 says more than 0.00.
        return f"{value:.{digits}f}" if value >= 0.1 else f"{value:.2g}"

    return (
        f"headline: article={show(h['article'])} thread={show(h['thread'])} "
        f"thread_member={show(h['thread_member'])} "
        f"thread_member_floor={show(h.get('thread_member_floor'))} "
        f"vs_misago={show(h['vs_misago'], 0)} "
        f"deep_page={show(h['deep_page'])} errors={h['errors']}"
    )


def goals(results: dict[str, Any], h: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(goal: str, value: float | None, ok: bool | None, shown: str) -> None:
        rows.append({"goal": goal, "value": value, "met": ok, "shown": shown})

    for key, text in (
        ("article", "anonymous article ≥ 70% of the framework floor"),
        ("thread", "thread page ≥ 60% of the framework floor"),
    ):
        value = h[key]
        add(text, value, None if value is None else value >= GOALS[key], _fmt(value))
    for key, page in (
        ("thread", "thread page 1"),
        ("board", "board page 1"),
        ("forum", "forum index"),
    ):
        framework, member = h[f"{key}_member"], h[f"{key}_member_floor"]
        add(
            f"logged-in {page} ≥ 60% of the member floor",
            member,
            None if member is None else member >= GOALS["member_floor"],
            _fmt(member),
        )
        add(
            f"logged-in {page} ≥ 30% of the framework floor",
            framework,
            None if framework is None else framework >= GOALS["thread_member"],
            _fmt(framework),
        )
    value = h["vs_misago"]
    add(
        "logged-in thread ≥ 50× Misago's thread page",
        value,
        None if value is None else value >= GOALS["vs_misago"],
        _fmt(value, 1) + "×" if value is not None else "n/a",
    )
    value = h["deep_page"]
    add(
        "page 500 of the 10,000-reply thread within 1.2× of its page 1 (p50)",
        value,
        None if value is None else value <= GOALS["deep_page"],
        _fmt(value),
    )
    growth, where_grew = None, ""
    for backend, entry in results["backends"].items():
        for name, small in entry.get("small_scale", {}).items():
            full = entry["scenarios"].get(name, {})
            if small.get("p50_ms") and full.get("p50_ms"):
                ratio = full["p50_ms"] / small["p50_ms"]
                if growth is None or ratio > growth:
                    growth, where_grew = ratio, f"{backend} {name}"
    add(
        "board page and forum index (guests, members) at full within 1.2× of small (p50)",
        growth,
        None if growth is None else growth <= GOALS["scale_growth"],
        f"worst {_fmt(growth)}× ({where_grew})" if growth is not None else "n/a (small scale)",
    )
    for name, text in (
        ("article_nginx_cache", "guest article, nginx micro-cache, HTTPS ≥ 80% of static"),
        ("thread_nginx_cache", "guest thread, nginx micro-cache, HTTPS ≥ 80% of static"),
        ("article_nginx_cache_http", "guest article, nginx micro-cache, HTTP ≥ 80% of static"),
        ("thread_nginx_cache_http", "guest thread, nginx micro-cache, HTTP ≥ 80% of static"),
    ):
        scenarios = results["backends"].get(h["backend"], {}).get("scenarios", {})
        value = _ratio(_rps(scenarios.get(name)), _rps(scenarios.get(NGINX_FRONT_PAIRS[name])), 3)
        add(text, value, None if value is None else value >= GOALS["nginx_cache"], _fmt(value))
    add("0 errors", h["errors"], h["errors"] == 0, str(h["errors"]))
    worst, where = 0.0, ""
    for backend, entry in results["backends"].items():
        for name, figures in entry["scenarios"].items():
            if figures.get("p50_ms"):
                spread = figures["p99_ms"] / figures["p50_ms"]
                if spread > worst:
                    worst, where = spread, f"{backend} {name}"
    add(
        "p99 ≤ 5× p50 in every scenario",
        round(worst, 2),
        worst <= GOALS["p99_over_p50"],
        f"worst {worst:.1f}× ({where})",
    )
    write = results["backends"].get("postgres", {}).get("scenarios", {}).get("write")
    if write and "requests_per_second" in write:
        exact = bool(write.get("counters", {}).get("ok"))
        rate = write.get("replies_per_second", write["requests_per_second"])
        add(
            "replies ≥ 200/s on PostgreSQL with counters exact",
            rate,
            rate >= GOALS["replies_per_second"] and exact and write["errors"] == 0,
            f"{rate:.0f}/s, counters {'exact' if exact else 'WRONG'}",
        )
    else:
        add("replies ≥ 200/s on PostgreSQL with counters exact", None, None, "not measured")
    biggest = max(
        (mb for entry in results["backends"].values() for mb in entry.get("worker_rss_mb", [])),
        default=None,
    )
    add(
        "each worker < 150 MB RSS",
        biggest,
        None if biggest is None else biggest < GOALS["worker_rss_mb"],
        f"largest {biggest:.0f} MB" if biggest is not None else "n/a",
    )
    return rows


def markdown(results: dict[str, Any], h: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    s = results["settings"]
    floors = results["floors"]
    nginx = _rps(floors.get("nginx_static"))
    misago = results.get("peer", {}).get("misago", {})
    peer = _rps(misago)
    lines = [
        f"# Lanting benchmark, {results['date']} ({results['commit']})",
        "",
        f"Scale **{s['scale']}** (seed {s['seed']}); {s['wrk']}, {s['duration_s']:g} s per "
        f"scenario after {s['warmup_s']:g} s of warm-up; the write scenario uses "
        f"{s['write_clients']} connections. App server: 2 workers; {s['cpus']} CPUs, shared. "
        "Ratios are to floors measured in the same run.",
        "",
        "## Floors and peer",
        "",
        "| what | req/s | p50 ms | p99 ms | errors | worker RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    peers = [("nginx, static copy of the article page", floors.get("nginx_static", {}))]
    peers += [
        (f"Django view returning the same bytes ({server})", figures)
        for server, figures in floors["framework"].items()
    ]
    peers += [
        (f"member floor: session + auth + CSRF, logged in ({backend})", entry["member_floor"])
        for backend, entry in results["backends"].items()
        if "member_floor" in entry
    ]
    peers.append(("Misago 0.39 thread page, same 20 posts (anonymous)", misago))
    for label, figures in peers:
        if "requests_per_second" not in figures:
            lines.append(f"| {label} | unavailable: {figures.get('unavailable', '?')} | | | | |")
            continue
        lines.append(
            f"| {label} | {figures['requests_per_second']:.0f} | {figures['p50_ms']:.2f} | "
            f"{figures['p99_ms']:.2f} | {figures['errors']} | "
            f"{', '.join(str(x) for x in figures.get('worker_rss_mb', [])) or '–'} |"
        )
    for backend, entry in results["backends"].items():
        server = entry.get("server", "")
        floor = _rps(floors["framework"].get(server))
        member_floor = _rps(entry.get("member_floor"))
        title = "SQLite + local-memory cache" if backend == "sqlite" else "PostgreSQL + Redis"
        lines += [
            "",
            f"## {title} ({server})",
            "",
            f"Site built in {entry['manifest'].get('build_seconds', '?')} s. "
            f"Worker RSS after the run: {', '.join(map(str, entry.get('worker_rss_mb', [])))} MB.",
            "",
            "| scenario | req/s | p50 ms | p99 ms | p99/p50 | errors | × Django floor "
            "| × member floor | × nginx floor | × Misago thread |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        ordered = sorted(entry["scenarios"].items(), key=lambda kv: list(LABELS).index(kv[0]))
        for name, figures in ordered:
            label = LABELS.get(name, name)
            if "requests_per_second" not in figures:
                lines.append(f"| {label} | unavailable: {figures.get('unavailable')} |||||||||")
                continue
            rate = figures["requests_per_second"]
            spread = figures["p99_ms"] / figures["p50_ms"] if figures["p50_ms"] else 0
            lines.append(
                f"| {label} | {rate:.1f} | {figures['p50_ms']:.2f} | {figures['p99_ms']:.2f} | "
                f"{spread:.1f} | {figures['errors']} | {_fmt(_ratio(rate, floor))} | "
                + (
                    f"{_fmt(_ratio(rate, member_floor))} | "
                    if name in ("thread_member", "board_member", "forum_member", "write")
                    or name in ("notifications", "inbox")
                    else "– | "
                )
                + f"{_fmt(_ratio(rate, nginx), 3)} | {_fmt(_ratio(rate, peer), 1)} |"
            )
        write = entry["scenarios"].get("write", {})
        if "counters" in write:
            c = write["counters"]
            after = write["thread_after"]
            lines += [
                "",
                f"Write: {write.get('replies_written')} replies in {s['duration_s']:g} s "
                + (
                    f"({write['replies_per_second']:g} replies/s measured, each followed by "
                    f"the page it leads to: {write.get('views_after_reply', 0)} page views) "
                    if "replies_per_second" in write
                    else ""
                )
                + f"(+ warm-up); counters afterwards: **{'exact' if c['ok'] else 'WRONG'}** — "
                f"thread reply_count {after['reply_count']} = live posts "
                f"{after['live_posts']} − 1, last_position {after['last_position']} = max floor "
                f"{after['max_position']}, board post_count {after['board_post_count']} "
                f"(live posts {after['board_live_posts']}); every thread, board, article and "
                f"member checked: {c['wrong_thread_count']} threads, {len(c['wrong_boards'])} "
                f"boards, {c['wrong_member_post_counts']} member post counts off."
                + (
                    ""
                    if "guest_page_fresh" not in write
                    else " A guest page the writes changed, kept by every worker beforehand: "
                    + ("**fresh** on every worker." if write["guest_page_fresh"] else "**STALE**.")
                ),
            ]
    for backend, entry in results["backends"].items():
        front = {k: v for k, v in entry["scenarios"].items() if k in NGINX_FRONT_PAIRS}
        if not front:
            continue
        lines += [
            "",
            f"## Through the shipped nginx (deploy/), {backend}",
            "",
            "deploy/nginx/lanting.conf.template rendered with this run's app server as its one "
            "upstream, over HTTPS (a throwaway certificate) and, on a second listen line added "
            "to the same server, plain HTTP; guests' pages kept for the s-maxage the app sends "
            "(1 s). The floor beside each is a static copy of the same page served by the same "
            "nginx, the same way; the plain nginx floor above is HTTP, measured later. "
            "wrk sends no Accept-Encoding unless the scenario says gzip: then nginx "
            "compresses the page (and the static copy, which has no .gz) for every request.",
            "",
            "| scenario | req/s | p50 ms | p99 ms | × the same nginx's static file "
            "| × nginx floor (HTTP) | × Lanting direct |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, figures in front.items():
            static = _rps(entry["scenarios"].get(NGINX_FRONT_PAIRS[name]))
            direct = _rps(entry["scenarios"].get(name.split("_nginx")[0]))
            rate = _rps(figures)
            lines.append(
                f"| {LABELS[name]} | {_fmt(rate, 1)} | {figures.get('p50_ms', 0):.2f} | "
                f"{figures.get('p99_ms', 0):.2f} | {_fmt(_ratio(rate, static))} | "
                f"{_fmt(_ratio(rate, nginx))} | {_fmt(_ratio(rate, direct))} |"
            )
    trial = results.get("server_trial", {})
    if trial:
        lines += [
            "",
            "## App server",
            "",
            "| scenario | " + " | ".join(f"{s} req/s" for s in trial) + " |",
            "| --- |" + " ---: |" * len(trial),
        ]
        names = [n for n in next(iter(trial.values())) if n != "worker_rss_mb"]
        for name in [*names, "framework floor"]:
            cells = []
            for server in trial:
                figures = (
                    floors["framework"].get(server, {})
                    if name == "framework floor"
                    else trial[server].get(name, {})
                )
                cells.append(_fmt(_rps(figures), 1))
            lines.append(f"| {LABELS.get(name, name)} | " + " | ".join(cells) + " |")
        choice = results.get("server_choice", {})
        lines += ["", f"Chosen: **{choice.get('server')}** ({choice.get('why')})."]
    lines += ["", "## Goals", "", "| goal | measured | met |", "| --- | --- | --- |"]
    for row in rows:
        met = {True: "yes", False: "**no**", None: "not measured"}[row["met"]]
        lines.append(f"| {row['goal']} | {row['shown']} | {met} |")
    lines += ["", f"Headline figures from {h['backend']} ({h['server']}).", "", headline_line(h)]
    return "\n".join(lines) + "\n"


def chart(results: dict[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    backends = list(results["backends"])
    names = [
        n for n in LABELS if any(_rps(results["backends"][b]["scenarios"].get(n)) for b in backends)
    ]
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=90)
    width = 0.8 / max(len(backends), 1)
    colours = {"sqlite": "#4c78a8", "postgres": "#f58518"}
    for i, backend in enumerate(backends):
        values = [_rps(results["backends"][backend]["scenarios"].get(n)) or 0 for n in names]
        ax.bar(
            [x + i * width for x in range(len(names))],
            values,
            width,
            label=f"Lanting, {backend}",
            color=colours.get(backend),
        )
    floors = results["floors"]
    lines = [("nginx static floor", _rps(floors.get("nginx_static")), "#54a24b", "-")]
    lines += [
        (f"Django floor ({server})", _rps(figures), colour, "--")
        for (server, figures), colour in zip(
            floors["framework"].items(), ["#b279a2", "#9d755d"], strict=False
        )
    ]
    lines.append(("Misago thread", _rps(results.get("peer", {}).get("misago")), "#e45756", ":"))
    for label, value, colour, style in lines:
        if value:
            ax.axhline(value, color=colour, linestyle=style, label=f"{label}: {value:.0f}/s")
    ax.set_yscale("log")
    ax.set_ylabel("requests per second (log scale)")
    ax.set_xticks([x + width * (len(backends) - 1) / 2 for x in range(len(names))])
    ax.set_xticklabels([n.replace("_", " ") for n in names], rotation=25, ha="right")
    ax.set_title(f"Lanting {results['commit']}, {results['settings']['scale']} site")
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return True


def write_results(results: dict[str, Any], out: Path, root: Path) -> tuple[list[Path], str]:
    commit = _git(root, "rev-parse", "--short", "HEAD") or "unknown"
    results["commit"] = commit
    results["uncommitted_changes"] = bool(_git(root, "status", "--porcelain"))
    results["date"] = dt.datetime.now(dt.UTC).date().isoformat()
    h = headline_figures(results)
    rows = goals(results, h)
    results["headline"] = h
    results["goals"] = rows
    out.mkdir(parents=True, exist_ok=True)
    # The scale too: a quick and a full run of the same commit on one day keep both.
    stem = out / f"{results['date']}-{commit}-{results['settings']['scale']}"
    paths = [stem.with_suffix(".json"), stem.with_suffix(".md")]
    paths[0].write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    paths[1].write_text(markdown(results, h, rows), "utf-8")
    if chart(results, stem.with_suffix(".png")):
        paths.append(stem.with_suffix(".png"))
    return paths, headline_line(h)
