"""Driving wrk and reading what it prints."""

import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from procs import HOST, Processes

CONCURRENCY = 32
THREADS = 2
TIMEOUT = "10s"  # slow answers are measured, not dropped as wrk's default 2 s timeouts

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Figures:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers and socket errors
    requests: int
    non_2xx_3xx: int
    socket_errors: dict[str, int]
    seconds: float
    connections: int
    counts: dict[str, int] = field(default_factory=dict)  # what a script counted ("lanting x N")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return round(float(match.group(1)) * _UNITS[match.group(2)], 3)


def parse(output: str, seconds: float, connections: int) -> Figures:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (rps and total):
        raise ValueError(f"wrk printed no results:\n{output}")
    sockets = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        sockets = dict(zip(sockets, map(int, found.groups()), strict=True))
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    bad = int(non_ok.group(1)) if non_ok else 0
    return Figures(
        requests_per_second=round(float(rps.group(1)), 1),
        p50_ms=_ms(p50.group(1)) if p50 else 0.0,
        p99_ms=_ms(p99.group(1)) if p99 else 0.0,
        errors=bad + sum(sockets.values()),
        requests=int(total.group(1)),
        non_2xx_3xx=bad,
        socket_errors=sockets,
        seconds=seconds,
        connections=connections,
        counts={m[1]: int(m[2]) for m in re.finditer(r"^lanting (\w+) (\d+)$", output, re.M)},
    )


def run_wrk(
    processes: Processes,
    url: str,
    *,
    seconds: float,
    warmup: float,
    log: Path,
    connections: int = CONCURRENCY,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
) -> Figures:
    if not url.startswith((f"http://{HOST}:", f"https://{HOST}:")):
        raise ValueError(f"wrk may only drive {HOST}, not {url}")
    base = ["wrk", f"-t{THREADS}", f"-c{connections}", "--timeout", TIMEOUT]
    for name, value in (headers or {}).items():
        base += ["-H", f"{name}: {value}"]
    if script is not None:
        base += ["-s", str(script)]
    if warmup > 0:
        _run(processes, [*base, f"-d{warmup:g}s", url], warmup + 30, log)
    output = _run(processes, [*base, f"-d{seconds:g}s", "--latency", url], seconds + 30, log)
    return parse(output, seconds, connections)


def _run(processes: Processes, command: list[str], timeout: float, log: Path) -> str:
    out = log.with_suffix(".out")
    process = processes.start(
        "wrk", command, env={"PATH": "/usr/bin:/bin"}, log=out, cwd=log.parent
    )
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"wrk ran past {timeout:.0f} s: {' '.join(command)}") from None
    finally:
        processes.stop(process)
    text = out.read_text(errors="replace")
    out.unlink()
    with log.open("a") as kept:
        kept.write("$ " + " ".join(command) + "\n" + text + "\n")
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed ({process.returncode}): {text}")
    return text


SEARCH_LUA = """\
-- Each search comes from another address (behind the proxy Lanting trusts in
-- this run), so the per-address search limit measures nothing here.
counter = 0
id = 0  -- each thread's own, set by setup()
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function request()
  counter = counter + 1
  return wrk.format(nil, nil, {["X-Forwarded-For"] = string.format("2001:db8:%x::%x", id, counter)})
end
"""


def lua_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_lua(
    path: Path, *, target: str, sessions: list[tuple[str, str]], bodies: list[str], referer: str
) -> None:
    """16 members replying, each reply followed by the page it redirects to.

    Each POST takes the next member's cookies and CSRF token; its answer (a redirect
    to the new floor) is followed by a GET of that page, logged in, as a browser does,
    on the next request of that wrk thread. wrk does not say on which connection an
    answer came, so the page is fetched with the cookies of the member who sent that
    thread's latest reply, not always its own author's (the same page, but for the
    Edit links under one post). Replies (302s) and their page views (200s) are
    counted apart and printed at the end ("lanting replies N", "lanting views N"):
    requests per second counts both.
    """
    rows = ",\n".join(
        f"  {{{lua_string(cookie)}, {lua_string(token)}}}" for cookie, token in sessions
    )
    texts = ",\n".join(f"  {lua_string(body)}" for body in bodies)
    path.write_text(
        f"""\
local sessions = {{
{rows}
}}
local bodies = {{
{texts}
}}
counter = 0
replies = 0
views = 0
id = 0  -- each thread's own, set by setup()
local threads = {{}}
local pages = {{}}  -- redirects waiting to be followed
local last_cookie = ""  -- of this thread's latest reply
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function request()
  if #pages > 0 then
    return wrk.format("GET", table.remove(pages, 1), {{["Cookie"] = last_cookie}})
  end
  counter = counter + 1
  local n = counter * 2 + id
  local s = sessions[(n % #sessions) + 1]
  local body = "csrfmiddlewaretoken=" .. s[2] .. "&markup=bbcode&body=" .. bodies[(n % #bodies) + 1]
  last_cookie = s[1]
  return wrk.format("POST", {lua_string(target)}, {{
    ["Cookie"] = s[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Referer"] = {lua_string(referer)},
  }}, body)
end
function response(status, headers, body)
  if status == 302 then
    replies = replies + 1
    local location = headers["Location"] or headers["location"]
    if location then
      location = string.gsub(location, "#.*$", "")
      location = string.gsub(location, "^https?://[^/]+", "")
      table.insert(pages, location)
    end
  elseif status == 200 then
    views = views + 1
  end
end
function done(summary, latency, requests)
  local r, v = 0, 0
  for _, thread in ipairs(threads) do
    r = r + thread:get("replies")
    v = v + thread:get("views")
  end
  io.write(string.format("lanting replies %d\\nlanting views %d\\n", r, v))
end
"""
    )
