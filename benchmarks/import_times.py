"""How long `dxplan load` takes, as a user runs it: one process per command, a fresh database each.

Measured (see benchmarks/README.md): Nagasaki's real plan; one generated plan with 5,000 indicators;
50 Nagasaki-sized cities loaded one after another into one database. Each is loaded twice: a first
import into an empty database, then the same folder again (a no-change import). Nagasaki and the
large plan are then loaded twice more: re-saved with a comment added (nothing changes, but the
files are no longer byte for byte those imported, so everything is read and compared), and with
one value changed (the plan's English name). The times include starting Python and Django,
because that is what a city's staff wait for.

    .venv/bin/python benchmarks/import_times.py [--indicators 5000] [--cities 50] [--repeat 3]
    .venv/bin/python benchmarks/import_times.py --quick     # 500 indicators, 5 cities, once

Exits 1 only when a command fails (its stderr is shown); a missed goal is reported, not fatal.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from large_plans import NAGASAKI, ROOT, write_large_plan, write_many_cities

GOAL_INDICATORS = 5000
GOAL_FIRST_IMPORT = 10.0  # seconds, first import of 5,000 indicators
GOAL_NO_CHANGE = 5.0  # seconds, loading the same 5,000 indicators again
STDERR_TAIL = 40  # lines of a failed command's stderr worth showing


class CommandFailed(Exception):
    """A dxplan command exited non-zero: timings after it would mean nothing."""

    def __init__(self, command: Sequence[str], returncode: int, stderr: str) -> None:
        super().__init__(f"{shlex.join(command)} exited with {returncode}")
        self.stderr = stderr


@dataclass
class Row:
    """One line of the result table: every time measured for it, in seconds."""

    label: str
    times: list[float] = field(default_factory=list)
    compare_with: str | None = None  # label of the row its ratio is taken against

    @property
    def minimum(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Options:
    indicators: int
    cities: int
    repeat: int
    database_url: str | None


def dxplan(env: dict[str, str], *arguments: str) -> float:
    """Run `python -m dxplan ...` in its own process and return its wall-clock time.

    stdout is discarded (some versions of `load` print a long report); stderr is kept for the
    error message.
    """
    command = [sys.executable, "-m", "dxplan", *arguments]
    start = time.perf_counter()
    result = subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise CommandFailed(command, result.returncode, result.stderr)
    return elapsed


def environment(data_dir: str, options: Options) -> dict[str, str]:
    """This process's environment, pointed at `data_dir`; a DATABASE_URL set in the shell is
    dropped so that a benchmark never writes to a database it was not given explicitly."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"DXPLAN_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "dxplan.settings"}
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    return env


@contextmanager
def fresh_database(options: Options) -> Iterator[dict[str, str]]:
    """The environment of a migrated, empty database, in a new data directory.

    Without --database-url the database is SQLite inside the temporary directory, so every run
    starts from nothing; with it, the given database is emptied (flush) after migrating.
    """
    with tempfile.TemporaryDirectory(prefix="dxplan-bench-db-") as data_dir:
        env = environment(data_dir, options)
        dxplan(env, "migrate", "-v0")
        if options.database_url:
            dxplan(env, "flush", "--no-input", "-v0")
        yield env


@dataclass
class PlanRows:
    first: Row
    again: Row
    resaved: Row
    changed: Row

    def rows(self) -> list[Row]:
        return [self.first, self.again, self.resaved, self.changed]


def resaved(folder: Path, target: Path) -> Path:
    """The folder with a comment added to every file: the same plan in other bytes."""
    shutil.copytree(folder, target)
    for path in sorted(target.rglob("*.yaml")):
        with path.open("a", encoding="utf-8") as file:
            file.write("# re-saved for benchmarks/import_times.py\n")
    return target


