"""dxplan load DIR: import a plan folder, applying only the difference, in one transaction."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from dxplan import locks
from dxplan.commands import ACTOR_HELP, WritingCommand, actor
from dxplan.io.gcpause import collector_paused
from dxplan.io.plan_import import (
    ImportRefused,
    ImportReport,
    import_plan,
    unchanged_since_import,
)
from dxplan.io.planfiles import PlanFilesInvalid, read_plan_folder


class Command(WritingCommand):
    help = (
        "Import a plan folder (see docs/plan-format.md): report every change and apply it in "
        "one transaction. Nothing is written if any file is invalid, if a record changed in "
        "dxplan since the last import holds another value, or if a deletion would remove "
        "figures entered in dxplan. One import runs at a time: another waits for it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="on a conflict, take the files' values"
        )
        parser.add_argument(
            "--allow-delete",
            action="store_true",
            help="allow deletions that remove figures entered in dxplan",
        )
        parser.add_argument("--actor", help=ACTOR_HELP)
        parser.add_argument(
            "--wait",
            type=float,
            default=locks.WAIT,
            metavar="SECONDS",
            help=f"how long to wait for another import to finish (default {locks.WAIT:g})",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, directory: str, **options: Any) -> None:
        with collector_paused():
            self._load(directory, options)

    def _load(self, directory: str, options: dict[str, Any]) -> None:
        report = unchanged_since_import(directory, dry_run=options["dry_run"])
        if report is None:
            report = self._import(directory, options)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
            return
        prefix = "[dry run] " if report.dry_run else ""
        title = f"{prefix}{report.name_ja} ({report.name_en}, {report.plan})"
        if report.unchanged_since is not None:
            when = timezone.localtime(report.unchanged_since).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"{title}: 変更なし（ファイルは {when} の取り込みのときのままで、"
                f"その後 dxplan での変更もありません） / no changes (the files are those "
                f"imported at {when}, and nothing was changed in dxplan since)"
            )
            return
        if not report.changed:
            self.stdout.write(f"{title}: 変更なし / no changes")
            return
        self.stdout.write(f"{title}:")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(json.dumps(report.summary(), ensure_ascii=False))

    def _import(self, directory: str, options: dict[str, Any]) -> ImportReport:
        try:
            bundle = read_plan_folder(directory)
        except PlanFilesInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(f"{directory.rstrip('/')}/{error}")
            raise CommandError(
                f"{len(invalid.errors)} 件の誤りがあるため、何も読み込んでいません。 / "
                f"{len(invalid.errors)} error(s): nothing was loaded."
            ) from None
        try:
            report = import_plan(
                bundle,
                actor=actor(options["actor"], "dxplan load"),
                dry_run=options["dry_run"],
                overwrite=options["overwrite"],
                allow_delete=options["allow_delete"],
                wait=options["wait"],
            )
        except locks.Busy as busy:
            raise CommandError(
                f"別の取り込みが実行中です。終わってから、もう一度実行してください"
                f"（{busy.wait:g} 秒待ちました）。何も変更していません。 / "
                f"Another import of this database is running; try again when it has finished "
                f"(waited {busy.wait:g} s). Nothing was changed."
            ) from None
        except ImportRefused as refused:
            for line in refused.lines():
                self.stderr.write(line)
            raise CommandError(
                "取り込みを中止しました。何も変更していません。 / "
                "Import refused: nothing was changed."
            ) from None
        return report
