"""dxplan serve: the production server (gunicorn), or Django's own server in debug mode.

The set-up measured and documented in docs/deploy.md: one worker process per core and one more,
behind a TLS proxy on the same machine whose X-Forwarded-Proto is trusted.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dxplan.wsgi_server import default_workers, serve


class Command(BaseCommand):
    help = "Serve the site with gunicorn (Django's development server when DXPLAN_DEBUG is on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=default_workers(), help="processes (cores + 1)"
        )
        parser.add_argument(
            "--threads", type=int, default=1, help="threads per process (more than 1: gthread)"
        )
        parser.add_argument(
            "--forwarded-allow-ips",
            default=os.environ.get("DXPLAN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
            help="proxies whose X-Forwarded-* headers are trusted (default: this machine)",
        )

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        self.warn_if_empty()
        if settings.DEBUG:
            call_command("runserver", f"{host}:{port}")
            return
        if settings.SECRET_KEY_MISSING:
            raise CommandError(
                "秘密鍵がありません。先に dxplan init を実行してください。 / "
                "No secret key: run `dxplan init` first (or set DXPLAN_SECRET_KEY)."
            )
        self.stdout.write(
            f"dxplan: http://{host}:{port}/ (gunicorn, {options['workers']} workers × "
            f"{options['threads']} threads)"
        )
        self.stdout.flush()
        serve(
            host=host,
            port=port,
            workers=options["workers"],
            threads=options["threads"],
            forwarded_allow_ips=options["forwarded_allow_ips"],
        )

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
