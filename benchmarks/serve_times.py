"""How fast dxplan serves its public pages and API, as a share of what the framework can do.

Runs, side by side on this machine, under the production server set-up (`dxplan serve`:
gunicorn, dxplan.wsgi_server):
- dxplan with a plan loaded (Nagasaki's by default), in a fresh data folder;
- the ceiling: the smallest Django view with the same settings and middleware (ceiling.py).
Every public page and API answer is found by following links from /, /en/ and /api/v1/; pages of
one kind (one URL pattern, one language) are loaded together with wrk, at each number of
connections, and right after each, the ceiling at the same number. The table prints requests per
second, the median and 99th-percentile latency, errors, and dxplan's share of the ceiling.

    .venv/bin/python benchmarks/serve_times.py                 # Nagasaki, 50 and 200 connections
    .venv/bin/python benchmarks/serve_times.py --quick         # 1 s each, 50 connections
    .venv/bin/python benchmarks/serve_times.py --plan DIR ...  # other plan folders, loaded in turn

Needs wrk (Debian: apt-get install wrk). Exits 1 when a command fails; a missed goal is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from dxplan.wsgi_server import default_workers  # noqa: E402 - after the path is known

NAGASAKI = ROOT / "data" / "nagasaki"
GOAL_SHARE = 0.70  # of the ceiling's requests per second, at every number of connections
GOAL_P99_MS = 100.0  # at 50 connections
HREF = re.compile(r'href="(/[^"#]*)"')
SKIPPED = ("/admin/", "/static/", "/api/v1/docs")
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%.1f %%.1f\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True)
class Load:
    """What one wrk run measured."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", action="append", type=Path, help="plan folder (repeatable)")
    parser.add_argument("--connections", default="50,200", help="comma-separated")
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--workers", type=int, default=default_workers(), help="as dxplan serve")
    parser.add_argument("--threads", type=int, default=1, help="as dxplan serve")
    parser.add_argument("--max-urls", type=int, default=5000)
    parser.add_argument("--database-url", help="PostgreSQL to measure on (its data is replaced)")
    parser.add_argument("--quick", action="store_true", help="1 s runs at 50 connections")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 1
    connections = [50] if args.quick else [int(c) for c in args.connections.split(",")]
    duration = 1 if args.quick else args.duration
    plans = args.plan or [NAGASAKI]
    print(_machine(args))
    with tempfile.TemporaryDirectory(prefix="dxplan-serve-") as tmp:
        env = _environment(Path(tmp), args.database_url)
        for step in (["init"], ["migrate", "-v0"], *[["load", str(p)] for p in plans]):
            _dxplan(env, *step)
        server = [*_dxplan_command(), "serve", *_server_options(args)]
        ceiling = [sys.executable, str(ROOT / "benchmarks" / "ceiling.py"), *_server_options(args)]
        with _running(server, env) as base, _running(ceiling, env) as top:
            groups = _groups(_crawl(base, args.max_urls), env)
            print(f"{sum(len(p) for p in groups.values())} URLs in {len(groups)} kinds\n")
            rows = _measure(groups, base, top, connections, duration, Path(tmp), args.workers)
    return _report(rows, connections)


def _machine(args: argparse.Namespace) -> str:
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    database = "PostgreSQL" if args.database_url else "SQLite"
    return (
        f"Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs; "
        f"{database}; gunicorn {args.workers} workers × {args.threads} threads; commit {commit}\n"
        f"Reproduce: cd {ROOT} && {sys.executable} benchmarks/serve_times.py "
        + " ".join(sys.argv[1:])
    )


