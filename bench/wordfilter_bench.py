"""The word filter at 10,000 words against a 10 KB post; prints one line (and writes it
to bench/results/wordfilter.txt). Run: .venv/bin/python bench/wordfilter_bench.py"""

import os
import random
import statistics
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
import django

django.setup()

from lanting.moderation.wordfilter import check_with, compile_words  # noqa: E402

WORDS, POST_BYTES, RUNS = 10_000, 10_240, 200
random.seed(17)
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
words = {"".join(random.choices(CJK, k=random.randint(2, 4))) for _ in range(WORDS * 2)}
rows = [(w, random.choice(["banned", "mod", "replace"]), "") for w in sorted(words)[:WORDS]]
rows += [("/v[x]?信\\s*\\d{5,}/", "mod", ""), ("代{2}办", "banned", "")]
started = time.perf_counter()
compiled = compile_words(0, rows)
build_ms = (time.perf_counter() - started) * 1000
post = ""
while len(post.encode()) < POST_BYTES:
    post += "".join(random.choices(CJK, k=20)) + " some English words, 1234. "
post = post.encode()[:POST_BYTES].decode("utf-8", "ignore")
times = []
for _ in range(RUNS):
    started = time.perf_counter()
    verdict = check_with(compiled, post)
    times.append((time.perf_counter() - started) * 1000)
line = (
    f"wordfilter: {len(rows)} words, {len(post.encode())} B post ({len(post)} chars): "
    f"median {statistics.median(times):.2f} ms, p95 {sorted(times)[int(RUNS * 0.95)]:.2f} ms "
    f"per check over {RUNS} runs; build {build_ms:.0f} ms; "
    f"{len(verdict.banned)} banned, review={verdict.needs_review}; "
    f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
)
print(line)
out = Path(__file__).parent / "results" / "wordfilter.txt"
out.write_text(line + "\n", encoding="utf-8")