def one_value_changed(folder: Path, target: Path) -> Path:
    """The folder with one value changed: the plan's English name."""
    shutil.copytree(folder, target)
    plan_file = target / "plan.yaml"
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    plan["plan"]["name"]["en"] += " (revised)"
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def measure_plan(folder: Path, options: Options, rows: PlanRows, workspace: Path) -> None:
    """A first import into an empty database, then the same folder again, re-saved, and with
    one value changed."""
    same = resaved(folder, workspace / f"{folder.name}-resaved")
    changed = one_value_changed(folder, workspace / f"{folder.name}-changed")
    for _ in range(options.repeat):
        with fresh_database(options) as env:
            rows.first.times.append(dxplan(env, "load", str(folder)))
            rows.again.times.append(dxplan(env, "load", str(folder)))
            rows.resaved.times.append(dxplan(env, "load", str(same)))
            rows.changed.times.append(dxplan(env, "load", str(changed)))


@dataclass
class CityRows:
    total_first: Row
    per_city_first: Row
    last_first: Row
    total_again: Row
    per_city_again: Row

    def rows(self) -> list[Row]:
        return [
            self.total_first,
            self.per_city_first,
            self.last_first,
            self.total_again,
            self.per_city_again,
        ]


def measure_cities(folders: Sequence[Path], options: Options, rows: CityRows) -> None:
    """All cities one after another into one database, then all of them again unchanged.

    The last folder is Nagasaki's own, so its time shows what a database holding the other
    cities adds to loading Nagasaki.
    """
    for _ in range(options.repeat):
        with fresh_database(options) as env:
            first = [dxplan(env, "load", str(folder)) for folder in folders]
            again = [dxplan(env, "load", str(folder)) for folder in folders]
        rows.total_first.times.append(sum(first))
        rows.per_city_first.times.extend(first)
        rows.last_first.times.append(first[-1])
        rows.total_again.times.append(sum(again))
        rows.per_city_again.times.extend(again)


def start_up(options: Options) -> Row:
    """The floor under every load: starting Python and setting Django up (`dxplan --version`)."""
    row = Row("start-up: dxplan --version")
    with tempfile.TemporaryDirectory(prefix="dxplan-bench-db-") as data_dir:
        env = environment(data_dir, options)
        row.times = [dxplan(env, "--version") for _ in range(max(3, options.repeat))]
    return row


def run(options: Options, workspace: Path) -> list[Row]:
    """Every measurement, in the order of the table."""
    first, again = "Nagasaki: first import", "Nagasaki: no-change import"
    same, changed = "Nagasaki: no-change, files re-saved", "Nagasaki: one value changed"
    nagasaki = PlanRows(
        Row(first, compare_with=first),
        Row(again, compare_with=again),
        Row(same, compare_with=same),
        Row(changed, compare_with=changed),
    )
    size = f"{options.indicators:,} indicators"
    large = PlanRows(
        Row(f"{size}: first import", compare_with=first),
        Row(f"{size}: no-change import", compare_with=again),
        Row(f"{size}: no-change, files re-saved", compare_with=same),
        Row(f"{size}: one value changed", compare_with=changed),
    )
    n = options.cities
    cities = CityRows(
        Row(f"{n} cities: first import, total", compare_with=first),
        Row(f"{n} cities: first import, per city", compare_with=first),
        Row(f"Nagasaki after {n - 1} other cit{'y' if n == 2 else 'ies'}", compare_with=first),
        Row(f"{n} cities: no-change import, total", compare_with=again),
        Row(f"{n} cities: no-change import, per city", compare_with=again),
    )
    progress("start-up")
    rows = [start_up(options)]
    progress("Nagasaki")
    measure_plan(NAGASAKI, options, nagasaki, workspace)
    progress(f"{options.indicators:,} indicators")
    large_folder = write_large_plan(workspace / "large", options.indicators)
    measure_plan(large_folder, options, large, workspace)
    progress(f"{n} cities")
    copies = write_many_cities(workspace / "cities", n - 1) if n > 1 else []
    measure_cities([*copies, NAGASAKI], options, cities)
    return [*rows, *nagasaki.rows(), *large.rows(), *cities.rows()]


def progress(what: str) -> None:
    """A full run takes many minutes: say what is being measured."""
    print(f"measuring {what} ...", flush=True)


