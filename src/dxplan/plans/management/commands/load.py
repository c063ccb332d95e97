"""dxplan load DIR: validate a plan folder, then write it in one transaction."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from dxplan.io.planfiles import PlanFilesInvalid, read_plan_folder
from dxplan.plans.actions import load_plan


class Command(BaseCommand):
    help = (
        "Load a plan folder (see docs/plan-format.md). Nothing is written if any file is invalid."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("directory")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )

    def handle(self, *args, directory: str, dry_run: bool, **options):  # type: ignore[no-untyped-def]
        try:
            bundle = read_plan_folder(directory)
        except PlanFilesInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(f"{directory.rstrip('/')}/{error}")
            raise CommandError(
                f"{len(invalid.errors)} 件の誤りがあるため、何も読み込んでいません。 / "
                f"{len(invalid.errors)} error(s): nothing was loaded."
            ) from None
        report = load_plan(bundle, dry_run=dry_run)
        plan = report.plan
        prefix = "[dry run] " if dry_run else ""
        if not report.changed:
            self.stdout.write(f"{prefix}{plan.name_ja} ({plan.name_en}): 変更なし / no changes")
            return
        self.stdout.write(f"{prefix}{plan.name_ja} ({plan.name_en}):")
        self.stdout.write(json.dumps(report.summary(), ensure_ascii=False, indent=2))
