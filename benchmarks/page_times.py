"""How long one page or API answer takes to build, uncached, as a plan grows and as cities are
added: the large-plan and the 50-cities goals of serving.

Three databases, each in a fresh data folder, loaded with `dxplan load`:
- Nagasaki alone;
- Nagasaki after 49 other Nagasaki-sized cities (the same plan under other organisations);
- the generated plan of 5,000 indicators (benchmarks/large_plans.py).
In each, every URL below is requested in one process with Django's test client and the page
cache switched off (each answer is built from the database, as after an import), `--repeat`
times after one warm-up request; the table prints the median in milliseconds and the answer's
size. Nagasaki alone and Nagasaki among the cities are measured in turn, three times each, so
that the machine's drift in speed moves both alike; the ratio is the median of the three pairs'.
`/api/v1/plans` lists every plan, so it grows with the cities by design.

    .venv/bin/python benchmarks/page_times.py            # 50 cities, 5,000 indicators
    .venv/bin/python benchmarks/page_times.py --quick    # 5 cities, 500 indicators

Goals (from the serving issue): every page and API answer of the large plan under 300 ms; a
city's page times unchanged when 50 cities are loaded (ratio about 1).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from large_plans import NAGASAKI, ROOT, write_large_plan, write_many_cities

GOAL_MS = 300.0
ROUNDS = 3  # Nagasaki alone and among the cities, measured in turn this many times
NAGASAKI_URLS = [
    "/nagasaki/dx-plan/",
    "/nagasaki/dx-plan/2025-2027/",
    "/nagasaki/dx-plan/2025-2027/measures/1-1/",
    "/nagasaki/dx-plan/2025-2027/indicators/",
    "/nagasaki/dx-plan/compare/",
    "/nagasaki/dx-plan/surveys/",
    "/en/nagasaki/dx-plan/about/",
    "/api/v1/plans",
    "/api/v1/plans/nagasaki/dx-plan/versions/2025-2027",
    "/api/v1/plans/nagasaki/dx-plan/versions/2025-2027/nodes/measure/1-1",
    "/api/v1/indicators?plan=nagasaki/dx-plan",
]
LARGE = "/large-city/dx-plan"
LARGE_URLS = [
    "/",
    f"{LARGE}/",
    f"{LARGE}/2025-2027/",
    f"{LARGE}/2025-2027/?page=16",
    f"{LARGE}/2025-2027/measures/250-5/",
    f"{LARGE}/2025-2027/indicators/",
    f"{LARGE}/2025-2027/indicators/?page=25",
    f"{LARGE}/2025-2027/indicators/?status=on_track",  # the roll-up's filter
    f"{LARGE}/about/",
    "/api/v1/plans",
    f"/api/v1/plans{LARGE}",
    f"/api/v1/plans{LARGE}/versions/2025-2027",
    f"/api/v1/plans{LARGE}/versions/2025-2027/nodes",
    f"/api/v1/plans{LARGE}/versions/2025-2027/nodes?offset=8000",
    f"/api/v1/plans{LARGE}/versions/2025-2027/nodes/measure/250-5",
    "/api/v1/indicators?plan=large-city/dx-plan",
    "/api/v1/indicators?plan=large-city/dx-plan&offset=2500",
    "/api/v1/progress?plan=large-city/dx-plan",  # every indicator, by its stored standing
    "/api/v1/progress?plan=large-city/dx-plan&fiscal_year=2025",
]


def measure(urls: list[str], repeat: int) -> dict[str, dict[str, float]]:
    """In this process (DXPLAN_DATA_DIR set by the caller): each URL's median time and size."""
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxplan.settings")
    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client = Client()
    out = {}
    with override_settings(CACHES=dummy, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for url in urls:
            client.get(url)  # warm-up: imports, templates, connections
            times, size, status = [], 0, 0
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                size, status = len(response.content), response.status_code
            out[url] = {"ms": statistics.median(times) * 1000, "bytes": size, "status": status}
    return out


@contextmanager
def database_with(folders: list[Path]) -> Iterator[dict[str, str]]:
    """The environment of a fresh data folder with `folders` loaded."""
    with tempfile.TemporaryDirectory(prefix="dxplan-pages-") as data_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DXPLAN_", "DATABASE_"))}
        env["DXPLAN_DATA_DIR"] = data_dir
        dxplan = [sys.executable, "-m", "dxplan"]
        for arguments in (["init"], ["migrate", "-v0"]):
            subprocess.run([*dxplan, *arguments], env=env, check=True, capture_output=True)
        for folder in folders:
            subprocess.run([*dxplan, "load", str(folder)], env=env, check=True, capture_output=True)
        yield env


def measured(env: dict[str, str], urls: list[str], repeat: int) -> dict[str, dict[str, float]]:
    """`urls` measured in a child process on the database of `env`."""
    child = [sys.executable, __file__, "--measure", json.dumps(urls), "--repeat", str(repeat)]
    result = subprocess.run(child, env=env, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def side_by_side(
    a: dict[str, str], b: dict[str, str], urls: list[str], repeat: int, rounds: int
) -> tuple[dict, dict, dict[str, float]]:
    """Both databases measured in turn (A B A B …), so that a machine that drifts in speed
    moves both alike; per URL the lower median of each, and the median of the pairs' ratios."""
    pairs = [(measured(a, urls, repeat), measured(b, urls, repeat)) for _ in range(rounds)]
    best_a = {u: min((p[0][u] for p in pairs), key=lambda r: r["ms"]) for u in urls}
    best_b = {u: min((p[1][u] for p in pairs), key=lambda r: r["ms"]) for u in urls}
    ratios = {u: statistics.median(p[1][u]["ms"] / p[0][u]["ms"] for p in pairs) for u in urls}
    return best_a, best_b, ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cities", type=int, default=50)
    parser.add_argument("--indicators", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="5 cities, 500 indicators, 3 runs")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: a JSON list of URLs
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure), args.repeat)))
        return 0
    if args.quick:
        args.cities, args.indicators, args.repeat = 5, 500, 3
    print(
        f"Reproduce: cd {ROOT} && {sys.executable} benchmarks/page_times.py "
        f"--cities={args.cities} --indicators={args.indicators} --repeat={args.repeat}\n"
    )
    with tempfile.TemporaryDirectory(prefix="dxplan-pages-plans-") as workspace:
        others = write_many_cities(Path(workspace) / "cities", args.cities - 1)
        large_folder = write_large_plan(Path(workspace) / "large", args.indicators)
        with database_with([NAGASAKI]) as one, database_with([*others, NAGASAKI]) as many:
            alone, among, ratio = side_by_side(one, many, NAGASAKI_URLS, args.repeat, ROUNDS)
        with database_with([large_folder]) as env:
            large = measured(env, LARGE_URLS, args.repeat)
    width = max(map(len, [*NAGASAKI_URLS, *LARGE_URLS]))
    print(
        f"Nagasaki alone, and among {args.cities} cities (lowest of {ROUNDS} medians, ms, uncached;"
    )
    print("ratio: the median of the rounds' ratios):")
    print(f"{'URL':<{width}}  {'alone':>7}  {'among':>7}  {'ratio':>5}  {'bytes':>9}")
    for url in NAGASAKI_URLS:
        a, b = alone[url], among[url]
        print(
            f"{url:<{width}}  {a['ms']:7.1f}  {b['ms']:7.1f}  {ratio[url]:5.2f}  "
            f"{b['bytes']:>9,}" + ("" if a["status"] == b["status"] == 200 else "  NOT 200")
        )
    ratios = [ratio[u] for u in NAGASAKI_URLS]
    print(f"median ratio {statistics.median(ratios):.2f}, highest {max(ratios):.2f}\n")
    print(f"{args.indicators:,} indicators (median ms, uncached; goal under {GOAL_MS:g} ms):")
    print(f"{'URL':<{width}}  {'ms':>7}  {'bytes':>9}")
    slow = 0
    for url in LARGE_URLS:
        row = large[url]
        verdict = "PASS" if row["ms"] < GOAL_MS and row["status"] == 200 else "FAIL"
        slow += verdict == "FAIL"
        extra = "" if row["status"] == 200 else f" (status {row['status']})"
        print(f"{url:<{width}}  {row['ms']:7.1f}  {row['bytes']:>9,}  {verdict}{extra}")
    print(f"\n{len(LARGE_URLS) - slow} of {len(LARGE_URLS)} under {GOAL_MS:g} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
