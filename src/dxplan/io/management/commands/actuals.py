"""`dxplan actuals template|import`: yearly actuals through Excel (or CSV), as departments work.

    dxplan actuals template nagasaki/dx-plan --fiscal-year R7 [--department 人事課] -o FILE.xlsx
    dxplan actuals import FILE.xlsx|FILE.csv [--dry-run] [--actor USERNAME] [--format json]
    dxplan actuals remove-samples nagasaki/dx-plan [--actor USERNAME]

The format and the rules are in docs/actuals.md.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from dxplan.commands import ACTOR_HELP, WritingCommand, actor
from dxplan.core.errors import BilingualError
from dxplan.core.fiscal_year import parse_fiscal_year
from dxplan.indicators.actions import remove_samples
from dxplan.io.actuals_files import (
    ActualsFileInvalid,
    formula_warnings,
    read_actuals,
    write_template,
)
from dxplan.io.actuals_import import import_actuals, template_rows

from ._common import find_plan


class Command(WritingCommand):
    help = "Yearly actuals through Excel or CSV: write a workbook to fill in, import it back."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        template = actions.add_parser("template", help="write the workbook of a fiscal year")
        template.add_argument("plan", help="ORG/PLAN, e.g. nagasaki/dx-plan")
        template.add_argument("--fiscal-year", required=True, help="R7, 令和7年度, 2025…")
        template.add_argument("--department", help="only the indicators of this department")
        template.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
        load = actions.add_parser("import", help="read a filled-in workbook or CSV file")
        load.add_argument("file")
        load.add_argument("--dry-run", action="store_true", help="report, write nothing")
        load.add_argument(
            "--publish",
            action="store_true",
            help="publish every figure of the file at once (after review; audited)",
        )
        load.add_argument(
            "--submit",
            action="store_true",
            help="submit every figure of the file for review (a department's round)",
        )
        load.add_argument("--actor", help=ACTOR_HELP)
        load.add_argument("--format", choices=["text", "json"], default="text")
        samples = actions.add_parser(
            "remove-samples",
            help="delete the plan's sample (fictitious) figures, as before real ones are entered",
        )
        samples.add_argument("plan", help="ORG/PLAN, e.g. nagasaki/dx-plan")
        samples.add_argument("--actor", help=ACTOR_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "template":
            self._template(options)
        elif options["action"] == "remove-samples":
            plan = find_plan(options["plan"])
            removed = remove_samples(
                plan, actor=actor(options["actor"], "dxplan actuals remove-samples")
            )
            self.stdout.write(
                f"サンプルの実績を {removed} 件削除しました / {removed} sample figures removed"
            )
        else:
            self._import(options)

    def _template(self, options: dict[str, Any]) -> None:
        plan = find_plan(options["plan"])
        try:
            year = parse_fiscal_year(options["fiscal_year"])
        except BilingualError as error:
            raise CommandError(str(error)) from None
        rows = template_rows(plan, year, department=options["department"])
        if not rows:
            raise CommandError(
                "該当する成果指標がありません。 / No indicator matches: check --department."
            )
        identifier = f"{plan.organisation.slug}/{plan.slug}"
        write_template(options["output"], identifier, plan.name_ja, year, rows)
        self.stdout.write(f"{options['output']}: {len(rows)} 系列 / series, FY{year}")

    def _import(self, options: dict[str, Any]) -> None:
        warnings = []
        try:
            rows, problems = read_actuals(options["file"])
            warnings = formula_warnings(rows)
            for warning in warnings:  # stored as entered, but worth a look
                self.stderr.write(f"警告 / Warning: {warning}")
            report = import_actuals(
                rows,
                actor=actor(options["actor"], "dxplan actuals import"),
                dry_run=options["dry_run"],
                problems=problems,
                publish=options["publish"],
                submit=options["submit"],
            )
        except ActualsFileInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(invalid.problems)} 件の誤りがあるため、何も取り込んでいません。 / "
                f"{len(invalid.problems)} problem(s): nothing was stored."
            ) from None
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "plan": report.plan,
                        "dry_run": report.dry_run,
                        "summary": report.summary(),
                        "changes": report.changes_as_json(),
                        "warnings": [w.as_json() for w in warnings],
                    },
                    ensure_ascii=False,
                    indent=2,
                    default=str,
                )
            )
            return
        prefix = "[dry run] " if report.dry_run else ""
        for change in report.changed:
            self.stdout.write(str(change))
        counts = report.summary()
        self.stdout.write(
            f"{prefix}{report.plan}: 新規 {counts['create']}・訂正 {counts['correct']}・"
            f"公表待ちの訂正 {counts['pending']}・訂正の取り下げ {counts['withdraw']}・"
            f"変更なし {counts['same']} / {counts['create']} new, {counts['correct']} corrected, "
            f"{counts['pending']} corrections awaiting publication, {counts['withdraw']} "
            f"corrections withdrawn, {counts['same']} unchanged"
        )
        if report.published:
            self.stdout.write(f"{prefix}公表 {report.published} / {report.published} published")
        if report.submitted:
            self.stdout.write(
                f"{prefix}審査に提出 {report.submitted} / {report.submitted} submitted for review"
            )
