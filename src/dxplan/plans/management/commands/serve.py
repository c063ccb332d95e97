"""dxplan serve: a multi-threaded production server (waitress), or Django's in debug mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the site. Uses waitress unless DXPLAN_DEBUG is on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        self.warn_if_empty()
        if settings.DEBUG:
            call_command("runserver", f"{host}:{port}")
            return
        import waitress

        from dxplan.wsgi import application

        self.stdout.write(f"dxplan: http://{host}:{port}/ (waitress, {threads} threads)")
        waitress.serve(application, host=host, port=port, threads=threads, ident="dxplan")

    def warn_if_empty(self) -> None:
        """Serving an empty database usually means the wrong data directory."""
        from django.db.utils import OperationalError, ProgrammingError

        from dxplan.plans.models import Plan

        try:
            empty = not Plan.objects.exists()
        except (OperationalError, ProgrammingError):
            empty = True
        if empty:
            where = settings.DATABASES["default"]["NAME"]
            self.stderr.write(
                f"注意: データベース {where} に計画がありません"
                "（dxplan migrate と dxplan load を実行、または DXPLAN_DATA_DIR を確認）。\n"
                f"Warning: the database {where} holds no plan (run dxplan migrate and dxplan load, "
                "or check DXPLAN_DATA_DIR)."
            )
