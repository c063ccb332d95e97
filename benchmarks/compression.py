"""What gzip saves on the wire, and what it costs the server: each page and API answer of
Nagasaki (with the sample actuals, as `make demo` serves it) requested plain and with
`Accept-Encoding: gzip`, side by side in one process, page cache off.

    .venv/bin/python benchmarks/compression.py [--repeat 9]

Prints per URL the plain and gzipped bytes, the share saved, and the median build time of each
with their ratio (gzipped ÷ plain), then the medians over all URLs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from large_plans import NAGASAKI, ROOT
from page_times import NAGASAKI_URLS, database_with

URLS = [
    *NAGASAKI_URLS,
    "/nagasaki/dx-plan/2025-2027/indicators/1-1/",
    "/nagasaki/dx-plan/2025-2027/indicators/4-1/data.json",
]
SAMPLE = ROOT / "data" / "nagasaki-sample" / "actuals.csv"


def measure(urls: list[str], repeat: int) -> dict[str, dict[str, float]]:
    """In this process (DXPLAN_DATA_DIR set by the caller), plain and gzipped in turn."""
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxplan.settings")
    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client = Client()
    headers = {"plain": {}, "gzip": {"accept-encoding": "gzip"}}
    out = {}
    with override_settings(CACHES=dummy, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for url in urls:
            row: dict[str, float] = {}
            times: dict[str, list[float]] = {"plain": [], "gzip": []}
            for extra in headers.values():
                client.get(url, headers=extra)  # warm-up
            for _ in range(repeat):
                for name, extra in headers.items():
                    start = time.perf_counter()
                    response = client.get(url, headers=extra)
                    times[name].append(time.perf_counter() - start)
                    row[f"{name}_bytes"] = len(response.content)
                    row[f"{name}_encoded"] = response.get("Content-Encoding") == "gzip"
            for name in headers:
                row[f"{name}_ms"] = statistics.median(times[name]) * 1000
            out[url] = row
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: a JSON list of URLs
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure), args.repeat)))
        return 0
    print(
        f"Reproduce: cd {ROOT} && {sys.executable} benchmarks/compression.py "
        f"--repeat={args.repeat}\n"
    )
    with database_with([NAGASAKI]) as env:
        dxplan = [sys.executable, "-m", "dxplan"]
        subprocess.run(
            [*dxplan, "actuals", "import", str(SAMPLE), "--publish"],
            env=env,
            check=True,
            capture_output=True,
        )
        child = [
            sys.executable,
            __file__,
            "--measure",
            json.dumps(URLS),
            "--repeat",
            str(args.repeat),
        ]
        result = subprocess.run(child, env=env, check=True, capture_output=True, text=True)
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    width = max(map(len, URLS))
    print(
        f"{'URL':<{width}}  {'plain B':>9}  {'gzip B':>8}  {'saved':>5}  "
        f"{'plain ms':>8}  {'gzip ms':>7}  {'ratio':>5}"
    )
    saved, ratios = [], []
    for url in URLS:
        row = rows[url]
        share = 1 - row["gzip_bytes"] / row["plain_bytes"]
        ratio = row["gzip_ms"] / row["plain_ms"]
        saved.append(share)
        ratios.append(ratio)
        flag = "" if row["gzip_encoded"] and not row["plain_encoded"] else "  NOT COMPRESSED"
        print(
            f"{url:<{width}}  {row['plain_bytes']:>9,}  {row['gzip_bytes']:>8,}  {share:5.0%}  "
            f"{row['plain_ms']:8.1f}  {row['gzip_ms']:7.1f}  {ratio:5.2f}{flag}"
        )
    print(
        f"\nmedian saved {statistics.median(saved):.0%} (lowest {min(saved):.0%}, highest "
        f"{max(saved):.0%}); median time ratio gzip/plain {statistics.median(ratios):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