def table(rows: Sequence[Row]) -> str:
    """min and median per row, and the median's ratio to Nagasaki's matching import."""
    medians = {row.label: row.median for row in rows}
    width = max(len(row.label) for row in rows)
    lines = [f"{'measurement':<{width}}  {'runs':>4}  {'min s':>8}  {'median s':>8}  × Nagasaki"]
    for row in rows:
        ratio = f"{row.median / medians[row.compare_with]:10.1f}" if row.compare_with else ""
        line = f"{row.label:<{width}}  {len(row.times):>4}  {row.minimum:8.2f}  {row.median:8.2f}"
        lines.append(f"{line}  {ratio}".rstrip())
    return "\n".join(lines)


def goals(rows: Sequence[Row], indicators: int) -> str:
    """The issue's goals, judged on the medians of the large plan."""
    by_label = {row.label: row for row in rows}
    first = by_label[f"{indicators:,} indicators: first import"].median
    again = by_label[f"{indicators:,} indicators: no-change import"].median
    same = by_label[f"{indicators:,} indicators: no-change, files re-saved"].median
    lines = [
        f"Goals (for {GOAL_INDICATORS:,} indicators):",
        _goal("first import", first, GOAL_FIRST_IMPORT, indicators),
        _goal("no-change import", again, GOAL_NO_CHANGE, indicators),
        _goal("no-change import, files re-saved", same, GOAL_NO_CHANGE, indicators),
    ]
    if indicators != GOAL_INDICATORS:
        lines.append(
            f"  (measured with {indicators:,} indicators, not {GOAL_INDICATORS:,}: "
            "the verdicts are only indicative)"
        )
    return "\n".join(lines)


def _goal(what: str, seconds: float, limit: float, indicators: int) -> str:
    verdict = "PASS" if seconds < limit else "FAIL"
    measured = f"median {seconds:.2f} s with {indicators:,} indicators"
    return f"{verdict}  {what} under {limit:g} s: {measured}"


def reproduce(options: Options) -> str:
    """The command that measures the same thing again (a database URL is not printed)."""
    python = Path(sys.executable)
    if python.is_relative_to(ROOT):
        python = python.relative_to(ROOT)
    arguments = [
        str(python),
        "benchmarks/import_times.py",
        f"--indicators={options.indicators}",
        f"--cities={options.cities}",
        f"--repeat={options.repeat}",
    ]
    url = ' --database-url "$DATABASE_URL"' if options.database_url else ""
    return f"cd {shlex.quote(str(ROOT))} && {shlex.join(arguments)}{url}"


def describe_machine(options: Options) -> str:
    database = "the given --database-url" if options.database_url else "SQLite in a temporary dir"
    return (
        f"Python {platform.python_version()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs; database: {database}; commit: {_commit()}"
    )


def _commit() -> str:
    """Which code was measured: the commit, marked dirty when files were changed."""
    try:
        result = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def parse_options(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, help="size of the large plan (default 5000)")
    parser.add_argument("--cities", type=int, help="cities in one database (default 50)")
    parser.add_argument("--repeat", type=int, help="runs of each measurement (default 3)")
    parser.add_argument(
        "--quick", action="store_true", help="500 indicators, 5 cities, one run (a smoke test)"
    )
    parser.add_argument(
        "--database-url",
        help="measure on this database instead of SQLite; ALL ITS DATA IS DELETED on every run",
    )
    args = parser.parse_args(argv)
    quick = (500, 5, 1) if args.quick else (5000, 50, 3)
    options = Options(
        indicators=args.indicators or quick[0],
        cities=args.cities or quick[1],
        repeat=args.repeat or quick[2],
        database_url=args.database_url,
    )
    if options.indicators < 1 or options.cities < 1 or options.repeat < 1:
        parser.error("--indicators, --cities and --repeat must be at least 1")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    print(describe_machine(options))
    print(f"Reproduce: {reproduce(options)}\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="dxplan-bench-plans-") as workspace:
        try:
            rows = run(options, Path(workspace))
        except CommandFailed as failure:
            tail = "\n".join(failure.stderr.splitlines()[-STDERR_TAIL:])
            print(f"FAILED: {failure}\n{tail}", file=sys.stderr)
            return 1
    print(table(rows))
    print()
    print(goals(rows, options.indicators))
    return 0


if __name__ == "__main__":
    sys.exit(main())
