"""`dxplan progress assess`: the progress method on figures typed on the command line (what-if);
`dxplan progress refresh [ORG/PLAN …]`: work out every indicator's stored standing again.

    dxplan progress assess --baseline 36.3 --baseline-year R6 --target 50 --target-year R9 \\
        --actual R7=40.0 [--actual R8=45] [--ci R7=38.1,41.9] [--method linear|cagr] \\
        [--direction increase|decrease] [--cumulative] [--format text|json]

`assess` reads and writes no database: the same functions the portal uses
(dxplan.core.progress) on the given numbers. Numbers and years are read as plan files read them
(５０．０％, 1,234, 令和7年度, R7, FY2025).
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dxplan.core import progress
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.core.numbers import parse_decimal
from dxplan.indicators import progress_json


class Command(BaseCommand):
    help = (
        "The progress method on given figures (assess): achievement, elapsed, pace, status, "
        "forecast; or the stored standings worked out again (refresh)."
    )
    requires_system_checks: list[str] = []  # assess reads no database

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        assess = commands.add_parser("assess", help="assess actuals against a baseline and target")
        assess.add_argument("--baseline", required=True, help="the baseline value (基準値)")
        assess.add_argument("--baseline-year", required=True, help="its fiscal year: R6, 2024…")
        assess.add_argument("--target", required=True, help="the target value (目標値)")
        assess.add_argument("--target-year", required=True, help="its fiscal year: R9, 2027…")
        assess.add_argument(
            "--actual",
            action="append",
            default=[],
            metavar="YEAR=VALUE",
            help="an actual, e.g. R7=40.0 (repeatable)",
        )
        assess.add_argument(
            "--ci",
            action="append",
            default=[],
            metavar="YEAR=LOWER,UPPER",
            help="the interval of an actual, e.g. R7=38.1,41.9 (repeatable)",
        )
        assess.add_argument("--method", choices=["linear", "cagr"], default="linear")
        assess.add_argument("--direction", choices=["increase", "decrease"])
        assess.add_argument(
            "--cumulative",
            action="store_true",
            help="each actual is what its year added (累計): the running total is assessed",
        )
        assess.add_argument("--format", choices=["text", "json"], default="text")
        again = commands.add_parser(
            "refresh",
            help="work out each indicator's status by fiscal year again, as roll-ups read it "
            "(every migrate does it too)",
        )
        again.add_argument("plans", nargs="*", metavar="ORG/PLAN", help="only these plans")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "refresh":
            self._refresh(options["plans"])
            return
        try:
            series, actuals = _read(options)
            years = progress.assess(series, actuals)
            ahead = progress.forecast(series, years)
        except (BilingualError, ValueError) as error:
            raise CommandError(str(error)) from None
        if options["format"] == "json":
            answer = {
                "years": [progress_json.compact(progress_json.assessment(y)) for y in years],
                "forecast": progress_json.forecast(ahead),
            }
            self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
            return
        for year in years:
            line = (
                f"FY{year.fiscal_year}: {_number(year.value)}  achievement "
                f"{_percent(year.achievement)}  elapsed {_percent(year.elapsed)}  pace "
                f"{float(year.pace):.2f}  {year.status}"
            )
            if year.candidates:
                line += f" ({' / '.join(year.candidates)})"
            self.stdout.write(line)
            words = progress.reason(year)
            self.stdout.write(f"  {words.ja} / {words.en}")
        if not years:
            self.stdout.write(f"{progress.Status.NO_DATA}: {progress.reason(None).en}")
        if ahead is not None:
            band = (
                f" (80% interval {ahead.lower:.2f} – {ahead.upper:.2f})"
                if ahead.lower is not None and ahead.upper is not None
                else ""
            )
            self.stdout.write(
                f"forecast FY{ahead.target_year}: {ahead.value:.2f}{band}; target "
                f"{ahead.reaches_target} to be reached ({ahead.points} points)"
            )

    def _refresh(self, names: list[str]) -> None:
        from dxplan.indicators import standing
        from dxplan.plans.models import Plan

        plans = None
        if names:
            plans = []
            for name in names:
                org, _, slug = name.partition("/")
                found = Plan.objects.filter(organisation__slug=org, slug=slug).first()
                if found is None:
                    raise CommandError(f"計画がありません / no such plan: {name}")
                plans.append(found)
        written = standing.refresh_all(plans)
        self.stdout.write(f"年度別の状況を{written}件書きました / {written} standings written")


def _read(options: dict[str, Any]) -> tuple[progress.Series, list[progress.Actual]]:
    baseline = parse_decimal(options["baseline"], "%")
    target = parse_decimal(options["target"], "%")
    direction: Literal["increase", "decrease"] = options["direction"] or (
        "decrease" if target < baseline else "increase"
    )
    series = progress.Series(
        baseline,
        parse_fiscal_year(options["baseline_year"]),
        target,
        parse_fiscal_year(options["target_year"]),
        direction=direction,
        cumulative=options["cumulative"],
        method=options["method"],
    )
    intervals: dict[int, tuple[Decimal, Decimal]] = {}
    for given in options["ci"]:
        year, _, written = _pair(given, "--ci", "R7=38.1,41.9")
        lower, comma, upper = written.partition(",")
        if not comma:
            raise CommandError(f"--ci {given}: 下限,上限 と書いてください / write LOWER,UPPER")
        intervals[year] = (parse_decimal(lower, "%"), parse_decimal(upper, "%"))
    actuals = []
    for given in options["actual"]:
        year, _, value = _pair(given, "--actual", "R7=40.0")
        interval: tuple[Decimal | None, Decimal | None] = intervals.pop(year, (None, None))
        actuals.append(progress.Actual(year, parse_decimal(value, "%"), *interval))
    if intervals:
        years = ", ".join(f"FY{y}" for y in sorted(intervals))
        raise CommandError(
            f"--ci の年度に実績がありません / --ci for a year with no --actual: {years}"
        )
    return series, actuals


def _pair(given: str, option: str, example: str) -> tuple[int, str, str]:
    year, equals, rest = given.partition("=")
    if not equals:
        raise CommandError(
            f"{option} {given}: 「{example}」のように書いてください / write {example}"
        )
    return parse_fiscal_year(year.strip()), equals, rest.strip()


def _number(value: Fraction) -> str:
    return f"{float(value):g}"


def _percent(value: Fraction | float) -> str:
    return f"{float(value) * 100:.1f}%"