def _environment(data: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
    env["DXPLAN_DATA_DIR"] = str(data / "var")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _dxplan_command() -> list[str]:
    return [sys.executable, "-m", "dxplan"]


def _dxplan(env: dict[str, str], *args: str) -> None:
    if args[:1] == ("migrate",) and "DATABASE_URL" in env:
        subprocess.run([*_dxplan_command(), "flush", "--no-input"], env=env, capture_output=True)
    done = subprocess.run([*_dxplan_command(), *args], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"dxplan {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def _server_options(args: argparse.Namespace) -> list[str]:
    port = _free_port()
    return ["--port", str(port), "--workers", str(args.workers), "--threads", str(args.threads)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _running(command: list[str], env: dict[str, str]) -> Iterator[str]:
    port = command[command.index("--port") + 1]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        yield from _serving(command, env, port, base, log)


def _serving(
    command: list[str], env: dict[str, str], port: str, base: str, log: Any
) -> Iterator[str]:
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log.seek(0)
                    sys.exit(f"{' '.join(command)} did not start:\n{log.read().decode()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _crawl(base: str, limit: int) -> list[str]:
    """Every public page and API answer reachable from the home pages and the API's root."""
    seen: dict[str, None] = {}
    queue = ["/", "/en/", "/api/v1/", "/api/v1/openapi.json"]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIPPED):
            continue
        with urllib.request.urlopen(base + path, timeout=30) as response:
            body = response.read().decode("utf-8", "replace")
            kind = response.headers.get("Content-Type", "")
        seen[path] = None
        found = HREF.findall(body) if "html" in kind else _json_links(body, base)
        queue += [link.replace("&amp;", "&") for link in found if link not in seen]
    return list(seen)


def _json_links(body: str, base: str) -> list[str]:
    links: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and (value.startswith(base) or value.startswith("/api/v1/")):
            parts = urlsplit(value)
            links.append(parts.path + (f"?{parts.query}" if parts.query else ""))

    walk(json.loads(body))
    return links


def _groups(paths: list[str], env: dict[str, str]) -> dict[str, list[str]]:
    """URLs by kind: the URL pattern they match, and the language of the page."""
    os.environ.update(DXPLAN_DATA_DIR=env["DXPLAN_DATA_DIR"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxplan.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.urls import resolve
    from django.utils import translation

    django.setup()
    groups: dict[str, list[str]] = {}
    for path in paths:
        english = path.startswith("/en/")
        with translation.override("en" if english else "ja"):
            route = resolve(path.split("?")[0]).route
        language = "en " if english else ("" if path.startswith("/api/") else "ja ")
        name = f"{language}/{route.removeprefix('en/')}" + (" ?…" if "?" in path else "")
        groups.setdefault(name, []).append(path)
    return dict(sorted(groups.items()))


def _wrk(base: str, paths: list[str], connections: int, seconds: int, folder: Path) -> Load:
    script = folder / "paths.lua"
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    threads = min(2, connections)
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"^RESULT (.*)$", done.stdout, re.MULTILINE)
    if match is None:
        sys.exit(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")
    requests, micros, *errors, p50, p99 = match.group(1).split()
    return Load(
        int(requests) / (int(micros) / 1e6),
        float(p50) / 1000,
        float(p99) / 1000,
        sum(int(e) for e in errors),
    )


@dataclass(frozen=True)
class Row:
    kind: str
    urls: int
    connections: int
    cold_ms: float  # median time of one request to a page of this kind just after a change
    ours: Load
    ceiling: Load

    @property
    def share(self) -> float:
        return self.ours.requests_per_second / self.ceiling.requests_per_second


def _cold_ms(base: str, paths: list[str], data: Path) -> float:
    """One request to each page right after a change: what the first reader after an import
    waits (each page is rendered, not read from the cache)."""
    (data / "changed").write_text(f"benchmark-{time.time_ns()}", encoding="ascii")
    times = []
    for path in paths:
        start = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _measure(
    groups: dict[str, list[str]],
    base: str,
    ceiling: str,
    connections: list[int],
    seconds: int,
    folder: Path,
    workers: int,
) -> list[Row]:
    """Each kind after a warm-up long enough for every worker to render each page once: the
    steady state of a site whose plans change a few times a day."""
    rows = []
    data = folder / "var"
    for name, paths in groups.items():
        cold = _cold_ms(base, paths, data)
        # Requests reach the workers at random: several rounds, so that each has every page.
        renders = 4 * len(paths) * workers * cold / 1000 / (os.cpu_count() or 1)
        warm_up = min(30, 2 + round(renders))
        for n in connections:
            _wrk(base, paths, n, warm_up, folder)
            ours = _wrk(base, paths, n, seconds, folder)
            top = _wrk(ceiling, ["/ceiling/"], n, seconds, folder)
            rows.append(Row(name, len(paths), n, cold, ours, top))
            print(_line(rows[-1]), flush=True)
    return rows


HEADER = (
    f"{'kind of page or API call':44} {'URLs':>4} {'conn':>4} {'cold ms':>7} {'req/s':>6} "
    f"{'ceiling':>7} {'share':>5} {'p50 ms':>6} {'p99 ms':>6} {'ceiling p99':>11} {'errors':>6}"
)


def _line(row: Row) -> str:
    ours, top = row.ours, row.ceiling
    return (
        f"{row.kind[:44]:44} {row.urls:4} {row.connections:4} {row.cold_ms:7.0f} "
        f"{ours.requests_per_second:6.0f} {top.requests_per_second:7.0f} {row.share:5.0%} "
        f"{ours.p50_ms:6.1f} {ours.p99_ms:6.1f} {top.p99_ms:11.1f} {ours.errors:6}"
    )


def _report(rows: list[Row], connections: list[int]) -> int:
    print("\n" + HEADER)
    for row in rows:
        print(_line(row))
    shares = [row.share for row in rows]
    worst = min(rows, key=lambda row: row.share)
    errors = sum(row.ours.errors for row in rows)
    p99 = max((row.ours.p99_ms for row in rows if row.connections == 50), default=0.0)
    print(
        f"\nshare of the ceiling: median {statistics.median(shares):.0%}, lowest {worst.share:.0%} "
        f"({worst.kind} at {worst.connections} connections); slowest first render "
        f"{max(row.cold_ms for row in rows):.0f} ms"
    )
    verdicts = [
        (f"every kind at ≥ {GOAL_SHARE:.0%} of the ceiling", worst.share >= GOAL_SHARE),
        ("no errors", errors == 0),
    ]
    if 50 in connections:
        verdicts.append((f"p99 under {GOAL_P99_MS:.0f} ms at 50 connections", p99 < GOAL_P99_MS))
    for goal, met in verdicts:
        print(f"{'PASS' if met else 'FAIL'}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
